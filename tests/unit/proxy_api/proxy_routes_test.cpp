// Proxies: create, list, show, update (PATCH and POST), delete, reset, version.
#include <catch2/catch.hpp>

#include <faultline/test/blocking_client.hpp>
#include <faultline/test/echo_server.hpp>
#include <faultline/test/support.hpp>

#include "api_fixture.hpp"

using namespace faultline;
using namespace std::chrono_literals;
using test::api_fixture;
using test::body_of;
using test::check_error;
using test::json;

namespace {

std::string upstream_of(const test::echo_server& echo) {
    return "127.0.0.1:" + std::to_string(echo.port());
}

}  // namespace

TEST_CASE("GET /proxies with no proxy is an empty JSON object", "[proxy_api][proxies]") {
    api_fixture api;
    auto answer = api.get("/proxies");
    CHECK(answer.status == 200);
    CHECK(answer.content_type == "application/json");
    CHECK(body_of(answer) == json::object());
}

TEST_CASE("POST /proxies answers 201 with Toxiproxy's shape and the real port",
          "[proxy_api][proxies]") {
    test::echo_server echo;
    api_fixture api;
    const json request = {
        {"name", "echo"}, {"listen", "127.0.0.1:0"}, {"upstream", upstream_of(echo)}};
    auto answer = api.post("/proxies", request.dump());
    INFO(answer.body);
    REQUIRE(answer.status == 201);
    const json proxy = body_of(answer);
    CHECK(proxy == json{{"name", "echo"},
                        {"listen", proxy["listen"]},
                        {"upstream", upstream_of(echo)},
                        {"enabled", true},
                        {"toxics", json::array()}});
    const std::string listen = proxy["listen"].get<std::string>();
    CHECK(listen.rfind("127.0.0.1:", 0) == 0);
    const auto port = test::port_of(listen);
    REQUIRE(port != 0);

    // The reported port is the one bytes really pass through.
    test::blocking_client client(port, 2s);
    REQUIRE(client.send_all("ping", 2s));
    std::string back;
    CHECK(client.read_exactly(4, back, 5s) == test::read_end::complete);
    CHECK(back == "ping");
}

TEST_CASE("a proxy created with an empty listen host binds 127.0.0.1", "[proxy_api][proxies]") {
    api_fixture api;
    const json request = {{"name", "p"}, {"listen", ":0"}, {"upstream", "127.0.0.1:9"}};
    auto answer = api.post("/proxies", request.dump());
    INFO(answer.body);
    REQUIRE(answer.status == 201);
    const std::string listen = body_of(answer)["listen"].get<std::string>();
    CHECK(listen.rfind("127.0.0.1:", 0) == 0);
    CHECK(test::port_of(listen) != 0);
}

TEST_CASE("GET /proxies is keyed by name and GET /proxies/{name} shows one",
          "[proxy_api][proxies]") {
    api_fixture api;
    const json a = api.create_proxy("alpha");
    const json b = api.create_proxy("beta");
    const json all = body_of(api.get("/proxies"));
    REQUIRE(all.is_object());
    CHECK(all.size() == 2);
    CHECK(all["alpha"] == a);
    CHECK(all["beta"] == b);

    auto one = api.get("/proxies/beta");
    CHECK(one.status == 200);
    CHECK(body_of(one) == b);
    check_error(api.get("/proxies/gamma"), 404, "proxy not found");
}

TEST_CASE("creating a proxy checks its fields with Toxiproxy's messages", "[proxy_api][proxies]") {
    api_fixture api;
    check_error(api.post("/proxies", R"({"listen": "127.0.0.1:0", "upstream": "127.0.0.1:9"})"),
                400, "missing required field: name");
    check_error(api.post("/proxies", R"({"name": "x", "listen": "127.0.0.1:0"})"), 400,
                "missing required field: upstream");
    api.create_proxy("x");
    check_error(api.post("/proxies",
                         R"({"name": "x", "listen": "127.0.0.1:0", "upstream": "127.0.0.1:9"})"),
                409, "proxy already exists");
}

