#pragma once
/// Private PostgreSQL 15 and Redis 7 servers on free 127.0.0.1 ports, started with
/// scripts/postgres.sh and scripts/redis.sh, stopped (and their data removed) on destruction.
#include <cstdint>
#include <string>

#include <faultline/test/support.hpp>

namespace faultline::test {

/// redis-server with nothing persisted.
class redis_server {
public:
    redis_server();
    ~redis_server();
    redis_server(const redis_server&) = delete;
    redis_server& operator=(const redis_server&) = delete;
    std::uint16_t port() const noexcept { return port_; }
    int pid() const noexcept { return pid_; }

private:
    temp_dir dir_;
    std::uint16_t port_ = 0;
    int pid_ = 0;
};

/// PostgreSQL with trust authentication: user postgres, database postgres.
class postgres_server {
public:
    postgres_server();
    ~postgres_server();
    postgres_server(const postgres_server&) = delete;
    postgres_server& operator=(const postgres_server&) = delete;
    std::uint16_t port() const noexcept { return port_; }
    int pid() const noexcept { return pid_; }
    /// "host=127.0.0.1 port=P user=postgres dbname=postgres connect_timeout=5"
    std::string conninfo() const;

private:
    temp_dir dir_;
    std::uint16_t port_ = 0;
    int pid_ = 0;
};

}  // namespace faultline::test
