#include <algorithm>

#include <fmt/core.h>
#include <unistd.h>

#include <faultline/live/progress.hpp>

namespace faultline::live {

progress_printer::progress_printer(bool enabled, core::load_model model, std::size_t planned)
    : enabled_(enabled), terminal_(isatty(STDERR_FILENO) == 1), model_(model), planned_(planned) {}

void progress_printer::clear_live() {
    if (live_shown_) {
        fmt::print(stderr, "\r\033[K");
        live_shown_ = false;
    }
}

void progress_printer::live(const live_state& s) {
    if (!live_enabled() || s.elapsed_s - last_live_s_ < 1.0)
        return;
    last_live_s_ = s.elapsed_s;
    double rps = 0;
    std::uint64_t ok = 0;
    std::uint64_t errors = 0;
    double p99 = 0;
    for (const auto& w : s.workloads) {
        rps += w.throughput_rps;
        ok += w.total.ok();
        errors += w.total.errors();
        if (w.last_second)
            p99 = std::max(p99, w.last_second->p99);
    }
    std::string faults;
    for (const auto& [name, in_place] : s.faults) {
        if (in_place)
            faults += (faults.empty() ? "  faults: " : ", ") + name;
    }
    const char* unit = model_ == core::load_model::open ? "/s" : " users";
    fmt::print(stderr,
               "\r\033[K{:>7.1f}s  {} {:>3}  level {:>8.0f}{:<6}  {:>9.1f} req/s  errors {}  "
               "p99 {:>8.2f}ms{}",
               s.elapsed_s, s.phase, s.segment + 1, s.level, unit, rps, errors, p99 * 1000, faults);
    std::fflush(stderr);
    live_shown_ = true;
}

void progress_printer::faults(const std::vector<std::string>& active, double t) {
    if (!enabled_ || active == active_)
        return;
    clear_live();
    for (const auto& name : active) {
        if (std::find(active_.begin(), active_.end(), name) == active_.end())
            fmt::print(stderr, "{:>7.1f}s  fault {} in place\n", t, name);
    }
    for (const auto& name : active_) {
        if (std::find(active.begin(), active.end(), name) == active.end())
            fmt::print(stderr, "{:>7.1f}s  fault {} removed\n", t, name);
    }
    active_ = active;
}

namespace {

// "p99 84.2ms > 50ms", "error_rate 12.5% > 1%".
std::string describe(const ramps::trip& t) {
    const char* relation = t.criterion == "min_attainment" || t.criterion == "knee" ? "<" : ">";
    switch (t.unit) {
        case ramps::trip_unit::fraction:
            return fmt::format("{} {:.3g}% {} {:.3g}%", t.criterion, t.value * 100, relation,
                               t.limit * 100);
        case ramps::trip_unit::milliseconds:
            return fmt::format("{} {:.3g}ms {} {:.3g}ms", t.criterion, t.value, relation, t.limit);
        case ramps::trip_unit::count:
            break;
    }
    return fmt::format("{} {:.0f} {} {:.0f}", t.criterion, t.value, relation, t.limit);
}

}  // namespace

void progress_printer::step(const report::step_record& r) {
    if (!enabled_)
        return;
    clear_live();
    const char* unit = model_ == core::load_model::open ? "/s" : " users";
    std::string verdict = r.interrupted ? "interrupted" : r.passed ? "ok" : "TRIPPED";
    for (const auto& t : r.tripped)
        verdict += " " + describe(t);
    if (r.generator_bound)
        verdict += " (generator bound)";
    const std::string position = r.probe
                                     ? fmt::format("probe {:>3}  ", r.index + 1)
                                     : fmt::format("{} {:>3}/{}", r.phase, r.index + 1, planned_);
    fmt::print(stderr,
               "{}  level {:>8.0f}{:<6}  {:>9.1f} req/s  err {:>6.2f}%  p50 {:>8.2f}ms  "
               "p99 {:>8.2f}ms  {}\n",
               position, r.level, unit, r.throughput_rps, r.error_rate * 100,
               to_millis(r.latency.p50), to_millis(r.latency.p99), verdict);
}

void progress_printer::summary(const report::run_result& r) {
    clear_live();
    const auto& bp = r.breaking_point;
    if (r.drill) {
        // A drill holds its level on purpose: the faults, not the load, make it fail.
        for (const auto& f : r.drill->faults) {
            if (!f.analysed) {
                fmt::print(stderr, "fault {}: {}\n", f.record.name,
                           f.record.error.empty() ? "did not take effect" : f.record.error);
                continue;
            }
            const auto& o = f.overall;
            fmt::print(
                stderr, "fault {}: {:.1f}s-{:.1f}s; {}\n", f.record.name, f.disruption.start_s,
                f.disruption.end_s,
                !o.time_to_detect_s ? "no workload turned unhealthy"
                : o.recovered
                    ? fmt::format("detected after {:.1f} s, recovered {:.1f} s after it "
                                  "ended, {} requests lost",
                                  *o.time_to_detect_s, *o.time_to_recover_s, o.lost)
                    : fmt::format("detected after {:.1f} s, not recovered", *o.time_to_detect_s));
        }
        fmt::print(stderr, "cascade: {}\n", r.drill->cascade ? "detected" : "none");
    } else if (bp.found) {
        fmt::print(stderr, "breaking point: level {:.0f} ({})", bp.level, bp.criterion);
        if (bp.capacity) {
            fmt::print(stderr, "; capacity: level {:.0f} at {:.1f} req/s", bp.capacity->level,
                       bp.capacity->throughput_rps);
        }
        fmt::print(stderr, "\n");
        if (r.refined) {
            fmt::print(
                stderr,
                "refined: passes at level {:.1f} ({:.1f} req/s), fails at {:.1f}; {} probes{}\n",
                r.refined->pass_level, r.refined->pass_throughput_rps, r.refined->fail_level,
                r.refined->probes, r.refined->converged ? "" : " (stopped before the tolerance)");
        }
    } else if (bp.generator_bound) {
        fmt::print(stderr, "no breaking point: the generator saturated at level {:.0f}\n",
                   bp.level);
    } else if (bp.capacity && !r.spike && !r.soak) {
        fmt::print(stderr, "no breaking point up to level {:.0f} ({:.1f} req/s)\n",
                   bp.capacity->level, bp.capacity->throughput_rps);
    }
    if (r.spike) {
        const auto& o = r.spike->overall;
        if (o.recovered)
            fmt::print(stderr,
                       "spike: recovered {:.1f} s after the spike ended (detected after "
                       "{}, outage {})\n",
                       *o.time_to_recover_s,
                       o.time_to_detect_s ? fmt::format("{:.1f} s", *o.time_to_detect_s) : "-",
                       o.outage_s ? fmt::format("{:.1f} s", *o.outage_s) : "none");
        else
            fmt::print(stderr, "spike: not recovered before the run ended\n");
    }
    if (r.soak) {
        fmt::print(stderr, "soak: {}\n",
                   r.soak->suspected.empty() ? "no significant drift"
                                             : fmt::format("{} suspected leak(s) or degradation(s)",
                                                           r.soak->suspected.size()));
    }
    fmt::print(stderr, "totals: sent {} ok {} errors {} cancelled {}; verdict {}\n", r.totals.sent,
               r.totals.ok(), r.totals.errors(), r.totals.cancelled(),
               report::to_string(r.verdict));
    for (const auto& reason : r.reasons)
        fmt::print(stderr, "  - {}\n", reason);
}

}  // namespace faultline::live
