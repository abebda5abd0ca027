// [slo]: the steady state a service keeps to, for the recovery analysis.
#include <faultline/core/units.hpp>

#include "sections.hpp"

namespace faultline::scenario::detail {
namespace {

constexpr auto bucket = std::chrono::milliseconds(100);

// latency = { p = 99, max = "100ms" }
void read_latency(const table_reader& r, slo_spec& out) {
    const auto* table = r.subtable("latency");
    if (table == nullptr)
        return;
    table_reader latency(r.ctx(), *table, r.path("latency"), "slo.latency", {"p", "max"});
    if (auto p = latency.number("p")) {
        if (*p > 0 && *p <= 100)
            out.quantile = *p;
        else
            r.ctx().error(*latency.node("p"), latency.path("p") +
                                                  ": expected a percentile above 0 and at most "
                                                  "100 (such as 99 or 99.9)");
    }
    if (auto max = latency.positive_duration("max"))
        out.latency = *max;
    else if (latency.node("max") == nullptr)
        latency.missing("max", "the latency bound, such as \"100ms\"");
}

}  // namespace

slo_spec read_slo(context& ctx, const toml::node* node) {
    slo_spec out;
    if (node == nullptr)
        return out;
    const auto* table = node->as_table();
    if (table == nullptr) {
        type_error(ctx, *node, "slo", "a table ([slo])");
        return out;
    }
    table_reader r(ctx, *table, "slo", "[slo]",
                   {"error_rate", "latency", "min_throughput", "window", "stable_for"});
    if (auto rate = r.percent("error_rate"))
        out.error_rate = *rate;
    read_latency(r, out);
    if (auto share = r.percent("min_throughput"))
        out.min_throughput = *share;
    if (auto window = r.positive_duration("window")) {
        if (*window % bucket != nanoseconds{0})
            ctx.error(*r.node("window"), r.path("window") +
                                             ": expected a multiple of 100ms (the bucket "
                                             "width), got " +
                                             core::format_duration(*window));
        else
            out.window = *window;
    }
    if (auto stable = r.positive_duration("stable_for"))
        out.stable_for = *stable;
    return out;
}

}  // namespace faultline::scenario::detail
