#include "api_fixture.hpp"

#include <catch2/catch.hpp>

#include <faultline/test/blocking_client.hpp>

namespace faultline::test {

namespace {
proxy_api::api_server_options on_port_zero(proxy_api::api_server_options options) {
    if (options.listen == "127.0.0.1:8474")
        options.listen = "127.0.0.1:0";
    if (options.version == "unknown")
        options.version = "9.8.7-test";
    return options;
}
}  // namespace

api_fixture::api_fixture(proxy_api::api_server_options options) {
    const std::string token = options.token;
    auto started = proxy_api::api_server::start(proxies_, on_port_zero(std::move(options)));
    if (!started)
        FAIL("api_server::start: " << started.error());
    api_ = std::move(*started);
    client_ = std::make_unique<proxy_api::api_client>("http://" + api_->address(), token,
                                                      std::chrono::seconds(10));
}

api_fixture::~api_fixture() {
    if (api_)
        api_->stop();
}

proxy_api::client_response api_fixture::send(
    const std::string& method, const std::string& target, const std::string& body,
    std::vector<std::pair<std::string, std::string>> headers) {
    proxy_api::client_request request{method, target, body, std::move(headers)};
    auto answer = client_->send(request);
    INFO(method << " " << target);
    REQUIRE(answer);
    return *answer;
}

json api_fixture::create_proxy(const std::string& name, const std::string& upstream) {
    const json request = {{"name", name}, {"listen", "127.0.0.1:0"}, {"upstream", upstream}};
    auto answer = post("/proxies", request.dump());
    INFO(answer.body);
    REQUIRE(answer.status == 201);
    return body_of(answer);
}

std::uint16_t api_fixture::port() const {
    return api_->endpoint().port();
}

json body_of(const proxy_api::client_response& response) {
    return json::parse(response.body, nullptr, false);
}

void check_error(const proxy_api::client_response& answer, int status, const std::string& message) {
    INFO(answer.body);
    CHECK(answer.status == status);
    CHECK(answer.content_type == "application/json");
    CHECK(body_of(answer) == json{{"error", message}, {"status", status}});
}

void check_error_starting(const proxy_api::client_response& answer, int status,
                          const std::string& start) {
    INFO(answer.body);
    CHECK(answer.status == status);
    CHECK(answer.content_type == "application/json");
    const json body = body_of(answer);
    REQUIRE(body.is_object());
    CHECK(body.value("status", 0) == status);
    CHECK(body.value("error", "").rfind(start, 0) == 0);
}

std::string raw_exchange(std::uint16_t port, const std::string& request,
                         std::chrono::milliseconds timeout) {
    blocking_client client(port, std::chrono::seconds(2));
    REQUIRE(client.send_all(request, std::chrono::seconds(2)));
    std::string out;
    client.read_until_closed(out, timeout);
    return out;
}

int raw_status(const std::string& response) {
    if (response.rfind("HTTP/1.", 0) != 0 || response.size() < 12)
        return 0;
    return std::stoi(response.substr(9, 3));
}

std::string raw_request(const std::string& method, const std::string& target,
                        const std::string& body, const std::string& extra_headers) {
    std::string out = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    out += "Connection: close\r\n" + extra_headers;
    if (!body.empty() || method == "POST" || method == "PATCH")
        out += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    return out + "\r\n" + body;
}

}  // namespace faultline::test
