#pragma once
/// The Toxiproxy-compatible control API as a function from request to answer, bound to one
/// proxies::proxy_server. No sockets: api_server feeds it from Beast, the fuzzer from raw bytes,
/// tests directly.
#include <string>

#include <faultline/proxies/proxy_server.hpp>
#include <faultline/proxy_api/api_message.hpp>
#include <faultline/proxy_api/api_security.hpp>

namespace faultline::proxy_api {

/// What a handler needs besides its proxy_server.
struct api_settings {
    std::string version = "unknown";  ///< answered by GET /version
    api_security security;
};

/// Routes a request to the proxy_server and renders the answer. Routes, status codes and error
/// bodies are Toxiproxy's (see proxies/api/API.md). Thread-safe (it holds no state of its own);
/// never waits on the data path, since proxy_server's methods only post to the links.
class api_handler {
public:
    /// `server` must outlive the handler.
    api_handler(proxies::proxy_server& server, api_settings settings);

    /// The answer to `request`. Never throws for any input; an unexpected internal failure is a
    /// 500 with the JSON error body.
    api_response handle(const api_request& request) const;

    /// The settings it was made with.
    const api_settings& settings() const { return settings_; }

private:
    api_response route(const api_request& request) const;

    proxies::proxy_server& server_;
    api_settings settings_;
};

}  // namespace faultline::proxy_api
