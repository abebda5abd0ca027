#include "check_command.hpp"

#include <algorithm>
#include <iostream>

#include <fmt/core.h>

#include <faultline/core/units.hpp>
#include <faultline/net/allow_list.hpp>
#include <faultline/net/resolve_now.hpp>

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

// "TLSv1.3, CN=api.example.com, expires in 364 days".
std::string describe(const net::peer_facts& peer) {
    const std::string expiry = peer.days_left >= 0
                                   ? fmt::format("expires in {} days", peer.days_left)
                                   : fmt::format("expired {} days ago", -peer.days_left);
    return peer.protocol + ", " + (peer.subject.empty() ? "no subject" : peer.subject) + ", " +
           expiry;
}

// An address the run starts must be free now; any other must accept connections (and complete
// its TLS handshake) now.
verdict judge(const check_target& target, const probe_result& probe) {
    if (target.started_by_run) {
        if (probe.accepted)
            return {"PORT IN USE (something listens there already: the run would stop, exit 3)",
                    false};
        return {"STARTED BY THE RUN", true};
    }
    if (probe.dns_failed)
        return {"DNS FAILED (" + probe.reason + ")", false};
    if (!probe.accepted)
        return {"UNREACHABLE (" + probe.reason + ")", false};
    switch (probe.tls) {
        case tls_outcome::verify_failed:
            return {"TLS VERIFY FAILED (" + probe.reason + ")", false};
        case tls_outcome::handshake_failed:
            return {"TLS HANDSHAKE FAILED (" + probe.reason + ")", false};
        case tls_outcome::ok:
            return {"OK (" + (probe.peer ? describe(*probe.peer) : "no certificate") + ")", true};
        case tls_outcome::none:
            break;
    }
    return {"OK", true};
}

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items)
        out += (out.empty() ? "" : ", ") + item;
    return out;
}

// The scenario's [targets] allow and --allow-host, as the loader read them.
net::allow_list allowed_hosts(const scenario::scenario& sc, const scenario_source& source) {
    net::allow_list allowed;
    for (const auto* patterns : {&sc.targets.allow, &source.allow_hosts}) {
        for (const auto& text : *patterns) {
            if (auto pattern = net::parse_host_pattern(text))
                allowed.add(std::move(*pattern));
        }
    }
    return allowed;
}

// Per target: "" when it may be reached, else why not and how to allow it. Never touches a
// refused host (a name is resolved only to see whether an allowed network holds it).
std::vector<std::string> refusals(const std::vector<check_target>& targets,
                                  const net::allow_list& allowed, net::family_policy family) {
    const net::resolve_function resolve = [family](const std::string& host) {
        return net::resolve_now(host, family, connect_timeout);
    };
    std::vector<std::string> out(targets.size());
    for (std::size_t i = 0; i < targets.size(); ++i) {
        if (!targets[i].tcp || targets[i].started_by_run)
            continue;
        const auto& host = targets[i].tcp->host;
        const auto decision = net::admit(allowed, host, resolve);
        if (!decision.allowed)
            out[i] = fmt::format(
                "NOT ALLOWED ({}; allow it with --allow-host {} or [targets] allow = [\"{}\"])",
                decision.reason, host, host);
    }
    return out;
}

struct row {
    std::string address;
    std::string users;
    verdict judged;
};

std::vector<row> rows_of(const std::vector<check_target>& targets,
                         const std::vector<std::vector<probe_result>>& probes,
                         const std::vector<std::string>& refused) {
    std::vector<row> rows;
    for (std::size_t i = 0; i < targets.size(); ++i) {
        const auto users = joined(targets[i].users);
        if (!refused[i].empty()) {
            rows.push_back({targets[i].address(), users, {refused[i], false}});
            continue;
        }
        for (const auto& probe : probes[i]) {
            const auto address = probe.address.empty()
                                     ? targets[i].address()
                                     : targets[i].address() + " (" + probe.address + ")";
            rows.push_back({address, users, judge(targets[i], probe)});
        }
    }
    return rows;
}

}  // namespace

int check_command(const run_options& options) {
    const auto loaded = load_for_command(options.source, false);
    if (!loaded)
        return core::exit_usage;
    const auto targets = check_targets(*loaded);
    if (targets.empty()) {
        std::cout << options.source.path << ": no address to check\n";
        return core::exit_ok;
    }
    const auto refused =
        refusals(targets, allowed_hosts(*loaded, options.source), loaded->engine.dns_policy);
    std::vector<bool> skip(targets.size());
    for (std::size_t i = 0; i < targets.size(); ++i)
        skip[i] = !refused[i].empty();
    const auto probes = probe_all(targets, skip, loaded->engine.dns_policy, connect_timeout);
    const auto rows = rows_of(targets, probes, refused);
    std::size_t address_width = 0;
    std::size_t users_width = 0;
    for (const auto& r : rows) {
        address_width = std::max(address_width, r.address.size());
        users_width = std::max(users_width, r.users.size());
    }
    std::size_t problems = 0;
    for (const auto& r : rows) {
        problems += r.judged.fine ? 0 : 1;
        std::cout << fmt::format("{:<{}}  {:<{}}  {}\n", r.address, address_width, r.users,
                                 users_width, r.judged.status);
    }
    const auto not_allowed = static_cast<std::size_t>(
        std::count_if(refused.begin(), refused.end(), [](const auto& r) { return !r.empty(); }));
    if (not_allowed != 0) {
        std::cout << fmt::format(
            "{} of {} hosts are not allowed: a run would refuse the "
            "scenario (exit 2)\n",
            not_allowed, targets.size());
        return core::exit_usage;
    }
    if (problems != 0) {
        std::cout << fmt::format("{} of {} addresses would fail the run\n", problems, rows.size());
        return core::exit_failed;
    }
    std::cout << (rows.size() == 1 ? std::string("the address is")
                                   : fmt::format("all {} addresses are", rows.size()))
              << " ready for a run (connect timeout " << core::format_duration(connect_timeout)
              << ")\n";
    return core::exit_ok;
}

}  // namespace faultline::cli
