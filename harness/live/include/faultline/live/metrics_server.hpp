#pragma once
// `faultline run --metrics HOST:PORT`: serves the live metrics over HTTP/1.1 (GET /metrics) on a
// thread of its own, from the text last published. Loopback only.
#include <memory>
#include <string>

#include <faultline/core/expected.hpp>
#include <faultline/live/live_state.hpp>

namespace faultline::live {

class metrics_server {
public:
    /// Binds `listen` ("127.0.0.1:9464"; port 0 picks one) and starts serving. Errors name the
    /// address and why: malformed, not loopback, or the bind failed (the port is taken).
    static expected<std::unique_ptr<metrics_server>, std::string> start(const std::string& listen);

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
