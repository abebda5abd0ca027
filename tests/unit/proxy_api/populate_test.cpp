// POST /populate: Toxiproxy's bulk create-or-keep-or-replace, all-or-nothing validation.
#include <catch2/catch.hpp>

#include <faultline/test/blocking_client.hpp>
#include <faultline/test/support.hpp>

#include "api_fixture.hpp"

using namespace faultline;
using namespace std::chrono_literals;
using test::api_fixture;
using test::body_of;
using test::json;

namespace {

json entry(const std::string& name, const std::string& listen, const std::string& upstream) {
    return {{"name", name}, {"listen", listen}, {"upstream", upstream}};
}

// Checks a failed populate: the error body with an empty "proxies" list.
void check_refused(const proxy_api::client_response& answer, int status,
                   const std::string& message) {
    INFO(answer.body);
    CHECK(answer.status == status);
    const json body = body_of(answer);
    CHECK(body.value("status", 0) == status);
    CHECK(body.value("error", "") == message);
    CHECK(body["proxies"] == json::array());
}

}  // namespace

TEST_CASE("POST /populate creates the proxies in order and answers 201", "[proxy_api][populate]") {
    api_fixture api;
    const json list = {entry("one", "127.0.0.1:0", "127.0.0.1:9"),
                       {{"name", "two"},
                        {"listen", "127.0.0.1:0"},
                        {"upstream", "127.0.0.1:9"},
                        {"enabled", false}}};
    auto answer = api.post("/populate", list.dump());
    INFO(answer.body);
    REQUIRE(answer.status == 201);
    const json body = body_of(answer);
    REQUIRE(body["proxies"].size() == 2);
    CHECK(body["proxies"][0]["name"] == "one");
    CHECK(body["proxies"][0]["enabled"] == true);  // enabled defaults to true
    CHECK(body["proxies"][1]["name"] == "two");
    CHECK(body["proxies"][1]["enabled"] == false);
    CHECK_FALSE(body.contains("error"));
    const auto one = test::port_of(body["proxies"][0]["listen"].get<std::string>());
    CHECK(test::probe_connection(one, 200ms) != test::connection_fate::refused);
    CHECK(body_of(api.get("/proxies")).size() == 2);
}

TEST_CASE("populate keeps a proxy with the same addresses and replaces one that differs",
          "[proxy_api][populate]") {
    api_fixture api;
    const std::string kept_listen = api.create_proxy("kept")["listen"].get<std::string>();
    const std::string replaced_listen = api.create_proxy("replaced")["listen"].get<std::string>();
    api.create_proxy("untouched");
    for (const char* proxy : {"kept", "replaced"})
        REQUIRE(api.post(std::string("/proxies/") + proxy + "/toxics", R"({"type": "latency"})")
                    .status == 200);

    const json list = {entry("kept", kept_listen, "127.0.0.1:9"),
                       entry("replaced", replaced_listen, "127.0.0.1:7")};
    auto answer = api.post("/populate", list.dump());
    INFO(answer.body);
    REQUIRE(answer.status == 201);
    const json all = body_of(api.get("/proxies"));
    CHECK(all["kept"]["toxics"].size() == 1);  // the same proxy: its toxic is still there
    CHECK(all["replaced"]["toxics"].empty());  // a new proxy
    CHECK(all["replaced"]["upstream"] == "127.0.0.1:7");
    CHECK(all["replaced"]["listen"] == replaced_listen);
    CHECK(all.contains("untouched"));  // proxies not named are left alone
}

TEST_CASE("populate validates the whole list before changing anything", "[proxy_api][populate]") {
    api_fixture api;
    SECTION("a missing field names the entry") {
        const json list = {entry("one", "127.0.0.1:0", "127.0.0.1:9"), {{"name", "two"}}};
        check_refused(api.post("/populate", list.dump()), 400,
                      "missing required field: upstream at proxy 2");
        const json nameless = {entry("one", "127.0.0.1:0", "127.0.0.1:9"),
                               {{"upstream", "127.0.0.1:9"}}};
        check_refused(api.post("/populate", nameless.dump()), 400,
                      "missing required field: name at proxy 2");
    }
    SECTION("a duplicate name") {
        const json list = {entry("one", "127.0.0.1:0", "127.0.0.1:9"),
                           entry("one", "127.0.0.1:0", "127.0.0.1:8")};
        check_refused(api.post("/populate", list.dump()), 400,
                      "bad request body: duplicate proxy name \"one\" at proxy 2");
    }
    SECTION("a malformed address in a later entry") {
        const json list = {entry("one", "127.0.0.1:0", "127.0.0.1:9"),
                           entry("two", "local373", "127.0.0.1:9")};
        auto answer = api.post("/populate", list.dump());
        INFO(answer.body);
        CHECK(answer.status == 400);
        CHECK(body_of(answer)["proxies"] == json::array());
    }
    SECTION("a body that is not an array") {
        check_refused(api.post("/populate", R"({"name": "one"})"), 400,
                      "bad request body: expected a JSON array of proxies");
    }
    CHECK(body_of(api.get("/proxies")) == json::object());
}

TEST_CASE("populate with an empty list changes nothing and answers 201", "[proxy_api][populate]") {
    api_fixture api;
    api.create_proxy("a");
    auto answer = api.post("/populate", "[]");
    CHECK(answer.status == 201);
    CHECK(body_of(answer) == json{{"proxies", json::array()}});
    CHECK(body_of(api.get("/proxies")).size() == 1);
}
