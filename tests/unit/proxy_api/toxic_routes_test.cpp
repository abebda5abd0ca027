// Toxics: add, list, show, update (PATCH and POST), remove, leases and faultline's extras.
#include <catch2/catch.hpp>

#include <faultline/test/blocking_client.hpp>
#include <faultline/test/echo_server.hpp>
#include <faultline/test/support.hpp>
#include <faultline/toxics/toxic_descriptor.hpp>

#include "api_fixture.hpp"

using namespace faultline;
using namespace std::chrono_literals;
using test::api_fixture;
using test::body_of;
using test::check_error;
using test::json;

namespace {

json add(api_fixture& api, const std::string& proxy, const json& toxic) {
    auto answer = api.post("/proxies/" + proxy + "/toxics", toxic.dump());
    INFO(answer.body);
    REQUIRE(answer.status == 200);
    return body_of(answer);
}

}  // namespace

TEST_CASE("adding a toxic answers 200 with Toxiproxy's shape and faultline's extras",
          "[proxy_api][toxics]") {
    api_fixture api;
    api.create_proxy("db");
    const json toxic =
        add(api, "db", {{"type", "latency"}, {"attributes", {{"latency", 100}, {"jitter", 10}}}});
    CHECK(toxic["name"] == "latency_downstream");
    CHECK(toxic["type"] == "latency");
    CHECK(toxic["stream"] == "downstream");
    CHECK(toxic["toxicity"] == 1.0);
    // Toxiproxy's int64 attributes are JSON integers, not 100.0.
    CHECK(toxic["attributes"] == json{{"latency", 100}, {"jitter", 10}});
    CHECK(toxic["attributes"]["latency"].is_number_integer());
    CHECK(toxic["seed"].is_number_unsigned());
    CHECK(toxic["counters"] ==
          json{{"connections", 0}, {"pieces", 0}, {"bytes", 0}, {"actions", 0}});
    CHECK_FALSE(toxic.contains("expires_in"));

    const json upstream =
        add(api, "db",
            {{"name", "slow"}, {"type", "latency"}, {"stream", "upstream"}, {"toxicity", 0.5}});
    CHECK(upstream["stream"] == "upstream");
    CHECK(upstream["toxicity"] == 0.5);
    CHECK(upstream["attributes"] == json{{"latency", 0}, {"jitter", 0}});
}

TEST_CASE("toxics are listed upstream first and shown one by one", "[proxy_api][toxics]") {
    api_fixture api;
    api.create_proxy("db");
    const json down = add(api, "db", {{"type", "bandwidth"}, {"attributes", {{"rate", 64}}}});
    const json up = add(api, "db", {{"type", "latency"}, {"stream", "upstream"}});
    const json list = body_of(api.get("/proxies/db/toxics"));
    REQUIRE(list.is_array());
    REQUIRE(list.size() == 2);
    CHECK(list[0]["name"] == up["name"]);
    CHECK(list[1]["name"] == down["name"]);
    CHECK(body_of(api.get("/proxies/db"))["toxics"].size() == 2);

    auto one = api.get("/proxies/db/toxics/bandwidth_downstream");
    CHECK(one.status == 200);
    CHECK(body_of(one)["attributes"] == json{{"rate", 64}});
    check_error(api.get("/proxies/db/toxics/nope"), 404, "toxic not found");
    check_error(api.get("/proxies/nope/toxics"), 404, "proxy not found");
    check_error(api.get("/proxies/nope/toxics/x"), 404, "proxy not found");
}

TEST_CASE("a toxic name is unique across both streams", "[proxy_api][toxics]") {
    api_fixture api;
    api.create_proxy("db");
    add(api, "db", {{"name", "t"}, {"type", "latency"}, {"stream", "upstream"}});
    check_error(api.post("/proxies/db/toxics", R"({"name": "t", "type": "slow_close"})"), 409,
                "toxic already exists");
    check_error(
        api.post("/proxies/db/toxics", R"({"name": "t", "type": "latency", "stream": "upstream"})"),
        409, "toxic already exists");
}

