// histograms.hlog: read back here byte by byte (base64, zlib, V2 header, counts), and decoded by
// an independent implementation, hdr-histogram-js, through tests/compat/hlog_quantiles.js.
//
// The hdr-histogram-js case needs node on PATH and `npm ci` in tests/compat (scripts/
// install-deps.sh does it). Without them it passes with a "SKIPPED" warning, unless the
// environment variable FAULTLINE_REQUIRE_NODE is set (to anything but "" or "0"): then it fails,
// so CI cannot skip it silently.
#include <bit>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iomanip>
#include <random>
#include <sstream>
#include <thread>
#include <utility>

#include <boost/process/args.hpp>
#include <boost/process/child.hpp>
#include <boost/process/io.hpp>
#include <boost/process/search_path.hpp>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <zlib.h>

#include <faultline/report/writers.hpp>
#include <faultline/test/support.hpp>

using namespace std::chrono_literals;
using namespace faultline;
namespace bp = boost::process;

namespace {

constexpr std::uint32_t compressed_cookie = 0x1c849314;  // V2 compressed base | 0x10
constexpr std::uint32_t encoding_cookie = 0x1c849313;    // V2 base | 0x10 (ZigZag LEB128 counts)
constexpr std::size_t header_size = 40;

std::vector<std::string> read_lines(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) {
        lines.push_back(line);
    }
    return lines;
}

std::vector<std::string> split(const std::string& line, char sep) {
    std::vector<std::string> parts;
    std::istringstream in(line);
    for (std::string part; std::getline(in, part, sep);) {
        parts.push_back(part);
    }
    return parts;
}

std::string fixed3(double v) {
    std::ostringstream out;
    out << std::fixed << std::setprecision(3) << v;
    return out.str();
}

std::vector<std::uint8_t> base64_decode(const std::string& text) {
    const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::vector<std::uint8_t> out;
    std::uint32_t acc = 0;
    int bits = 0;
    for (const char c : text) {
        if (c == '=') {
            break;
        }
        const auto at = alphabet.find(c);
        REQUIRE(at != std::string::npos);
        acc = (acc << 6) | static_cast<std::uint32_t>(at);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<std::uint8_t>(acc >> bits));
        }
    }
    return out;
}

std::uint64_t be(const std::vector<std::uint8_t>& bytes, std::size_t at, int n) {
    std::uint64_t v = 0;
    for (int i = 0; i < n; ++i) {
        v = (v << 8) | bytes.at(at + static_cast<std::size_t>(i));
    }
    return v;
}

