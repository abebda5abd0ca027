#include "check_targets.hpp"

#include <algorithm>

#include <faultline/drivers/driver_descriptor.hpp>

namespace faultline::cli {
namespace {

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
        } else if (!found->tls) {
            found->tls = std::move(target.tls);
        }
        found->started_by_run = found->started_by_run || owned;
        found->users.push_back(std::move(who));
    }

    std::vector<check_target> take() { return std::move(list_); }

private:
    std::vector<check_target> list_;
};

void add_workload(target_list& list, const scenario::workload& w) {
    const auto* driver = drivers::find_driver(w.driver_name);
    if (driver == nullptr || w.driver == nullptr)
        return;
    for (auto& target : driver->targets(*w.driver)) {
        check_target t;
        t.tcp = std::move(target.tcp);
        t.socket_path = std::move(target.socket_path);
        t.tls = std::move(target.tls);
        list.add(std::move(t),
                 "workload " + w.name + (target.role.empty() ? "" : " (" + target.role + ")"));
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
