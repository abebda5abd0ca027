// [[thresholds]]: CI pass/fail conditions, each an expression judged over a scope.
#include <algorithm>

#include <faultline/core/units.hpp>

#include "sections.hpp"

namespace faultline::scenario::detail {
namespace {

constexpr auto bucket = std::chrono::milliseconds(100);

// A duration that must be a whole number of 100 ms buckets; nullopt (reported) when it is not.
std::optional<nanoseconds> on_bucket_grid(const table_reader& r, std::string_view key,
                                          std::optional<nanoseconds> value) {
    if (!value)
        return std::nullopt;
    if (*value % bucket != nanoseconds{0}) {
        r.ctx().error(*r.node(key), r.path(key) +
                                        ": expected a multiple of 100ms (the bucket width), got " +
                                        core::format_duration(*value));
        return std::nullopt;
    }
    return value;
}

void read_expression(const table_reader& r, threshold_spec& out, bool& ok) {
    const auto* node = r.node("expr");
    auto text = r.string("expr", true);
    if (!text) {
        ok = false;
        return;
    }
    auto parsed = parse_threshold_expression(*text);
    if (!parsed) {
        r.ctx().error_in_string(*node, *text, parsed.error().offset,
                                r.path("expr") + ": " + parsed.error().message);
        ok = false;
        return;
    }
    out.expression = std::move(*parsed);
}

void read_workload(const table_reader& r, const std::vector<workload>& workloads,
                   threshold_spec& out, bool& ok) {
    auto name = r.string("workload");
    if (!name) {
        ok = ok && r.node("workload") == nullptr;
        return;
    }
    const bool known = std::any_of(workloads.begin(), workloads.end(),
                                   [&](const workload& w) { return w.name == *name; });
    if (!known) {
        std::string names;
        for (const auto& w : workloads)
            names += (names.empty() ? "" : ", ") + w.name;
        r.ctx().error(*r.node("workload"), r.path("workload") + ": no workload is named '" + *name +
                                               "' (the workloads: " + names + ")");
        ok = false;
        return;
    }
    out.workload = *name;
}

void read_scope(const table_reader& r, threshold_spec& out, bool& ok) {
    if (auto over = r.string("over")) {
        if (*over == "run") {
            out.over = threshold_scope::run;
        } else if (*over == "step") {
            out.over = threshold_scope::step;
        } else if (*over == "window") {
            out.over = threshold_scope::window;
        } else {
            r.ctx().error(*r.node("over"),
                          r.path("over") + ": expected \"run\", \"step\" or \"window\", got \"" +
                              *over + "\"");
            ok = false;
        }
    }
    const bool windowed_keys = r.node("window") != nullptr || r.node("for") != nullptr;
    if (r.node("over") == nullptr && windowed_keys)
        out.over = threshold_scope::window;  // `for` or `window` alone mean sliding windows
    if (out.over != threshold_scope::window && windowed_keys) {
        const auto* node = r.node("window") != nullptr ? r.node("window") : r.node("for");
        r.ctx().error(*node, r.path(r.node("window") != nullptr ? "window" : "for") +
                                 ": only a threshold judged over = \"window\" has a window and "
                                 "a `for` duration");
        ok = false;
    }
    if (auto window = on_bucket_grid(r, "window", r.positive_duration("window")))
        out.window = *window;
    else if (r.node("window") != nullptr)
        ok = false;
    if (auto hold = on_bucket_grid(r, "for", r.duration("for")))
        out.hold_for = *hold;
    else if (r.node("for") != nullptr)
        ok = false;
}

}  // namespace

std::vector<threshold_spec> read_thresholds(context& ctx, const toml::node* node,
                                            const std::vector<workload>& workloads) {
    std::vector<threshold_spec> out;
    if (node == nullptr)
        return out;
    for_each_table(ctx, *node, "thresholds",
                   [&](const toml::table& table, const std::string& path) {
                       table_reader r(ctx, table, path, "[[thresholds]]",
                                      {"expr", "workload", "over", "window", "for"});
                       threshold_spec spec;
                       bool ok = true;
                       read_expression(r, spec, ok);
                       read_workload(r, workloads, spec, ok);
                       read_scope(r, spec, ok);
                       if (ok)
                           out.push_back(std::move(spec));
                   });
    return out;
}

}  // namespace faultline::scenario::detail