// Undoes one Interval_Compressed_Histogram, checking every header field, into a histogram.
stats::histogram decode_blob(const std::string& base64) {
    const auto blob = base64_decode(base64);
    REQUIRE(blob.size() > 8);
    CHECK(be(blob, 0, 4) == compressed_cookie);
    REQUIRE(be(blob, 4, 4) == blob.size() - 8);

    std::vector<std::uint8_t> plain(header_size + 9 * stats::histogram::counts_length());
    auto plain_size = static_cast<uLongf>(plain.size());
    REQUIRE(uncompress(plain.data(), &plain_size, blob.data() + 8,
                       static_cast<uLong>(blob.size() - 8)) == Z_OK);
    plain.resize(plain_size);
    REQUIRE(plain.size() >= header_size);
    CHECK(be(plain, 0, 4) == encoding_cookie);
    CHECK(be(plain, 4, 4) == plain.size() - header_size);          // payload length
    CHECK(be(plain, 8, 4) == 0U);                                  // normalizing index offset
    CHECK(be(plain, 12, 4) == 3U);                                 // significant digits
    CHECK(be(plain, 16, 8) == 1U);                                 // lowest discernible value
    CHECK(be(plain, 24, 8) == 60'000'000'000U);                    // highest trackable value
    CHECK(be(plain, 32, 8) == std::bit_cast<std::uint64_t>(1.0));  // conversion ratio

    stats::histogram h;
    REQUIRE(h.decode_add(std::span(plain).subspan(header_size)));
    return h;
}

stats::interval_snapshot snapshot_for(std::size_t workloads) {
    stats::interval_snapshot s;
    s.workloads.resize(workloads);
    return s;
}

// Bucket b's latencies of workload w in the exact test (nothing for db_write in the 2nd second).
void record_known(std::size_t b, std::size_t w, stats::histogram& h) {
    if (w == 0) {
        h.record_n(nanoseconds(static_cast<std::int64_t>(b + 1) * 1000), b % 3 + 1);
        h.record(nanoseconds(static_cast<std::int64_t>(b + 1) * 1'000'000 + 12'345));
    } else if (b < 10 || b >= 20) {
        h.record(5s + nanoseconds(static_cast<std::int64_t>(b)));
        h.record(7ns);
    }
}

std::string find_on_path(const std::string& program) {
    const auto found = bp::search_path(program);
    return found.empty() ? std::string() : found.string();
}

bool node_required() {
    const char* v = std::getenv("FAULTLINE_REQUIRE_NODE");
    return v != nullptr && std::string(v) != "" && std::string(v) != "0";
}

}  // namespace

TEST_CASE("histograms.hlog holds each workload's 1 s intervals in HdrHistogram's V2 encoding",
          "[report][hlog]") {
    const std::vector<std::string> names{"api read", "db,write"};
    stats::timeline timeline(names);
    std::vector<double> end_s;
    auto snapshot = snapshot_for(names.size());
    for (std::size_t b = 0; b < 25; ++b) {
        snapshot.reset();
        for (std::size_t w = 0; w < names.size(); ++w) {
            record_known(b, w, snapshot.workloads[w].latency);
        }
        timeline.append(snapshot);
        end_s.push_back(0.1 * static_cast<double>(b + 1) + 0.002);
    }
    test::temp_dir dir;
    const auto file = dir.path() / "histograms.hlog";
    const auto started_at = std::chrono::system_clock::time_point(1'700'000'000'123ms);
    report::write_histograms_hlog(timeline, end_s, started_at, file);

    const auto lines = read_lines(file);
    REQUIRE(lines.size() == 4 + 5);
    CHECK(lines[0] == "#[Histogram log format version 1.3]");
    CHECK(lines[1] ==
          "#[StartTime: 1700000000.123 (seconds since epoch), Tue Nov 14 22:13:20 UTC 2023]");
    CHECK(lines[2] == "#[BaseTime: 1700000000.123 (seconds since epoch)]");
    CHECK(lines[3] ==
          R"("StartTimestamp","Interval_Length","Interval_Max","Interval_Compressed_Histogram")");

    struct expected_line {
        std::string tag;
        std::size_t workload;
        std::size_t first, last;  // buckets
        std::string start, length;
    };
    const std::vector<expected_line> expected{
        {"api_read", 0, 0, 10, "0.000", "1.002"},
        {"db_write", 1, 0, 10, "0.000", "1.002"},
        {"api_read", 0, 10, 20, "1.002", "1.000"},  // db_write has nothing in [1 s, 2 s)
        {"api_read", 0, 20, 25, "2.002", "0.500"},
        {"db_write", 1, 20, 25, "2.002", "0.500"}};
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const auto& want = expected[i];
        INFO("line " << i + 4 << ": " << lines[i + 4]);
        const auto fields = split(lines[i + 4], ',');
        REQUIRE(fields.size() == 5);
        CHECK(fields[0] == "Tag=" + want.tag);
        CHECK(fields[1] == want.start);
        CHECK(fields[2] == want.length);

        stats::histogram want_latency;
        for (auto b = want.first; b < want.last; ++b) {
            record_known(b, want.workload, want_latency);
        }
        CHECK(fields[3] == fixed3(to_millis(want_latency.max())));
        const auto got = decode_blob(fields[4]);
        CHECK(got.count() == want_latency.count());
        CHECK(got == want_latency);
    }
}

TEST_CASE("histograms.hlog falls back to nominal bucket ends and skips empty intervals",
          "[report][hlog]") {
    stats::timeline timeline(std::vector<std::string>{"only"});
    auto snapshot = snapshot_for(1);
    for (int b = 0; b < 13; ++b) {
        snapshot.reset();
        if (b >= 10) {
            snapshot.workloads[0].latency.record(3ms);
        }
        timeline.append(snapshot);
    }
    test::temp_dir dir;
    const auto file = dir.path() / "histograms.hlog";
    report::write_histograms_hlog(timeline, {}, std::chrono::system_clock::time_point(), file);
    const auto lines = read_lines(file);
    REQUIRE(lines.size() == 5);
    CHECK(lines[1] == "#[StartTime: 0.000 (seconds since epoch), Thu Jan 01 00:00:00 UTC 1970]");
    const auto fields = split(lines[4], ',');
    REQUIRE(fields.size() == 5);
    CHECK(fields[0] == "Tag=only");
    CHECK(fields[1] == "1.000");
    CHECK(fields[2] == "0.300");
    CHECK(decode_blob(fields[4]).count() == 3);

    report::write_histograms_hlog(stats::timeline(std::vector<std::string>{"none"}), {},
                                  std::chrono::system_clock::time_point(), file);
    CHECK(read_lines(file).size() == 4);  // the header alone
}

TEST_CASE("histograms.hlog to an unwritable path is an error", "[report][hlog]") {
    stats::timeline timeline(std::vector<std::string>{"w"});
    CHECK_THROWS_AS(report::write_histograms_hlog(timeline, {}, std::chrono::system_clock::now(),
                                                  "/nonexistent-dir/histograms.hlog"),
                    std::runtime_error);
}

TEST_CASE("hdr-histogram-js decodes histograms.hlog to the same quantiles",
          "[report][hlog][node]") {
    const std::string compat_dir = FAULTLINE_COMPAT_DIR;
    const std::string node = find_on_path("node");
    std::string missing;
    if (node.empty()) {
        missing = "node is not on PATH";
    } else if (!std::filesystem::exists(compat_dir +
                                        "/node_modules/hdr-histogram-js/package.json")) {
        missing = "hdr-histogram-js is not installed: run scripts/install-deps.sh (npm ci in " +
                  compat_dir + ")";
    }
    if (!missing.empty()) {
        if (node_required()) {
            FAIL("FAULTLINE_REQUIRE_NODE is set but " << missing);
        }
        WARN("SKIPPED: " << missing << "; set FAULTLINE_REQUIRE_NODE=1 to make this a failure");
        return;
    }

    const auto seed = test::test_seed();
    INFO("seed " << seed);
    std::mt19937_64 rng(seed);
    // Two shapes of latency: a tight one around 2 ms and a wide one around 40 ms with sub-2 us
    // values (kept exactly by the histogram) mixed in.
    std::lognormal_distribution<double> tight(std::log(2e6), 0.8);
    std::lognormal_distribution<double> wide(std::log(40e6), 1.2);
    std::uniform_int_distribution<std::int64_t> tiny(0, 2047);
    const std::vector<std::string> names{"checkout", "search page"};
    stats::timeline timeline(names);
    std::vector<double> end_s;
    auto snapshot = snapshot_for(names.size());
    for (std::size_t b = 0; b < 40; ++b) {
        snapshot.reset();
        for (int i = 0; i < 150; ++i) {
            snapshot.workloads[0].latency.record(nanoseconds(std::llround(tight(rng))));
            snapshot.workloads[1].latency.record(
                nanoseconds(i % 10 == 0 ? tiny(rng) : std::llround(wide(rng))));
        }
        timeline.append(snapshot);
        end_s.push_back(0.1 * static_cast<double>(b + 1));
    }
    test::temp_dir dir;
    const auto file = dir.path() / "histograms.hlog";
    report::write_histograms_hlog(timeline, end_s, std::chrono::system_clock::now(), file);

    const auto out_file = dir.path() / "stdout.txt";
    const auto err_file = dir.path() / "stderr.txt";
    bp::child child(node, bp::args({compat_dir + "/hlog_quantiles.js", file.string()}),
                    bp::std_out > out_file.string(), bp::std_err > err_file.string(),
                    bp::std_in < bp::null);
    const auto until = std::chrono::steady_clock::now() + 60s;
    std::error_code ec;
    while (child.running(ec) && std::chrono::steady_clock::now() < until) {
        std::this_thread::sleep_for(20ms);
    }
    const bool timed_out = child.running(ec);
    if (timed_out) {
        child.terminate(ec);
    }
    child.wait(ec);
    std::string errors;
    for (const auto& line : read_lines(err_file)) {
        errors += line + '\n';
    }
    INFO("node's stderr: " << errors);
    REQUIRE_FALSE(timed_out);
    REQUIRE(child.exit_code() == 0);

    std::ifstream in(out_file);
    const auto decoded = nlohmann::json::parse(in);
    INFO(decoded.dump());
    const std::vector<std::string> tags{"checkout", "search_page"};
    for (std::size_t w = 0; w < names.size(); ++w) {
        const auto want = timeline.merged(0, timeline.size(), w).latency;
        INFO("tag " << tags[w]);
        REQUIRE(decoded.contains(tags[w]));
        const auto& got = decoded[tags[w]];
        CHECK(got["count"].get<std::uint64_t>() == want.count());
        CHECK(got["intervals"].get<int>() == 4);
        const auto within_precision = [](double js, nanoseconds ours) {
            const auto ns = static_cast<double>(ours.count());
            return std::abs(js - ns) <= 0.001 * ns;
        };
        CHECK(within_precision(got["p50"].get<double>(), want.percentile(50)));
        CHECK(within_precision(got["p99"].get<double>(), want.percentile(99)));
        CHECK(within_precision(got["max"].get<double>(), want.max()));
    }
}
