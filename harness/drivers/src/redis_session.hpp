#pragma once
// One Redis connection of one virtual user.
#include <memory>
#include <random>
#include <string>
#include <vector>

#include <faultline/drivers/driver.hpp>

#include "client_connection.hpp"
#include "redis_driver.hpp"

struct redisReader;

namespace faultline::drivers {

/// Outcomes: ok for any reply but an error reply (check_failed); protocol for bytes that are
/// not RESP; connect_refused, connect_timeout, timeout, reset, eof and cancelled as for HTTP.
class redis_session final : public session {
public:
    redis_session(asio::any_io_executor executor, std::shared_ptr<const redis_config> config,
                  std::shared_ptr<net::name_cache> names, std::uint64_t seed);
    ~redis_session() override;
    redis_session(const redis_session&) = delete;
    redis_session& operator=(const redis_session&) = delete;

    asio::awaitable<stats::outcome> execute() override;
    void close() noexcept override;

private:
    asio::awaitable<stats::outcome> read_reply();
    void reset_reader();

    std::shared_ptr<const redis_config> config_;
    client_connection connection_;
    std::mt19937_64 rng_;
    std::uint64_t seq_ = 0;
    std::string request_;
    std::string scratch_;
    std::vector<char> buffer_;
    redisReader* reader_ = nullptr;
};

}  // namespace faultline::drivers
