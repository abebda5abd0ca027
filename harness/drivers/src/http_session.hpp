#pragma once
// One HTTP/1.1 keep-alive connection of one virtual user.
#include <memory>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include <faultline/drivers/driver.hpp>
#include <faultline/drivers/http_response_parser.hpp>

#include "client_connection.hpp"
#include "http_driver.hpp"

namespace faultline::drivers {

class http_session final : public session, public std::enable_shared_from_this<http_session> {
public:
    http_session(asio::any_io_executor executor, std::shared_ptr<const http_config> config,
                 std::uint64_t seed);
    ~http_session() override;

    asio::awaitable<stats::outcome> execute() override;
    void close() noexcept override;

private:
    asio::awaitable<stats::outcome> connect();
    asio::awaitable<stats::outcome> exchange(const http_request_template& request, bool keep_body);
    asio::awaitable<stats::outcome> read_response();
    stats::outcome transport_failure(const error_code& ec) noexcept;
    stats::outcome run_captures();
    void drop_connection() noexcept;

    std::shared_ptr<const http_config> config_;
    client_connection connection_;
    std::mt19937_64 rng_;
    std::uint64_t seq_ = 0;
    std::vector<std::pair<std::string, std::string>> vars_;
    std::string request_;
    std::string body_scratch_;
    std::vector<char> buffer_;
    std::size_t begin_ = 0;
    std::size_t end_ = 0;
    http_response_parser parser_;
    bool setup_done_ = false;
};

}  // namespace faultline::drivers
