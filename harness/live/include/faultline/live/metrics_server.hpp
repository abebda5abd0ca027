#pragma once
// `faultline run --metrics HOST:PORT`: serves the live metrics over HTTP/1.1 (GET /metrics) on a
// thread of its own, from the text last published. On loopback, or on any local address with a
// bearer token that every scrape must carry.
#include <memory>
#include <string>

#include <faultline/core/expected.hpp>
#include <faultline/live/live_state.hpp>

namespace faultline::live {

class metrics_server {
public:
    /// Binds `listen` ("127.0.0.1:9464", "0.0.0.0:9464", "[::]:9464"; port 0 picks one) and
    /// starts serving. With `token`, every request needs "Authorization: Bearer TOKEN" (else
    /// 401); off loopback a token is required. Errors name the address and why (listen_error).
    static expected<std::unique_ptr<metrics_server>, std::string> start(const std::string& listen,
                                                                        const std::string& token);

    /// Empty when `listen` is an address the metrics may be served on with `token`; otherwise
    /// why not: malformed, a name other than localhost, or off loopback without a token.
    static std::string listen_error(const std::string& listen, const std::string& token);

    /// Stops serving and joins the thread.
    ~metrics_server();
    metrics_server(const metrics_server&) = delete;
    metrics_server& operator=(const metrics_server&) = delete;

    /// Makes `state` what the next scrape sees (copied; rendered when scraped).
    void publish(const live_state& state);

    /// "127.0.0.1:PORT", the real port when 0 was asked.
    std::string address() const;

    struct impl;

private:
    explicit metrics_server(std::unique_ptr<impl> state);
    std::unique_ptr<impl> impl_;
};

}  // namespace faultline::live
