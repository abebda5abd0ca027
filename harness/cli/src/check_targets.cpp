#include "check_targets.hpp"

#include <algorithm>

#include <faultline/conninfo/settings.hpp>

namespace faultline::cli {
namespace {

// Where libpq connects for `text`: its first host (hostaddr, else host) and port (PGPORT, else
// 5432). A host that is a folder means the Unix socket in it. nullopt when the string does not
// parse (the loader has checked it).
std::optional<check_target> postgres_target(const std::string& text) {
    auto parsed = conninfo::settings::parse(text);
    if (!parsed)
        return std::nullopt;
    const auto target = parsed->first_host();
    const auto port = parsed->first_port();
    check_target out;
    if (!target.empty() && target.front() == '/') {
        out.socket_path = target + "/.s.PGSQL." + port;
        return out;
    }
    const auto address = core::parse_host_port(
        (target.find(':') != std::string::npos ? "[" + target + "]" : target) + ":" + port);
    if (!address)
        return std::nullopt;
    out.tcp = *address;
    return out;
}

class target_list {
public:
    // Records that `who` uses `address`; the run starts what listens there when `owned`.
    void add(const core::host_port& address, std::string who, bool owned = false) {
        check_target t;
        t.tcp = core::host_port{core::numeric_host(address.host), address.port};
        add(std::move(t), std::move(who), owned);
    }

    void add(check_target target, std::string who, bool owned = false) {
        if (target.tcp)
            target.tcp->host = core::numeric_host(target.tcp->host);
        const auto address = target.address();
        auto found = std::find_if(list_.begin(), list_.end(),
                                  [&](const check_target& t) { return t.address() == address; });
        if (found == list_.end()) {
            list_.push_back(std::move(target));
            found = std::prev(list_.end());
        }
        found->started_by_run = found->started_by_run || owned;
        found->users.push_back(std::move(who));
    }

    std::vector<check_target> take() { return std::move(list_); }

private:
    std::vector<check_target> list_;
};

void add_workload(target_list& list, const scenario::workload& w) {
    const std::string who = "workload " + w.name;
    if (const auto* http = std::get_if<scenario::http_workload>(&w.driver)) {
        if (http->setup && !(http->setup->request.target == http->request.target))
            list.add(http->setup->request.target, who + " (setup)");
        list.add(http->request.target, who);
    } else if (const auto* redis = std::get_if<scenario::redis_workload>(&w.driver)) {
        list.add(redis->address, who);
    } else if (const auto* pg = std::get_if<scenario::postgres_workload>(&w.driver)) {
        if (auto target = postgres_target(pg->conninfo))
            list.add(std::move(*target), who);
    }
}

}  // namespace

std::vector<check_target> check_targets(const scenario::scenario& sc) {
    target_list list;
    for (const auto& s : sc.services) {
        if (s.ready)
            list.add(s.ready->tcp, "service " + s.name + " (ready)", true);
    }
    for (const auto& p : sc.proxies) {
        const std::string who = "proxy " + p.name;
        if (!p.standalone())
            list.add(p.listen, who + " (listen)", true);
        list.add(p.upstream, who + " (upstream)");
        if (p.api)
            list.add(*p.api, who + " (api)");
    }
    for (const auto& w : sc.workloads)
        add_workload(list, w);
    return list.take();
}

}  // namespace faultline::cli
