// The live metrics: a state sampled from a timeline, rendered in both scrape formats, and served
// over HTTP on loopback.
#include <thread>

#include <catch2/catch.hpp>

#include <faultline/live/live_metrics_text.hpp>
#include <faultline/live/live_sampler.hpp>
#include <faultline/live/metrics_server.hpp>
#include <faultline/test/blocking_client.hpp>

using namespace std::chrono_literals;
using faultline::live::live_sampler;
using faultline::live::live_state;
using faultline::live::render_live_metrics;
using faultline::live::scrape_format;
namespace stats = faultline::stats;

namespace {

// 15 buckets: "items" 10 ok a bucket at 4 ms, "orders" 5 a bucket of which one http_5xx at 8 ms.
stats::timeline sample_timeline() {
    stats::timeline t({"items", "orders \"eu\""});
    stats::interval_snapshot bucket;
    bucket.workloads.resize(2);
    for (int i = 0; i < 15; ++i) {
        bucket.reset();
        bucket.workloads[0].counts.sent = 10;
        bucket.workloads[0].counts.outcomes[stats::to_index(stats::outcome::ok)] = 10;
        bucket.workloads[0].latency.record_n(4ms, 10);
        bucket.workloads[1].counts.sent = 5;
        bucket.workloads[1].counts.outcomes[stats::to_index(stats::outcome::ok)] = 4;
        bucket.workloads[1].counts.outcomes[stats::to_index(stats::outcome::http_5xx)] = 1;
        bucket.workloads[1].latency.record_n(8ms, 5);
        t.append(bucket);
    }
    return t;
}

struct http_answer {
    int status = 0;
    std::string head;
    std::string body;
};

// One GET over a plain socket; the server closes after answering.
http_answer http_get(std::uint16_t port, const std::string& target, const std::string& accept = "",
                     const std::string& authorization = "") {
    faultline::test::blocking_client client(port, 2000ms);
    std::string request = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    if (!accept.empty())
        request += "Accept: " + accept + "\r\n";
    if (!authorization.empty())
        request += "Authorization: " + authorization + "\r\n";
    REQUIRE(client.send_all(request + "\r\n", 2000ms));
    std::string all;
    client.read_until_closed(all, 5000ms);
    http_answer a;
    const auto split = all.find("\r\n\r\n");
    REQUIRE(split != std::string::npos);
    a.head = all.substr(0, split);
    a.body = all.substr(split + 4);
    a.status = std::stoi(all.substr(9, 3));
    return a;
}

live_state identity() {
    live_state s;
    s.scenario = "demo";
    s.model = "closed";
    s.version = "0.1.0";
    s.faults = {{"db-slow", false}, {"cache-down", false}};
    return s;
}

}  // namespace

TEST_CASE("the live sampler counts since the start and rates over the last second", "[app][live]") {
    const auto t = sample_timeline();
    live_sampler sampler(identity(), t);
    sampler.update(1.5, 8, "step", 2, {"cache-down"});
    const auto& s = sampler.state();
    REQUIRE(s.workloads.size() == 2);
    CHECK(s.workloads[0].total.sent == 150);
    CHECK(s.workloads[0].total.ok() == 150);
    CHECK(s.workloads[0].throughput_rps == Approx(100.0));  // 10 buckets of 10 in 1 s
    CHECK(s.workloads[1].error_rate == Approx(0.2));
    CHECK(s.workloads[1].latency_count == 75);
    CHECK(s.workloads[1].latency_sum_s == Approx(75 * 0.008).epsilon(0.001));
    REQUIRE(s.workloads[0].last_second);
    CHECK(s.workloads[0].last_second->p99 == Approx(0.004).epsilon(0.001));
    CHECK(s.faults[0] == std::pair<std::string, bool>{"db-slow", false});
    CHECK(s.faults[1] == std::pair<std::string, bool>{"cache-down", true});
    CHECK(s.level == 8);
    // A second update takes in nothing new: totals stay.
    sampler.update(1.6, 8, "step", 2, {});
    CHECK(sampler.state().workloads[0].total.sent == 150);
    CHECK_FALSE(sampler.state().faults[1].second);
}

TEST_CASE("live metrics render in the Prometheus text format and in OpenMetrics", "[app][live]") {
    const auto t = sample_timeline();
    live_sampler sampler(identity(), t);
    sampler.update(1.5, 8, "step", 2, {"db-slow"});
    const auto text = render_live_metrics(sampler.state(), scrape_format::prometheus);
    CHECK_THAT(text, Catch::Contains("# TYPE faultline_requests_total counter\n"));
    CHECK_THAT(
        text, Catch::Contains("faultline_requests_total{workload=\"items\",outcome=\"ok\"} 150\n"));
    CHECK_THAT(text, Catch::Contains("faultline_requests_total{workload=\"orders \\\"eu\\\"\","
                                     "outcome=\"http_5xx\"} 15\n"));
    CHECK_THAT(text, Catch::Contains("# TYPE faultline_run_info gauge\n"));
    CHECK_THAT(text, Catch::Contains("faultline_level 8\n"));
    CHECK_THAT(text, Catch::Contains("faultline_fault_active{fault=\"db-slow\"} 1\n"));
    CHECK_THAT(text, Catch::Contains("faultline_fault_active{fault=\"cache-down\"} 0\n"));
    CHECK_THAT(text, Catch::Contains("faultline_latency_seconds_count{workload=\"items\"} 150\n"));
    CHECK_THAT(text,
               Catch::Contains("faultline_latency_seconds{workload=\"items\",quantile=\"0.99\"} "
                               "0.00400"));
    CHECK(text.find("# EOF") == std::string::npos);

    const auto om = render_live_metrics(sampler.state(), scrape_format::openmetrics);
    CHECK_THAT(om, Catch::Contains("# TYPE faultline_requests counter\n"));
    CHECK_THAT(
        om, Catch::Contains("faultline_requests_total{workload=\"items\",outcome=\"ok\"} 150\n"));
    CHECK_THAT(om, Catch::Contains("# TYPE faultline_run info\n"));
    CHECK_THAT(om, Catch::EndsWith("# EOF\n"));
    CHECK(faultline::live::format_for_accept("application/openmetrics-text; version=1.0.0") ==
          scrape_format::openmetrics);
    CHECK(faultline::live::format_for_accept("text/plain;version=0.0.4;q=0.5,*/*;q=0.1") ==
          scrape_format::prometheus);
}

