// The engine against real servers: nginx from scripts/nginx.sh and scripted loopback servers.
#include <thread>

#include <catch2/catch.hpp>

#include <faultline/drivers/driver_descriptor.hpp>
#include <faultline/drivers/http_config.hpp>
#include <faultline/engine/engine.hpp>
#include <faultline/test/loopback_server.hpp>
#include <faultline/test/nginx.hpp>

using namespace std::chrono_literals;
using namespace faultline;
using stats::outcome;

namespace {

drivers::http_workload workload_to(std::uint16_t port, const std::string& path,
                                   nanoseconds timeout = 500ms) {
    drivers::http_workload http;
    http.request.target = {"127.0.0.1", port};
    http.request.path = path;
    http.connect_timeout = 500ms;
    http.request_timeout = timeout;
    return http;
}

struct totals {
    std::uint64_t sent = 0, missed = 0;
    nanoseconds loaded{0};  // from set_level to stop
    std::array<std::uint64_t, stats::outcome_count> outcomes{};
    std::uint64_t of(outcome o) const { return outcomes[static_cast<std::size_t>(o)]; }
    std::uint64_t accounted() const {
        std::uint64_t n = 0;
        for (auto v : outcomes)
            n += v;
        return n;
    }
};

void add(totals& t, const stats::interval_snapshot& s) {
    for (const auto& w : s.workloads) {
        t.sent += w.counts.sent;
        t.missed += w.counts.missed;
        for (std::size_t i = 0; i < stats::outcome_count; ++i)
            t.outcomes[i] += w.counts.outcomes[i];
    }
}

// Runs `level` for `duration`, stops with `drain`, and returns everything recorded.
totals run_load(std::vector<drivers::http_workload> workloads, core::load_model model, double level,
                nanoseconds duration, nanoseconds drain = 1s, unsigned threads = 2) {
    std::vector<engine::workload_entry> entries;
    for (const auto& w : workloads)
        entries.push_back({drivers::make_driver("http", w), 1.0, 0ns});
    engine::engine load({threads, model, 200, test::test_seed()}, std::move(entries));
    totals t;
    stats::interval_snapshot snapshot;
    load.start();
    load.set_level(level);
    const auto loaded_from = clock::now();
    const auto until = loaded_from + duration;
    while (clock::now() < until) {
        std::this_thread::sleep_for(100ms);
        load.collect(snapshot);
        add(t, snapshot);
    }
    t.loaded = clock::now() - loaded_from;
    load.stop(drain);
    load.collect(snapshot);
    add(t, snapshot);
    return t;
}

}  // namespace

TEST_CASE("closed model against nginx: every request is accounted for",
          "[.integration][engine][nginx]") {
    test::nginx_server nginx;
    auto t = run_load({workload_to(nginx.port(), "/"), workload_to(nginx.port(), "/status404")},
                      core::load_model::closed, 8, 1s);
    CHECK(t.sent > 1000);
    CHECK(t.sent == t.accounted());
    CHECK(t.of(outcome::ok) > 0);
    CHECK(t.of(outcome::http_4xx) > 0);
    // Both workloads have weight 1: neither gets less than a third of the requests.
    CHECK(t.of(outcome::ok) > t.sent / 3);
    CHECK(t.of(outcome::http_4xx) > t.sent / 3);
    CHECK(t.of(outcome::ok) + t.of(outcome::http_4xx) + t.of(outcome::cancelled) == t.sent);
}

TEST_CASE("error kinds under load, bounded in time", "[.integration][engine]") {
    struct row {
        const char* name;
        test::behaviour kind;
        outcome expected;
    };
    auto r = GENERATE(values<row>({
        {"never answers", test::behaviour::never_answer, outcome::timeout},
        {"resets mid-response", test::behaviour::reset_mid_response, outcome::reset},
        {"closes mid-response", test::behaviour::close_mid_response, outcome::eof},
    }));
    INFO(r.name);
    test::loopback_server server(r.kind);
    const auto start = clock::now();
    auto t = run_load({workload_to(server.port(), "/", 200ms)}, core::load_model::closed, 4, 1s);
    CHECK(clock::now() - start < 5s);
    CHECK(t.sent == t.accounted());
    CHECK(t.of(r.expected) > 0);
    CHECK(t.of(r.expected) + t.of(outcome::cancelled) == t.sent);
}

TEST_CASE("connection refused is counted, never hangs", "[.integration][engine]") {
    const auto start = clock::now();
    auto t = run_load({workload_to(test::free_port(), "/")}, core::load_model::closed, 4, 500ms);
    CHECK(clock::now() - start < 3s);
    CHECK(t.sent > 0);
    CHECK(t.of(outcome::connect_refused) == t.sent);
}

TEST_CASE("stopping cancels what is in flight and keeps the invariant", "[.integration][engine]") {
    test::loopback_server server(test::behaviour::never_answer);
    auto t =
        run_load({workload_to(server.port(), "/", 30s)}, core::load_model::closed, 6, 300ms, 100ms);
    CHECK(t.sent == 6);
    CHECK(t.of(outcome::cancelled) == 6);
}

TEST_CASE("open model at 2000 req/s achieves the offered rate within 2 %",
          "[.integration][engine][nginx]") {
    test::nginx_server nginx;
    const double rate = 2000;
    auto t = run_load({workload_to(nginx.port(), "/")}, core::load_model::open, rate, 3s);
    const double offered = rate * to_seconds(t.loaded);
    INFO("sent " << t.sent << " ok " << t.of(outcome::ok) << " missed " << t.missed);
    CHECK(t.sent == t.accounted());
    CHECK(t.missed == 0);
    CHECK(static_cast<double>(t.of(outcome::ok)) == Approx(offered).epsilon(0.02));
}
