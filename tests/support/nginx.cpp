#include <cstdlib>
#include <stdexcept>

#include <faultline/test/nginx.hpp>

namespace faultline::test {

std::string source_dir() {
    return FAULTLINE_SOURCE_DIR;
}

nginx_server::nginx_server() {
    for (int attempt = 0; attempt < 5 && port_ == 0; ++attempt) {
        auto port = free_port();
        // Appended piece by piece: GCC 12 at -O2 warns falsely (-Warray-bounds) on a chain of +.
        std::string cmd = source_dir();
        cmd += "/scripts/nginx.sh start ";
        cmd += dir_.path().string();
        cmd += " " + std::to_string(port) + " >/dev/null 2>&1";
        if (std::system(cmd.c_str()) == 0)
            port_ = port;
    }
    if (port_ == 0)
        throw std::runtime_error("could not start nginx with scripts/nginx.sh");
}

nginx_server::~nginx_server() {
    std::string cmd = source_dir();
    cmd += "/scripts/nginx.sh stop ";
    cmd += dir_.path().string();
    cmd += " >/dev/null 2>&1";
    if (std::system(cmd.c_str()) != 0)
        std::abort();
}

}  // namespace faultline::test