TEST_CASE("updating a toxic merges attributes and keeps what is not given (PATCH and POST)",
          "[proxy_api][toxics]") {
    api_fixture api;
    api.create_proxy("db");
    add(api, "db",
        {{"type", "latency"},
         {"toxicity", 0.5},
         {"attributes", {{"latency", 100}, {"jitter", 10}}}});

    auto patched =
        api.patch("/proxies/db/toxics/latency_downstream", R"({"attributes": {"latency": 1000}})");
    INFO(patched.body);
    REQUIRE(patched.status == 200);
    CHECK(body_of(patched)["attributes"] == json{{"latency", 1000}, {"jitter", 10}});
    CHECK(body_of(patched)["toxicity"] == 0.5);

    auto posted = api.post("/proxies/db/toxics/latency_downstream", R"({"toxicity": 0.25})");
    REQUIRE(posted.status == 200);
    CHECK(body_of(posted)["toxicity"] == 0.25);
    CHECK(body_of(posted)["attributes"] == json{{"latency", 1000}, {"jitter", 10}});

    // The Node client sends the whole toxic back: name, type and stream are ignored.
    json whole = body_of(posted);
    whole["attributes"]["jitter"] = 5;
    auto resent = api.post("/proxies/db/toxics/latency_downstream", whole.dump());
    REQUIRE(resent.status == 200);
    CHECK(body_of(resent)["attributes"] == json{{"latency", 1000}, {"jitter", 5}});

    check_error(api.patch("/proxies/db/toxics/nope", R"({"toxicity": 1})"), 404, "toxic not found");
    check_error(api.patch("/proxies/nope/toxics/x", R"({"toxicity": 1})"), 404, "proxy not found");
    CHECK(body_of(api.get("/proxies/db/toxics")).size() == 1);
}

TEST_CASE("a seed is kept as given", "[proxy_api][toxics]") {
    api_fixture api;
    api.create_proxy("db");
    const json toxic = add(api, "db", {{"type", "latency"}, {"seed", 18446744073709551615ull}});
    CHECK(toxic["seed"].get<std::uint64_t>() == 18446744073709551615ull);
}

TEST_CASE("expires_in leases a toxic: shown as milliseconds left, removed when due",
          "[proxy_api][toxics]") {
    api_fixture api;
    api.create_proxy("db");
    const json long_lease =
        add(api, "db", {{"name", "long"}, {"type", "latency"}, {"expires_in", 60000}});
    REQUIRE(long_lease.contains("expires_in"));
    CHECK(long_lease["expires_in"].get<std::int64_t>() > 55000);
    CHECK(long_lease["expires_in"].get<std::int64_t>() <= 60000);

    const json short_lease =
        add(api, "db", {{"name", "short"}, {"type", "latency"}, {"expires_in", "300ms"}});
    CHECK(short_lease["expires_in"].get<std::int64_t>() <= 300);
    CHECK(
        test::wait_for([&] { return api.get("/proxies/db/toxics/short").status == 404; }, 5000ms));
    CHECK(api.get("/proxies/db/toxics/long").status == 200);

    // An update renews the lease from now.
    auto renewed = api.patch("/proxies/db/toxics/long", R"({"expires_in": "2s"})");
    REQUIRE(renewed.status == 200);
    CHECK(body_of(renewed)["expires_in"].get<std::int64_t>() <= 2000);
}

TEST_CASE("DELETE a toxic answers 204 at once, even while it holds data", "[proxy_api][toxics]") {
    test::echo_server echo;
    api_fixture api;
    const json proxy = api.create_proxy("db", "127.0.0.1:" + std::to_string(echo.port()));
    add(api, "db", {{"type", "latency"}, {"attributes", {{"latency", 20000}}}});

    test::blocking_client client(test::port_of(proxy["listen"].get<std::string>()), 2s);
    REQUIRE(client.send_all("held", 2s));
    std::string early;
    CHECK(client.read_exactly(4, early, 200ms) == test::read_end::timed_out);  // the toxic holds it

    const auto start = clock::now();
    auto answer = api.del("/proxies/db/toxics/latency_downstream");
    const auto took = clock::now() - start;
    CHECK(answer.status == 204);
    CHECK(answer.body.empty());
    CHECK(took < 500ms);
    // What the removed toxic held moves on at once.
    std::string back;
    CHECK(client.read_exactly(4, back, 2s) == test::read_end::complete);
    CHECK(back == "held");
    check_error(api.del("/proxies/db/toxics/latency_downstream"), 404, "toxic not found");
}

TEST_CASE("every toxic type can be added with its defaults, integers shown as integers",
          "[proxy_api][toxics]") {
    api_fixture api;
    api.create_proxy("db");
    for (const proxies::toxic_descriptor* type : proxies::builtin_toxics()) {
        const std::string name(type->type);
        INFO("type " << name);
        const json toxic = add(api, "db", {{"name", name}, {"type", name}});
        CHECK(toxic["attributes"].size() == type->attributes.size());
        for (const proxies::attribute_spec& spec : type->attributes) {
            const std::string key(spec.name);
            REQUIRE(toxic["attributes"].contains(key));
            const json& value = toxic["attributes"][key];
            CHECK(value.get<double>() == Approx(spec.default_value));
            if (spec.kind == proxies::attribute_kind::integer)
                CHECK(value.is_number_integer());
        }
    }
}
