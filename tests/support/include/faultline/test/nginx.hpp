#pragma once
/// A private nginx on a free 127.0.0.1 port, started with scripts/nginx.sh, stopped on destruction.
#include <cstdint>
#include <string>

#include <faultline/test/support.hpp>

namespace faultline::test {

class nginx_server {
public:
    nginx_server();
    ~nginx_server();
    nginx_server(const nginx_server&) = delete;
    nginx_server& operator=(const nginx_server&) = delete;
    std::uint16_t port() const noexcept { return port_; }

private:
    temp_dir dir_;
    std::uint16_t port_ = 0;
};

/// The project's source folder (for scripts/ and scenarios/).
std::string source_dir();

}  // namespace faultline::test
