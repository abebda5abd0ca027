#include <algorithm>

#include <spdlog/spdlog.h>

#include <faultline/faults/fault_timeline.hpp>

namespace faultline::faults {

bool touched_anything(const touch_counts& counts) {
    return std::any_of(counts.begin(), counts.end(), [](const auto& c) { return c.second > 0; });
}

enum class slot_state { pending, active, done };

struct fault_timeline::slot {
    timed_fault fault;
    fault_record record;
    slot_state state = slot_state::pending;
};

fault_timeline::fault_timeline(std::vector<timed_fault> faults, clock::time_point run_start)
    : run_start_(run_start) {
    std::stable_sort(faults.begin(), faults.end(),
                     [](const timed_fault& a, const timed_fault& b) { return a.at < b.at; });
    for (auto& f : faults) {
        auto s = std::make_unique<slot>();
        s->record.name = f.name;
        s->record.kind = f.kind;
        s->record.target = f.target;
        s->record.requested_start_s = to_seconds(f.at);
        if (f.until)
            s->record.requested_end_s = to_seconds(*f.until);
        s->fault = std::move(f);
        slots_.push_back(std::move(s));
    }
}

fault_timeline::~fault_timeline() {
    stop();
}

void fault_timeline::start() {
    if (!slots_.empty())
        thread_ = std::thread([this] { loop(); });
}

void fault_timeline::open_gate(bool inject) {
    {
        std::lock_guard lock(mutex_);
        if (!gate_)
            gate_ = inject;
    }
    wake_.notify_all();
}

std::optional<nanoseconds> fault_timeline::first_at() const {
    if (slots_.empty())
        return std::nullopt;
    return slots_.front()->fault.at;
}

double fault_timeline::now_s() const {
    return to_seconds(clock::now() - run_start_);
}

void fault_timeline::apply(slot& s) {
    const double started = now_s();
    expected<void, std::string> applied = make_unexpected(std::string("not applied"));
    try {
        applied = s.fault.effect->apply();
    } catch (const std::exception& e) {
        applied = make_unexpected(std::string(e.what()));
    }
    const double at = now_s();
    std::lock_guard lock(mutex_);
    s.record.started_s = started;
    if (applied) {
        s.record.applied_s = at;
        s.state = slot_state::active;
        spdlog::info("fault {}: {} on {} in place at {:.3f}s", s.fault.name, s.fault.kind,
                     s.fault.target.empty() ? "-" : s.fault.target, at);
    } else {
        s.record.error = applied.error();
        s.state = slot_state::done;
        spdlog::error("fault {}: could not be applied: {}", s.fault.name, applied.error());
    }
}

void fault_timeline::remove(slot& s, bool run_ending) noexcept {
    try {
        auto counts = s.fault.effect->touched();
        auto removed = s.fault.effect->remove(run_ending);
        const double at = now_s();
        std::lock_guard lock(mutex_);
        s.record.touched = std::move(counts);
        s.record.removed_s = at;
        s.record.removed_at_run_end = run_ending;
        if (!removed) {
            s.record.error = removed.error();
            spdlog::error("fault {}: removing it: {}", s.fault.name, removed.error());
        } else {
            spdlog::info("fault {}: removed at {:.3f}s", s.fault.name, at);
        }
        s.state = slot_state::done;
    } catch (const std::exception& e) {
        std::lock_guard lock(mutex_);
        s.record.error = e.what();
        s.state = slot_state::done;  // never retried: a loop on a throwing removal would spin
    }
}

void fault_timeline::loop() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        // The next event: a pending fault's start or an active fault's end.
        slot* next = nullptr;
        nanoseconds when = nanoseconds::max();
        for (auto& s : slots_) {
            if (s->state == slot_state::pending && s->fault.at < when) {
                next = s.get();
                when = s->fault.at;
            } else if (s->state == slot_state::active && s->fault.until && *s->fault.until < when) {
                next = s.get();
                when = *s->fault.until;
            }
        }
        if (next == nullptr) {
            wake_.wait(lock, [this] { return stopping_; });
            break;
        }
        if (wake_.wait_until(lock, run_start_ + when, [this] { return stopping_; }))
            break;
        if (next->state == slot_state::active) {
            lock.unlock();
            remove(*next, false);
            lock.lock();
            continue;
        }
        // Nothing is injected before the baseline is judged.
        wake_.wait(lock, [this] { return stopping_ || gate_.has_value(); });
        if (stopping_)
            break;
        if (!*gate_) {
            for (auto& s : slots_) {
                if (s->state == slot_state::pending) {
                    s->state = slot_state::done;
                    s->record.skipped = true;
                    s->record.error = "not injected: the baseline was not healthy";
                }
            }
            continue;
        }
        lock.unlock();
        apply(*next);
        lock.lock();
    }
}

void fault_timeline::stop() noexcept {
    if (stopped_.exchange(true))
        return;
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable())
        thread_.join();
    // Last applied first: a fault put in place over another comes off first.
    for (auto it = slots_.rbegin(); it != slots_.rend(); ++it) {
        auto& s = **it;
        if (s.state == slot_state::active) {
            remove(s, true);
        } else if (s.state == slot_state::pending) {
            s.state = slot_state::done;
            s.record.error = "not reached: the run ended before its time";
        }
    }
}

std::vector<std::string> fault_timeline::active() const {
    std::lock_guard lock(mutex_);
    std::vector<std::string> out;
    for (const auto& s : slots_) {
        if (s->state == slot_state::active)
            out.push_back(s->fault.name);
    }
    return out;
}

std::vector<fault_record> fault_timeline::records() const {
    std::lock_guard lock(mutex_);
    std::vector<fault_record> out;
    for (const auto& s : slots_)
        out.push_back(s->record);
    return out;
}

}  // namespace faultline::faults
