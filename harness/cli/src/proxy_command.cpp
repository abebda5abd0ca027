// `faultline proxy`: fault proxies and their control API, until SIGINT or SIGTERM.
#include "proxy_command.hpp"

#include <csignal>
#include <iostream>

#include <faultline/core/asio.hpp>
#include <faultline/core/endpoint.hpp>
#include <faultline/core/version.hpp>
#include <faultline/proxies/proxy_server.hpp>
#include <faultline/proxy_api/api_security.hpp>
#include <faultline/proxy_api/api_server.hpp>
#include <faultline/proxy_api/populate_file.hpp>

#include "run_command.hpp"

namespace faultline::cli {
namespace {

// Problems with the options that need no socket: exit 2.
std::string check_options(const proxy_options& options) {
    auto api = core::parse_host_port(options.api);
    if (!api)
        return "--api: " + api.error();
    return proxy_api::check_bind(api->host, options.token);
}

// Waits on `signals`, which was set up before anything was printed: a signal that came since is
// delivered now rather than lost.
void wait_for_signal(asio::io_context& ioc, asio::signal_set& signals) {
    int received = 0;
    signals.async_wait([&received](const error_code& ec, int number) {
        if (!ec)
            received = number;
    });
    ioc.run();
    std::cout << "faultline proxy: " << (received == SIGINT ? "SIGINT" : "SIGTERM")
              << ": closing every proxy" << std::endl;
}

void print_started(const proxy_api::api_server& api, const proxies::proxy_server& server) {
    std::cout << "faultline proxy: control API on http://" << api.address() << std::endl;
    for (const auto& proxy : server.list()) {
        std::cout << "  " << proxy.name << "  " << proxy.listen << " -> " << proxy.upstream
                  << (proxy.enabled ? "" : "  (disabled)") << "\n";
    }
    std::cout << std::flush;
}

}  // namespace

int proxy_command(const proxy_options& options) {
    if (std::string problem = check_options(options); !problem.empty()) {
        std::cerr << "faultline proxy: " << problem << "\n";
        return core::exit_usage;
    }
    std::vector<proxies::proxy_request> initial;
    if (!options.config.empty()) {
        auto loaded = proxy_api::load_populate_file(options.config);
        if (!loaded) {
            std::cerr << core::to_string(loaded.error());
            return core::exit_usage;
        }
        initial = std::move(*loaded);
    }
    // From here on SIGINT and SIGTERM are caught (and queued until waited for), so a signal during
    // start-up still ends the process through the orderly shutdown below.
    asio::io_context signal_context(1);
    asio::signal_set signals(signal_context, SIGINT, SIGTERM);
    proxies::proxy_server_options server_options;
    server_options.data_threads = options.threads;
    proxies::proxy_server server(server_options);
    if (!initial.empty()) {
        auto populated = server.populate(initial);
        if (!populated) {
            std::cerr << "faultline proxy: " << options.config << ": " << populated.error().message
                      << "\n";
            return core::exit_cannot_run;
        }
    }
    proxy_api::api_server_options api_options;
    api_options.listen = options.api;
    api_options.token = options.token;
    api_options.version = core::version;
    auto api = proxy_api::api_server::start(server, api_options);
    if (!api) {
        std::cerr << "faultline proxy: " << api.error() << "\n";
        return core::exit_cannot_run;
    }
    print_started(**api, server);
    wait_for_signal(signal_context, signals);
    (*api)->stop();
    return core::exit_ok;
}

}  // namespace faultline::cli
