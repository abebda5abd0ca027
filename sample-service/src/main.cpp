// faultline-sample: parses the flags, serves until SIGINT or SIGTERM, exits 0.
#include <csignal>
#include <iostream>
#include <system_error>

#include <pthread.h>

#include <faultline/core/endpoint.hpp>
#include <faultline/core/logging.hpp>
#include <faultline/sample/command_line.hpp>
#include <faultline/sample/real_store.hpp>
#include <faultline/sample/server.hpp>

int main(int argc, char** argv) {
    namespace sample = faultline::sample;
    const sample::command_line cli = sample::parse_command_line(argc, argv);
    if (!cli.options) {
        (cli.exit_code == 0 ? std::cout : std::cerr) << cli.message << std::flush;
        return cli.exit_code;
    }
    faultline::core::setup_logging("warn");
    if (cli.options->store == sample::store_kind::real) {
        try {
            sample::real_store::prepare_schema(cli.options->real.pg_conninfo);
        } catch (const std::exception& e) {
            std::cerr << "faultline-sample: " << e.what() << "\n";
            return 3;
        }
    }

    // Block the stop signals before any io thread exists, so every thread inherits the mask
    // and only sigwait below sees them.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

    sample::server server(*cli.options);
    try {
        server.start();
    } catch (const std::system_error& e) {
        std::cerr << "faultline-sample: cannot listen on "
                  << faultline::core::host_port{cli.options->host, cli.options->port}.to_string()
                  << ": " << e.what() << "\n";
        return 3;
    }
    const faultline::core::host_port bound{faultline::core::numeric_host(cli.options->host),
                                           server.port()};
    std::cout << "faultline-sample listening on " << bound.to_string() << std::endl;

    int received = 0;
    sigwait(&stop_signals, &received);
    server.stop();
    return 0;
}
