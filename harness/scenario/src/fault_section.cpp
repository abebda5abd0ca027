// [[faults]]: the drill's fault timeline. Each fault is read on its own, then checked against
// the scenario (known proxy or service, inside the run) and against the other faults (two
// outages of one proxy, two process faults of one service, or two toxics of one name on one
// proxy may not overlap).
#include <algorithm>
#include <map>

#include <faultline/core/units.hpp>

#include "sections.hpp"

namespace faultline::scenario::detail {
namespace {

// A fault as read, with what the cross-checks need to point at.
struct read_fault {
    fault_spec spec;
    const toml::table* table = nullptr;
    std::string path;
    bool explicit_name = false;
};

template <class Names>
std::string listed(const Names& items) {
    std::string out;
    for (const auto& item : items)
        out += (out.empty() ? "" : ", ") + item.name;
    return out.empty() ? "(none)" : out;
}

std::optional<outage_kind> outage_of(std::string_view text) {
    if (text == "refuse")
        return outage_kind::refuse;
    if (text == "blackhole")
        return outage_kind::blackhole;
    if (text == "reset")
        return outage_kind::reset;
    return std::nullopt;
}

std::optional<process_action> process_of(std::string_view text) {
    if (text == "kill")
        return process_action::kill;
    if (text == "pause")
        return process_action::pause;
    if (text == "restart")
        return process_action::restart;
    return std::nullopt;
}

// `key` = "NAME", which must name one of `items` (the scenario's proxies or services).
template <class Item>
std::optional<std::string> known_name(const table_reader& r, std::string_view key,
                                      const std::vector<Item>& items, const std::string& kind) {
    auto name = r.string(key);
    if (!name) {
        if (r.node(key) == nullptr)
            r.missing(key, "the [[" + kind + "]] name the fault acts on");
        return std::nullopt;
    }
    const bool found = std::any_of(items.begin(), items.end(),
                                   [&](const Item& item) { return item.name == *name; });
    if (!found) {
        r.ctx().error(*r.node(key), r.path(key) + ": unknown " + std::string(key) + " '" + *name +
                                        "'; the scenario's " + kind + " are: " + listed(items));
        return std::nullopt;
    }
    return name;
}

// Reports each key of `keys` present in the table as not belonging to this kind of fault.
void refuse_keys(const table_reader& r, std::initializer_list<std::string_view> keys,
                 std::string_view kind) {
    for (auto key : keys) {
        if (const auto* node = r.node(key))
            r.ctx().error(*node, r.path(key) + ": not a key of " + std::string(kind) + " faults");
    }
}

std::optional<fault_action> read_toxic_action(const table_reader& r, fault_spec& f,
                                              const std::vector<proxy_spec>& proxies) {
    refuse_keys(r, {"service", "restart_after", "undo", "timeout"}, "proxy");
    auto proxy = known_name(r, "proxy", proxies, "proxies");
    const auto* table = r.subtable("toxic");
    if (table == nullptr)
        return std::nullopt;
    auto toxic = read_toxic(r.ctx(), *table, r.path("toxic"));
    if (!toxic || !proxy)
        return std::nullopt;
    f.target = *proxy;
    f.kind = toxic->type;
    return toxic_fault{*proxy, std::move(*toxic)};
}

std::optional<fault_action> read_outage_action(const table_reader& r, fault_spec& f,
                                               const std::vector<proxy_spec>& proxies) {
    auto& ctx = r.ctx();
    refuse_keys(r, {"service", "restart_after", "undo", "timeout"}, "proxy");
    auto proxy = known_name(r, "proxy", proxies, "proxies");
    auto text = r.string("outage");
    if (!text)
        return std::nullopt;
    auto outage = outage_of(*text);
    if (!outage) {
        ctx.error(*r.node("outage"), r.path("outage") +
                                         ": expected \"refuse\", \"blackhole\" or \"reset\", "
                                         "got \"" +
                                         *text + "\"");
        return std::nullopt;
    }
    if (!proxy)
        return std::nullopt;
    const auto& spec = *std::find_if(proxies.begin(), proxies.end(),
                                     [&](const proxy_spec& p) { return p.name == *proxy; });
    if (*outage == outage_kind::refuse && spec.standalone()) {
        ctx.error(*r.node("outage"),
                  r.path("outage") + ": proxy '" + *proxy +
                      "' is standalone (api = ...): a disabled proxy has no lease and could "
                      "outlive the run; use \"reset\" or \"blackhole\", which are leased");
        return std::nullopt;
    }
    f.target = *proxy;
    f.kind = *text;
    return outage_fault{*proxy, *outage};
}

std::optional<fault_action> read_process_action(const table_reader& r, fault_spec& f,
                                                const std::vector<service>& services) {
    auto& ctx = r.ctx();
    refuse_keys(r, {"proxy", "undo", "timeout", "lease"}, "process");
    auto name = known_name(r, "service", services, "services");
    auto text = r.string("process");
    if (!text)
        return std::nullopt;
    auto action = process_of(*text);
    if (!action) {
        ctx.error(*r.node("process"), r.path("process") +
                                          ": expected \"kill\", \"pause\" or \"restart\", "
                                          "got \"" +
                                          *text + "\"");
        return std::nullopt;
    }
    process_fault p{name.value_or(""), *action, r.positive_duration("restart_after")};
    if (p.restart_after && *action != process_action::kill) {
        ctx.error(*r.node("restart_after"),
                  r.path("restart_after") + ": only a kill restarts after a time");
    }
    if (*action != process_action::pause && r.node("duration") != nullptr) {
        ctx.error(*r.node("duration"),
                  r.path("duration") + ": a " + *text + " has no duration" +
                      (*action == process_action::kill
                           ? "; use restart_after = \"5s\" to start the service again"
                           : ""));
    }
    if (!name)
        return std::nullopt;
    f.target = *name;
    f.kind = *text;
    return p;
}

std::optional<fault_action> read_command_action(const table_reader& r, fault_spec& f) {
    refuse_keys(r, {"proxy", "service", "restart_after", "lease"}, "command");
    command_fault c;
    auto command = r.string_array("command");
    if (!command || command->empty() || command->front().empty()) {
        if (command)
            r.ctx().error(*r.node("command"),
                          r.path("command") + ": expected a program and its arguments");
        return std::nullopt;
    }
    c.command = std::move(*command);
    if (auto undo = r.string_array("undo"))
        c.undo = std::move(*undo);
    if (auto timeout = r.positive_duration("timeout"))
        c.timeout = *timeout;
    f.kind = "command";
    return c;
}

// Exactly one of toxic, outage, process and command, read by its own reader.
std::optional<fault_action> read_action(const table_reader& r, const std::string& path,
                                        fault_spec& f, const std::vector<proxy_spec>& proxies,
                                        const std::vector<service>& services) {
    std::vector<std::string_view> given;
    for (auto key : {"toxic", "outage", "process", "command"}) {
        if (r.node(key) != nullptr)
            given.push_back(key);
    }
    if (given.size() != 1) {
        const std::string what =
            "exactly one of toxic = { ... }, outage = \"refuse\" | \"blackhole\" | \"reset\", "
            "process = \"kill\" | \"pause\" | \"restart\" or command = [ ... ]";
        if (given.empty())
            r.ctx().error(r.table(), path + ": expected " + what);
        else
            r.ctx().error(*r.node(given[1]), r.path(given[1]) +
                                                 ": a fault does one thing; expected " + what +
                                                 ", got both " + std::string(given[0]) + " and " +
                                                 std::string(given[1]));
        return std::nullopt;
    }
    const auto kind = given.front();
    if (kind == "toxic")
        return read_toxic_action(r, f, proxies);
    if (kind == "outage")
        return read_outage_action(r, f, proxies);
    if (kind == "process")
        return read_process_action(r, f, services);
    return read_command_action(r, f);
}

std::optional<read_fault> read_one(context& ctx, const toml::table& table, const std::string& path,
                                   const std::vector<proxy_spec>& proxies,
                                   const std::vector<service>& services) {
    table_reader r(ctx, table, path, "[[faults]]",
                   {"name", "at", "duration", "proxy", "toxic", "outage", "service", "process",
                    "restart_after", "command", "undo", "timeout", "lease"});
    read_fault out{{}, &table, path, false};
    auto& f = out.spec;
    if (auto name = r.string("name")) {
        if (name->empty())
            ctx.error(*r.node("name"), r.path("name") + ": expected a non-empty name");
        f.name = *name;
        out.explicit_name = true;
    }
    auto at = r.duration("at");
    if (at && at->count() < 0) {
        ctx.error(*r.node("at"), r.path("at") + ": expected a time at or after the start");
        at.reset();
    }
    if (!at && r.node("at") == nullptr)
        r.missing("at",
                  "when the fault starts, counted from the start of the load, such as \"20s\"");
    f.duration = r.positive_duration("duration");
    if (auto lease = r.positive_duration("lease")) {
        if (*lease < std::chrono::milliseconds(300))
            ctx.error(*r.node("lease"), r.path("lease") +
                                            ": expected at least 300ms (it is "
                                            "renewed every third of it)");
        else
            f.lease = *lease;
    }
    auto action = read_action(r, path, f, proxies, services);
    if (!at || !action)
        return std::nullopt;
    f.at = *at;
    f.action = std::move(*action);
    if (auto* toxic = std::get_if<toxic_fault>(&f.action)) {
        const auto& proxy = *std::find_if(proxies.begin(), proxies.end(), [&](const proxy_spec& p) {
            return p.name == toxic->proxy;
        });
        for (const auto& kept : proxy.toxics) {
            const auto kept_name = kept.name.empty() ? kept.type + "_" + kept.stream : kept.name;
            if (!toxic->toxic.name.empty() && kept_name == toxic->toxic.name) {
                ctx.error(*r.node("toxic"), r.path("toxic") + ": proxy '" + proxy.name +
                                                "' already carries a toxic named '" + kept_name +
                                                "' all run; name this one otherwise");
                return std::nullopt;
            }
        }
    }
    return out;
}

// When the fault ends, for the overlap check: unset = never (the run's end).
std::optional<nanoseconds> end_of(const fault_spec& f) {
    if (const auto* p = std::get_if<process_fault>(&f.action)) {
        if (p->action == process_action::restart)
            return f.at + nanoseconds{1};
        if (p->action == process_action::kill)
            return p->restart_after ? std::optional(f.at + *p->restart_after) : std::nullopt;
    }
    return f.duration ? std::optional(f.at + *f.duration) : std::nullopt;
}

// What a fault holds exclusively, or empty: faults with the same key may not overlap.
std::string exclusive_key(const fault_spec& f) {
    if (const auto* t = std::get_if<toxic_fault>(&f.action))
        return "a toxic named '" + t->toxic.name + "' on proxy '" + t->proxy + "'";
    if (const auto* o = std::get_if<outage_fault>(&f.action))
        return "an outage of proxy '" + o->proxy + "'";
    if (const auto* p = std::get_if<process_fault>(&f.action))
        return "a process fault of service '" + p->service + "'";
    return {};
}

void check_length(context& ctx, const read_fault& f, nanoseconds run_length) {
    const auto at = f.spec.at;
    const std::string plan = " (the run's plan lasts " + core::format_duration(run_length) + ")";
    if (at >= run_length) {
        ctx.error(*f.table->get("at"),
                  f.path + ".at: " + core::format_duration(at) + " is not inside the run" + plan);
        return;
    }
    auto end = end_of(f.spec);
    if (end && *end > run_length) {
        const char* key = f.table->get("duration") != nullptr ? "duration" : "restart_after";
        ctx.error(*f.table->get(key), f.path + "." + key + ": the fault would end at " +
                                          core::format_duration(*end) + ", after the run" + plan +
                                          (std::string_view(key) == "duration"
                                               ? "; leave duration out to keep it until the end"
                                               : ""));
    }
}

void check_overlaps(context& ctx, const std::vector<read_fault>& faults) {
    for (std::size_t i = 0; i < faults.size(); ++i) {
        const auto key = exclusive_key(faults[i].spec);
        if (key.empty())
            continue;
        for (std::size_t j = 0; j < i; ++j) {
            if (exclusive_key(faults[j].spec) != key)
                continue;
            const auto& a = faults[j].spec;
            const auto& b = faults[i].spec;
            const auto a_end = end_of(a);
            const auto b_end = end_of(b);
            const bool overlap = (!b_end || a.at < *b_end) && (!a_end || b.at < *a_end);
            if (!overlap)
                continue;
            ctx.error(*faults[i].table->get("at"),
                      faults[i].path + ": overlaps fault '" + a.name + "' (line " +
                          std::to_string(faults[j].table->source().begin.line) + "): both hold " +
                          key + " at once; let one end before the other starts");
            break;
        }
    }
}

}  // namespace

std::vector<fault_spec> read_faults(context& ctx, const toml::node* node,
                                    const std::vector<proxy_spec>& proxies,
                                    const std::vector<service>& services,
                                    std::optional<nanoseconds> run_length) {
    std::vector<read_fault> faults;
    if (node == nullptr)
        return {};
    for_each_table(ctx, *node, "faults", [&](const toml::table& table, const std::string& path) {
        if (auto f = read_one(ctx, table, path, proxies, services))
            faults.push_back(std::move(*f));
    });
    // Names: explicit ones must be unique; the others are "<target>-<kind>", made unique.
    std::map<std::string, std::size_t> used;
    for (std::size_t i = 0; i < faults.size(); ++i) {
        auto& f = faults[i];
        if (!f.explicit_name)
            continue;
        if (auto [first, inserted] = used.emplace(f.spec.name, i); !inserted) {
            ctx.error(*f.table->get("name"),
                      f.path + ".name: duplicate fault name '" + f.spec.name +
                          "' (first used at line " +
                          std::to_string(faults[first->second].table->source().begin.line) + ")");
        }
    }
    for (std::size_t i = 0; i < faults.size(); ++i) {
        auto& f = faults[i];
        if (f.explicit_name)
            continue;
        const std::string base = (f.spec.target.empty() ? "" : f.spec.target + "-") + f.spec.kind;
        std::string name = base;
        for (int n = 2; used.count(name) != 0; ++n)
            name = base + "-" + std::to_string(n);
        f.spec.name = name;
        used.emplace(name, i);
    }
    for (auto& f : faults) {
        if (auto* t = std::get_if<toxic_fault>(&f.spec.action); t && t->toxic.name.empty())
            t->toxic.name = f.spec.name;
    }
    if (run_length) {
        for (const auto& f : faults)
            check_length(ctx, f, *run_length);
    }
    std::stable_sort(faults.begin(), faults.end(), [](const read_fault& a, const read_fault& b) {
        return a.spec.at < b.spec.at;
    });
    check_overlaps(ctx, faults);
    std::vector<fault_spec> out;
    for (auto& f : faults)
        out.push_back(std::move(f.spec));
    return out;
}

}  // namespace faultline::scenario::detail

namespace faultline::scenario {

std::string to_string(process_action action) {
    switch (action) {
        case process_action::kill:
            return "kill";
        case process_action::pause:
            return "pause";
        case process_action::restart:
            return "restart";
    }
    return "?";
}

}  // namespace faultline::scenario
