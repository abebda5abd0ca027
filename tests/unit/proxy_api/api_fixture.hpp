#pragma once
// A proxy_server with its control API on 127.0.0.1 port 0, and a client that talks to it.
#include <chrono>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include <faultline/proxies/proxy_server.hpp>
#include <faultline/proxy_api/api_client.hpp>
#include <faultline/proxy_api/api_server.hpp>
#include <faultline/test/support.hpp>

namespace faultline::test {

using json = nlohmann::json;

/// The API under test. Every call REQUIREs that an answer came back.
class api_fixture {
public:
    explicit api_fixture(proxy_api::api_server_options options = {});
    ~api_fixture();
    api_fixture(const api_fixture&) = delete;
    api_fixture& operator=(const api_fixture&) = delete;

    proxy_api::client_response send(const std::string& method, const std::string& target,
                                    const std::string& body = {},
                                    std::vector<std::pair<std::string, std::string>> headers = {});
    proxy_api::client_response get(const std::string& target) { return send("GET", target); }
    proxy_api::client_response post(const std::string& target, const std::string& body = {}) {
        return send("POST", target, body);
    }
    proxy_api::client_response patch(const std::string& target, const std::string& body) {
        return send("PATCH", target, body);
    }
    proxy_api::client_response del(const std::string& target) { return send("DELETE", target); }

    /// POST /proxies {name, listen "127.0.0.1:0", upstream}; REQUIREs 201; returns the proxy.
    json create_proxy(const std::string& name, const std::string& upstream = "127.0.0.1:9");

    std::uint16_t port() const;
    proxies::proxy_server& proxies() { return proxies_; }
    proxy_api::api_server& server() { return *api_; }

private:
    proxies::proxy_server proxies_;
    std::unique_ptr<proxy_api::api_server> api_;
    std::unique_ptr<proxy_api::api_client> client_;
};

/// The JSON body of `response` (a discarded value when it is not JSON).
json body_of(const proxy_api::client_response& response);

/// CHECKs that `answer` is Toxiproxy's error: status `status`, JSON body exactly
/// {"error": message, "status": status}.
void check_error(const proxy_api::client_response& answer, int status, const std::string& message);

/// As check_error, with an error message that starts with `start`.
void check_error_starting(const proxy_api::client_response& answer, int status,
                          const std::string& start);

/// Sends `request` (raw bytes) on a fresh connection to 127.0.0.1:port and returns everything
/// read until the server closes or `timeout` passes.
std::string raw_exchange(std::uint16_t port, const std::string& request,
                         std::chrono::milliseconds timeout = std::chrono::seconds(5));

/// The status code of the first response in raw HTTP text, or 0.
int raw_status(const std::string& response);

/// A minimal raw request with Host 127.0.0.1.
std::string raw_request(const std::string& method, const std::string& target,
                        const std::string& body = {}, const std::string& extra_headers = {});

}  // namespace faultline::test