TEST_CASE("the metrics server serves the last published state on /metrics only", "[app][live]") {
    auto server = faultline::live::metrics_server::start("127.0.0.1:0", "");
    REQUIRE(server.has_value());
    const auto t = sample_timeline();
    live_sampler sampler(identity(), t);
    sampler.update(1.5, 8, "step", 2, {});
    (*server)->publish(sampler.state());
    const auto address = (*server)->address();
    const auto port = static_cast<std::uint16_t>(std::stoi(address.substr(address.rfind(':') + 1)));
    const auto ok = http_get(port, "/metrics");
    CHECK(ok.status == 200);
    CHECK_THAT(ok.head, Catch::Contains("Content-Type: text/plain; version=0.0.4"));
    CHECK_THAT(ok.body, Catch::Contains("faultline_requests_sent_total{workload=\"items\"} 150"));
    const auto om = http_get(port, "/metrics", "application/openmetrics-text; version=1.0.0");
    CHECK_THAT(om.head, Catch::Contains("Content-Type: application/openmetrics-text"));
    CHECK_THAT(om.body, Catch::EndsWith("# EOF\n"));
    CHECK(http_get(port, "/").status == 404);

    CHECK_FALSE(faultline::live::metrics_server::start("10.1.2.3:9464", "").has_value());
    CHECK_FALSE(faultline::live::metrics_server::start("nonsense", "").has_value());
    const auto taken = faultline::live::metrics_server::start(address, "");
    REQUIRE_FALSE(taken.has_value());
    CHECK_THAT(taken.error(), Catch::Contains("cannot serve the live metrics on"));
}

TEST_CASE("the metrics server answers on the head and never parses a body", "[app][live]") {
    auto server = faultline::live::metrics_server::start("127.0.0.1:0", "");
    REQUIRE(server.has_value());
    const auto address = (*server)->address();
    const auto port = static_cast<std::uint16_t>(std::stoi(address.substr(address.rfind(':') + 1)));
    {
        // A chunked body whose last chunk trickles in used to reach Beast's chunk parser, which
        // asserts on it in builds with assertions on.
        faultline::test::blocking_client client(port, 2000ms);
        REQUIRE(
            client.send_all("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                            "Transfer-Encoding: chunked\r\n\r\n0\r\n",
                            2000ms));
        std::this_thread::sleep_for(50ms);
        client.send_all("\r", 2000ms);
        std::string all;
        client.read_until_closed(all, 5000ms);
        CHECK(all.rfind("HTTP/1.1 200 OK\r\n", 0) == 0);
    }
    CHECK(http_get(port, "/metrics").status == 200);
}

TEST_CASE("off loopback the metrics need a token, and every scrape must carry it", "[app][live]") {
    using faultline::live::metrics_server;
    CHECK_THAT(metrics_server::listen_error("0.0.0.0:9464", ""),
               Catch::Contains("off loopback the live metrics need a token: --metrics-token"));
    CHECK_THAT(metrics_server::listen_error("metrics.example.com:9464", "t"),
               Catch::Contains("not a name"));
    CHECK(metrics_server::listen_error("0.0.0.0:9464", "s3cret").empty());
    CHECK(metrics_server::listen_error("[::1]:9464", "").empty());
    CHECK_FALSE(metrics_server::start("0.0.0.0:0", "").has_value());

    // Every local address, with a token: a scrape without it or with another is 401.
    auto server = metrics_server::start("0.0.0.0:0", "s3cret");
    REQUIRE(server.has_value());
    (*server)->publish(identity());
    const auto address = (*server)->address();
    const auto port = static_cast<std::uint16_t>(std::stoi(address.substr(address.rfind(':') + 1)));
    const auto none = http_get(port, "/metrics");
    CHECK(none.status == 401);
    CHECK_THAT(none.head, Catch::Contains("WWW-Authenticate: Bearer"));
    CHECK_THAT(none.body, Catch::Contains("Authorization: Bearer"));
    CHECK(http_get(port, "/metrics", "", "Bearer wrong").status == 401);
    CHECK(http_get(port, "/metrics", "", "Basic czNjcmV0").status == 401);
    const auto ok = http_get(port, "/metrics", "", "Bearer s3cret");
    CHECK(ok.status == 200);
    CHECK_THAT(ok.body, Catch::Contains("faultline_run_info{scenario=\"demo\""));
    // The token guards every path, so a wrong path tells nothing without it.
    CHECK(http_get(port, "/", "", "").status == 401);
}
