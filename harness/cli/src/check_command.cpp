#include "check_command.hpp"

#include <algorithm>
#include <iostream>

#include <fmt/core.h>

#include <faultline/core/units.hpp>

#include "address_probe.hpp"
#include "check_targets.hpp"
#include "scenario_loading.hpp"

namespace faultline::cli {
namespace {

constexpr auto connect_timeout = std::chrono::seconds(2);

struct verdict {
    std::string status;
    bool fine = false;
};

// An address the run starts must be free now; any other must accept connections now.
verdict judge(const check_target& target, const probe_result& probe) {
    if (target.started_by_run) {
        if (probe.accepted)
            return {"PORT IN USE (something listens there already: the run would stop, exit 3)",
                    false};
        return {"STARTED BY THE RUN", true};
    }
    if (probe.accepted)
        return {"OK", true};
    if (probe.dns_failed)
        return {"DNS FAILED (" + probe.reason + ")", false};
    return {"UNREACHABLE (" + probe.reason + ")", false};
}

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items)
        out += (out.empty() ? "" : ", ") + item;
    return out;
}

}  // namespace

int check_command(const run_options& options) {
    const auto loaded = load_for_command(options.source);
    if (!loaded)
        return core::exit_usage;
    const auto targets = check_targets(*loaded);
    if (targets.empty()) {
        std::cout << options.source.path << ": no address to check\n";
        return core::exit_ok;
    }
    const auto probes = probe_all(targets, connect_timeout);
    std::size_t address_width = 0;
    std::size_t users_width = 0;
    for (const auto& target : targets) {
        address_width = std::max(address_width, target.address().size());
        users_width = std::max(users_width, joined(target.users).size());
    }
    std::size_t problems = 0;
    for (std::size_t i = 0; i < targets.size(); ++i) {
        const auto [status, fine] = judge(targets[i], probes[i]);
        problems += fine ? 0 : 1;
        std::cout << fmt::format("{:<{}}  {:<{}}  {}\n", targets[i].address(), address_width,
                                 joined(targets[i].users), users_width, status);
    }
    if (problems != 0) {
        std::cout << fmt::format("{} of {} addresses would fail the run\n", problems,
                                 targets.size());
        return core::exit_failed;
    }
    std::cout << (targets.size() == 1 ? std::string("the address is")
                                      : fmt::format("all {} addresses are", targets.size()))
              << " ready for a run (connect timeout " << core::format_duration(connect_timeout)
              << ")\n";
    return core::exit_ok;
}

}  // namespace faultline::cli
