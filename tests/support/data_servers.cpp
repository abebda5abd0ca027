#include <cstdio>
#include <cstdlib>
#include <memory>
#include <stdexcept>

#include <faultline/test/data_servers.hpp>
#include <faultline/test/nginx.hpp>

namespace faultline::test {
namespace {

// Runs `script start DIR PORT` on free ports until one works; returns the port and the pid the
// script printed.
std::pair<std::uint16_t, int> start_with(const std::string& script, const std::string& dir) {
    for (int attempt = 0; attempt < 5; ++attempt) {
        const auto port = free_port();
        const std::string cmd = source_dir() + "/scripts/" + script + " start " + dir + " " +
                                std::to_string(port) + " 2>/dev/null";
        std::unique_ptr<FILE, int (*)(FILE*)> out(popen(cmd.c_str(), "r"), pclose);
        if (!out)
            continue;
        int pid = 0;
        const bool read = std::fscanf(out.get(), "%d", &pid) == 1;
        if (pclose(out.release()) == 0 && read && pid > 0)
            return {port, pid};
    }
    throw std::runtime_error("could not start a server with scripts/" + script);
}

void stop_with(const std::string& script, const std::string& dir) {
    const std::string cmd =
        source_dir() + "/scripts/" + script + " stop " + dir + " >/dev/null 2>&1";
    if (std::system(cmd.c_str()) != 0)
        std::abort();
}

}  // namespace

redis_server::redis_server() {
    std::tie(port_, pid_) = start_with("redis.sh", (dir_.path() / "redis").string());
}

redis_server::~redis_server() {
    stop_with("redis.sh", (dir_.path() / "redis").string());
}

postgres_server::postgres_server() {
    std::tie(port_, pid_) = start_with("postgres.sh", (dir_.path() / "pg").string());
}

postgres_server::~postgres_server() {
    stop_with("postgres.sh", (dir_.path() / "pg").string());
}

std::string postgres_server::conninfo() const {
    return "host=127.0.0.1 port=" + std::to_string(port_) +
           " user=postgres dbname=postgres connect_timeout=5";
}

}  // namespace faultline::test
