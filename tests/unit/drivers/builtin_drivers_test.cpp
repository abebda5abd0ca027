// The driver registry: every driver reads a minimal table of its own into its documented
// defaults, says where it connects, makes a driver, and reports a bad key at its position; the
// reference documents each of them.
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>

#include <catch2/catch.hpp>

#include <faultline/config/context.hpp>
#include <faultline/config/section.hpp>
#include <faultline/drivers/driver_descriptor.hpp>
#include <faultline/drivers/http_config.hpp>
#include <faultline/drivers/postgres_config.hpp>
#include <faultline/drivers/redis_config.hpp>

using namespace std::chrono_literals;
namespace drivers = faultline::drivers;
namespace config = faultline::config;

namespace {

// A minimal valid table of each built-in driver, and the one address it connects to.
struct minimal_table {
    std::string_view driver;
    std::string table;
    faultline::core::host_port target;
};

const minimal_table minimal[] = {
    {"http", R"({ url = "http://127.0.0.1:18080/items" })", {"127.0.0.1", 18080}},
    {"redis", R"({ address = "127.0.0.1:6379", command = ["PING"] })", {"127.0.0.1", 6379}},
    {"postgres",
     R"({ conninfo = "host=127.0.0.1 port=5433", query = "SELECT 1" })",
     {"127.0.0.1", 5433}},
};

// Reads `t = TABLE` with the driver's reader; the diagnostics are left in `ctx`.
std::shared_ptr<const drivers::driver_config> read(const drivers::driver_descriptor& d,
                                                   const std::string& table,
                                                   std::unique_ptr<config::context>& ctx) {
    const std::string text = "t = " + table + "\n";
    const auto doc = toml::parse(text, std::string_view{"t.toml"});
    ctx = std::make_unique<config::context>("t.toml", text, std::vector<std::string>{},
                                            config::context::env_lookup{});
    return d.read({*ctx, *doc.get("t"), "workloads.0." + std::string(d.name)});
}

}  // namespace

TEST_CASE("every driver reads its minimal table into its defaults and makes a driver",
          "[drivers][registry]") {
    std::set<std::string_view> names;
    for (const auto* d : drivers::builtin_drivers()) {
        INFO(d->name);
        CHECK(names.insert(d->name).second);
        CHECK(drivers::find_driver(d->name) == d);
        const auto* m = std::find_if(std::begin(minimal), std::end(minimal),
                                     [&](const auto& t) { return t.driver == d->name; });
        REQUIRE(m != std::end(minimal));
        std::unique_ptr<config::context> ctx;
        const auto settings = read(*d, m->table, ctx);
        REQUIRE(settings != nullptr);
        CHECK_FALSE(ctx->failed());
        const auto targets = d->targets(*settings);
        REQUIRE(targets.size() == 1);
        REQUIRE(targets[0].tcp);
        CHECK(*targets[0].tcp == m->target);
        CHECK(d->make(*settings, {}, {}) != nullptr);
    }
    CHECK(drivers::find_driver("ftp") == nullptr);
    CHECK_THROWS_AS(drivers::make_driver("ftp", drivers::redis_workload{}), std::invalid_argument);
    CHECK_THROWS_AS(drivers::make_driver("http", drivers::redis_workload{}), std::invalid_argument);
}

TEST_CASE("the documented defaults of each driver's timeouts", "[drivers][registry]") {
    std::unique_ptr<config::context> ctx;
    const auto http = read(*drivers::find_driver("http"), minimal[0].table, ctx);
    const auto& h = dynamic_cast<const drivers::http_workload&>(*http);
    CHECK(h.connect_timeout == 2s);
    CHECK(h.request_timeout == 5s);
    CHECK(h.request.method == "GET");
    CHECK(h.request.path == "/items");
    const auto redis = read(*drivers::find_driver("redis"), minimal[1].table, ctx);
    const auto& r = dynamic_cast<const drivers::redis_workload&>(*redis);
    CHECK(r.connect_timeout == 2s);
    CHECK(r.request_timeout == 5s);
    const auto pg = read(*drivers::find_driver("postgres"), minimal[2].table, ctx);
    const auto& p = dynamic_cast<const drivers::postgres_workload&>(*pg);
    CHECK(p.connect_timeout == 2s);
    CHECK(p.request_timeout == 5s);
    CHECK_FALSE(p.transaction);
    REQUIRE(p.statements.size() == 1);
}

TEST_CASE("a driver's reader reports a bad key at its position", "[drivers][registry]") {
    std::unique_ptr<config::context> ctx;
    const auto* redis = drivers::find_driver("redis");
    (void)read(*redis, R"({ address = "127.0.0.1:6379", comand = ["PING"] })", ctx);
    const auto problems = ctx->take_sorted();
    // The table lacks command (at its start), and has an unknown key (at the key).
    REQUIRE(problems.size() == 2);
    CHECK(problems[0].to_string() ==
          "t.toml:1:5: missing required key 'command' in workloads.0.redis (the command and its "
          "arguments, such as [\"GET\", \"k\"])");
    CHECK(problems[1].file == "t.toml");
    CHECK(problems[1].line == 1);
    CHECK(problems[1].column == 35);  // where comand begins
    CHECK_THAT(problems[1].message, Catch::Contains("comand") && Catch::Contains("command"));
}

TEST_CASE("the scenario reference documents every driver's table", "[drivers][registry]") {
    const auto root = std::filesystem::path(FAULTLINE_SOURCE_DIR);
    std::ifstream in(root / "scenarios" / "README.md");
    REQUIRE(in.good());
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    for (const auto* d : drivers::builtin_drivers()) {
        INFO(d->name);
        CHECK(text.find("### `" + std::string(d->name) + "`") != std::string::npos);
    }
}
