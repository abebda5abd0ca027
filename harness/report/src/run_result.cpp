#include <faultline/report/run_result.hpp>

namespace faultline::report {

std::string to_string(verdict_kind v) {
    switch (v) {
        case verdict_kind::pass:
            return "pass";
        case verdict_kind::fail:
            return "fail";
        case verdict_kind::invalid:
            return "invalid";
    }
    return "invalid";
}

std::vector<phase_summary> summarize(const stats::phase_histograms& h) {
    std::vector<phase_summary> out;
    for (const auto p : stats::all_phases) {
        const auto& took = h[p];
        if (took.count() > 0)
            out.push_back({p, took.count(), summarize(took)});
    }
    return out;
}

}  // namespace faultline::report
