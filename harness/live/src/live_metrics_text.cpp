#include <fmt/core.h>

#include <faultline/core/listener.hpp>
#include <faultline/live/live_metrics_text.hpp>

namespace faultline::live {
namespace {

std::string label(std::string_view key, std::string_view value) {
    return fmt::format("{}=\"{}\"", key, core::escape_label_value(value));
}

// Writes families in either format: the two differ in how a counter's and an info's TYPE line
// names them and in the closing "# EOF".
class writer {
public:
    explicit writer(scrape_format f) : format_(f) {}

    // Starts a family; returns the name its samples carry (name_total for a counter).
    std::string family(std::string_view name, std::string_view type, std::string_view help) {
        const bool om = format_ == scrape_format::openmetrics;
        std::string sample_name(name);
        std::string type_name(name);
        std::string shown_type(type);
        if (type == "counter") {
            sample_name += "_total";
            if (!om)
                type_name = sample_name;
        } else if (type == "info") {
            sample_name += "_info";
            if (!om) {
                type_name = sample_name;
                shown_type = "gauge";
            }
        }
        out_ += fmt::format("# HELP {} {}\n# TYPE {} {}\n", type_name, help, type_name, shown_type);
        return sample_name;
    }

    void sample(std::string_view name, std::string_view labels, double value) {
        if (labels.empty())
            out_ += fmt::format("{} {}\n", name, number(value));
        else
            out_ += fmt::format("{}{{{}}} {}\n", name, labels, number(value));
    }

    std::string finish() {
        if (format_ == scrape_format::openmetrics)
            out_ += "# EOF\n";
        return std::move(out_);
    }

private:
    static std::string number(double v) { return fmt::format("{}", v); }

    scrape_format format_;
    std::string out_;
};

void workload_families(writer& w, const live_state& s) {
    auto name = w.family("faultline_requests_sent", "counter", "Requests sent, by workload.");
    for (const auto& wl : s.workloads)
        w.sample(name, label("workload", wl.name), static_cast<double>(wl.total.sent));
    name = w.family("faultline_requests", "counter",
                    "Requests completed, by workload and outcome (ok, each error kind, "
                    "cancelled).");
    for (const auto& wl : s.workloads) {
        for (const auto o : stats::all_outcomes) {
            w.sample(name, label("workload", wl.name) + "," + label("outcome", stats::to_string(o)),
                     static_cast<double>(wl.total.outcomes[stats::to_index(o)]));
        }
    }
    name = w.family("faultline_throughput", "gauge",
                    "Successful requests per second over the last second, by workload.");
    for (const auto& wl : s.workloads)
        w.sample(name, label("workload", wl.name), wl.throughput_rps);
    name = w.family("faultline_error_ratio", "gauge",
                    "Errors / (ok + errors) over the last second, by workload.");
    for (const auto& wl : s.workloads)
        w.sample(name, label("workload", wl.name), wl.error_rate);
    name = w.family("faultline_latency_seconds", "summary",
                    "Latency: quantiles over the last second, sum and count since the start.");
    for (const auto& wl : s.workloads) {
        const auto who = label("workload", wl.name);
        if (wl.last_second) {
            const auto& l = *wl.last_second;
            for (const auto& [q, v] : {std::pair{"0.5", l.p50}, std::pair{"0.9", l.p90},
                                       std::pair{"0.99", l.p99}, std::pair{"1", l.max}})
                w.sample(name, who + "," + label("quantile", q), v);
        }
        w.sample(name + "_sum", who, wl.latency_sum_s);
        w.sample(name + "_count", who, static_cast<double>(wl.latency_count));
    }
}

}  // namespace

std::string render_live_metrics(const live_state& s, scrape_format format) {
    writer w(format);
    auto name = w.family("faultline_run", "info", "The run: scenario, load model, version.");
    w.sample(name,
             label("scenario", s.scenario) + "," + label("model", s.model) + "," +
                 label("version", s.version),
             1);
    name = w.family("faultline_elapsed_seconds", "gauge", "Seconds since the run started.");
    w.sample(name, "", s.elapsed_s);
    name = w.family("faultline_level", "gauge",
                    "The load level now: virtual users (closed model) or arrivals per second "
                    "(open model).");
    w.sample(name, "", s.level);
    name = w.family("faultline_segment", "gauge",
                    "Index of the plan segment (step) running now, from 0.");
    w.sample(name, "", static_cast<double>(s.segment));
    workload_families(w, s);
    name = w.family("faultline_fault_active", "gauge",
                    "1 while the fault is in place, else 0, for every fault of the scenario.");
    for (const auto& [fault, active] : s.faults)
        w.sample(name, label("fault", fault), active ? 1 : 0);
    return w.finish();
}

scrape_format format_for_accept(std::string_view accept) {
    return accept.find("application/openmetrics-text") != std::string_view::npos
               ? scrape_format::openmetrics
               : scrape_format::prometheus;
}

}  // namespace faultline::live