TEST_CASE("a listen port already in use is a 500 naming the address", "[proxy_api][proxies]") {
    api_fixture api;
    const json first = api.create_proxy("first");
    const std::string listen = first["listen"].get<std::string>();
    const json second = {{"name", "second"}, {"listen", listen}, {"upstream", "127.0.0.1:9"}};
    auto answer = api.post("/proxies", second.dump());
    INFO(answer.body);
    CHECK(answer.status == 500);
    const std::string error = body_of(answer).value("error", "");
    CHECK(error.rfind("listen tcp " + listen + ": ", 0) == 0);
    CHECK(body_of(api.get("/proxies")).size() == 1);
}

TEST_CASE("DELETE /proxies/{name} answers 204, closes the listener, then 404",
          "[proxy_api][proxies]") {
    api_fixture api;
    const auto port = test::port_of(api.create_proxy("gone")["listen"].get<std::string>());
    auto answer = api.del("/proxies/gone");
    CHECK(answer.status == 204);
    CHECK(answer.body.empty());
    CHECK(test::probe_connection(port, 300ms) == test::connection_fate::refused);
    check_error(api.del("/proxies/gone"), 404, "proxy not found");
    CHECK(body_of(api.get("/proxies")) == json::object());
}

TEST_CASE("PATCH and POST /proxies/{name} change the fields given and keep the others",
          "[proxy_api][proxies]") {
    test::echo_server echo;
    api_fixture api;
    const json created = api.create_proxy("p");
    const std::string listen = created["listen"].get<std::string>();
    const auto port = test::port_of(listen);

    auto disabled = api.patch("/proxies/p", R"({"enabled": false})");
    INFO(disabled.body);
    REQUIRE(disabled.status == 200);
    CHECK(body_of(disabled)["enabled"] == false);
    CHECK(body_of(disabled)["listen"] == listen);
    CHECK(body_of(disabled)["upstream"] == "127.0.0.1:9");
    CHECK(test::probe_connection(port, 300ms) == test::connection_fate::refused);

    // POST is Toxiproxy's older update verb; its Go client sends the whole proxy back.
    json whole = body_of(disabled);
    whole["enabled"] = true;
    whole["upstream"] = upstream_of(echo);
    auto enabled = api.post("/proxies/p", whole.dump());
    INFO(enabled.body);
    REQUIRE(enabled.status == 200);
    CHECK(body_of(enabled)["enabled"] == true);
    CHECK(body_of(enabled)["upstream"] == upstream_of(echo));
    CHECK(body_of(enabled)["listen"] == listen);

    test::blocking_client client(port, 2s);
    REQUIRE(client.send_all("after update", 2s));
    std::string back;
    CHECK(client.read_exactly(12, back, 5s) == test::read_end::complete);
    CHECK(back == "after update");

    auto only_upstream = api.patch("/proxies/p", R"({"upstream": "127.0.0.1:7"})");
    CHECK(body_of(only_upstream)["upstream"] == "127.0.0.1:7");
    CHECK(body_of(only_upstream)["enabled"] == true);
    check_error(api.patch("/proxies/nope", R"({"enabled": false})"), 404, "proxy not found");
}

TEST_CASE("POST /reset enables every proxy and removes every toxic, answering 204",
          "[proxy_api][proxies]") {
    api_fixture api;
    api.create_proxy("a");
    api.create_proxy("b");
    REQUIRE(api.patch("/proxies/a", R"({"enabled": false})").status == 200);
    REQUIRE(api.post("/proxies/b/toxics", R"({"type": "latency", "attributes": {"latency": 50}})")
                .status == 200);
    auto answer = api.post("/reset");
    CHECK(answer.status == 204);
    CHECK(answer.body.empty());
    const json all = body_of(api.get("/proxies"));
    CHECK(all["a"]["enabled"] == true);
    CHECK(all["b"]["toxics"] == json::array());
}

TEST_CASE("GET /version answers the version as JSON", "[proxy_api]") {
    api_fixture api;
    auto answer = api.get("/version");
    CHECK(answer.status == 200);
    CHECK(answer.content_type == "application/json");
    CHECK(body_of(answer) == json{{"version", "9.8.7-test"}});
}
