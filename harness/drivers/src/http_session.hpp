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
                 std::shared_ptr<net::name_cache> names, std::uint64_t seed);
    ~http_session() override;

    asio::awaitable<stats::outcome> execute() override;
    const stats::request_phases* phases() const noexcept override {
        return phases_valid_ ? &phases_ : nullptr;
    }
    void close() noexcept override;

private:
    asio::awaitable<stats::outcome> connect(client_connection& conn,
                                            const http_request_template& request,
                                            stats::request_phases* phases = nullptr);
    /// The setup request, on the main connection or, when its URL names another server, on a
    /// connection of its own that closes when it is done.
    asio::awaitable<stats::outcome> run_setup();
    /// One request and its response on `conn`, through TLS or not (no coroutine of its own).
    asio::awaitable<stats::outcome> exchange(client_connection& conn,
                                             const http_request_template& request, bool keep_body);
    /// exchange() through TLS or plain TCP: a coroutine per kind, each fetching its stream at
    /// every use, keeps the plain frames exactly as small as without TLS (Asio's recycling of
    /// frames depends on their sizes: the allocation test counts it).
    template <bool Tls>
    asio::awaitable<stats::outcome> exchange_on(client_connection& conn,
                                                const http_request_template& request,
                                                bool keep_body);
    template <bool Tls>
    asio::awaitable<stats::outcome> read_response(client_connection& conn);
    stats::outcome transport_failure(client_connection& conn, const error_code& ec) noexcept;
    stats::outcome run_captures();
    void drop_connection(client_connection& conn) noexcept;

    std::shared_ptr<const http_config> config_;
    std::shared_ptr<net::name_cache> names_;
    client_connection connection_;
    std::unique_ptr<client_connection> setup_connection_;  ///< while a separate setup runs
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
    // The main request's phases: ttfb from write_started_ to first_byte_, receive from
    // first_byte_ to the response's end (set by exchange_on for every exchange; execute()
    // clears them after the setup request).
    stats::request_phases phases_;
    clock::time_point write_started_;
    clock::time_point first_byte_;
    bool phases_valid_ = false;
};

}  // namespace faultline::drivers
