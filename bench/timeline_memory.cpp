// Memory of a one-hour timeline: 10 workloads at ~1000 requests/s each, 36,000 buckets of 100 ms.
// Latencies are log-normal around 2 ms with a 1 % tail around 30 ms (up to seconds), and a few
// errors. Prints the timeline's own estimate (memory_bytes) and the process RSS, then times the
// sliding-window analysis the steady-state judge runs (1 s windows moved by one bucket).
//
// Usage: timeline_memory [buckets] [workloads] [requests_per_second]
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include <faultline/stats/interval.hpp>
#include <faultline/stats/timeline.hpp>

namespace {

using faultline::nanoseconds;
using namespace faultline::stats;

// A field of /proc/self/status in bytes ("VmRSS", "VmHWM"), or 0 when unavailable.
std::size_t status_bytes(const std::string& field) {
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind(field + ":", 0) == 0) {
            return std::stoull(line.substr(field.size() + 1)) * 1024;
        }
    }
    return 0;
}

double mib(std::size_t bytes) {
    return static_cast<double>(bytes) / (1024.0 * 1024.0);
}

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// One request's latency and outcome.
struct load_model {
    std::mt19937_64 rng{20240611};
    std::lognormal_distribution<double> body{std::log(2e6), 0.4};   // median 2 ms
    std::lognormal_distribution<double> tail{std::log(30e6), 1.0};  // median 30 ms
    std::uniform_real_distribution<double> unit{0.0, 1.0};

    std::pair<outcome, nanoseconds> next() {
        const double u = unit(rng);
        if (u < 0.001) {
            return {outcome::timeout, std::chrono::seconds(5)};
        }
        if (u < 0.002) {
            return {outcome::reset, nanoseconds{0}};
        }
        const double ns = u < 0.012 ? tail(rng) : body(rng);
        const auto o = u > 0.997 ? outcome::http_5xx : outcome::ok;
        return {o, nanoseconds(static_cast<nanoseconds::rep>(ns))};
    }
};

struct fill_result {
    std::uint64_t requests = 0;
    std::size_t v2_bytes = 0;  // the same histograms in HdrHistogram's V2 form
    double seconds = 0;
};

// Records `buckets` intervals of load through a recorder and appends each to the timeline.
fill_result fill(timeline& line, std::size_t buckets, double rate) {
    const auto workloads = line.workload_names().size();
    load_model load;
    std::poisson_distribution<int> arrivals(rate / 10.0);
    interval_recorder recorder(workloads);
    interval_snapshot snapshot;
    recorder.swap(snapshot);
    std::vector<std::uint8_t> scratch;
    fill_result result;
    const auto start = std::chrono::steady_clock::now();
    for (std::size_t b = 0; b < buckets; ++b) {
        for (std::size_t w = 0; w < workloads; ++w) {
            const int n = arrivals(load.rng);
            for (int i = 0; i < n; ++i) {
                const auto [o, latency] = load.next();
                recorder.on_sent(w);
                recorder.on_outcome(w, o, latency, latency);
            }
            result.requests += static_cast<std::uint64_t>(n);
        }
        recorder.swap(snapshot);
        line.append(snapshot);
        for (const auto& w : snapshot.workloads) {
            scratch.clear();
            w.latency.encode(scratch);
            result.v2_bytes += scratch.size();
        }
    }
    result.seconds = seconds_since(start);
    return result;
}

// The steady-state judge's access pattern: p99 of every 1 s window sliding by one bucket.
void scan(const timeline& line) {
    const std::size_t width = 10;
    timeline::window window;
    const auto start = std::chrono::steady_clock::now();
    std::size_t windows = 0;
    nanoseconds worst{0};
    for (std::size_t w = 0; w < line.workload_names().size(); ++w) {
        for (std::size_t first = 0; first + width <= line.size(); ++first) {
            window.counts = {};
            window.latency.reset();
            line.merge_into(first, first + width, w, window);
            worst = std::max(worst, window.latency.percentile(99));
            ++windows;
        }
    }
    const double s = seconds_since(start);
    std::printf(
        "sliding 1 s windows: %zu windows (p99 each) in %.2f s, %.1f us per window; "
        "worst p99 %.1f ms\n",
        windows, s, s * 1e6 / static_cast<double>(std::max<std::size_t>(windows, 1)),
        faultline::to_millis(worst));
}

}  // namespace

int main(int argc, char** argv) {
    const std::size_t buckets = argc > 1 ? std::stoul(argv[1]) : 36'000;
    const std::size_t workloads = argc > 2 ? std::stoul(argv[2]) : 10;
    const double rate = argc > 3 ? std::stod(argv[3]) : 1000.0;
    std::vector<std::string> names;
    for (std::size_t w = 0; w < workloads; ++w) {
        names.push_back("workload-" + std::to_string(w));
    }
    // The recorder's histograms (~9 MiB for 10 workloads) live only inside fill(): the RSS delta is
    // the timeline, the peak includes them.
    const auto rss_before = status_bytes("VmRSS");
    timeline line(names);
    const auto filled = fill(line, buckets, rate);
    const auto rss_after = status_bytes("VmRSS");
    const auto cells = static_cast<double>(std::max<std::size_t>(buckets * workloads, 1));
    const auto bytes = line.memory_bytes();

    std::printf("timeline: %zu buckets x %zu workloads, %.0f req/s each, %llu requests\n", buckets,
                workloads, rate, static_cast<unsigned long long>(filled.requests));
    std::printf("memory_bytes      %10.1f MiB  (%.0f bytes per bucket and workload)\n", mib(bytes),
                static_cast<double>(bytes) / cells);
    std::printf("  (the same counts as workload_counts structs alone: %.1f MiB)\n",
                mib(buckets * workloads * sizeof(workload_counts)));
    std::printf("RSS before/after  %10.1f / %.1f MiB  (delta %.1f MiB, peak %.1f MiB)\n",
                mib(rss_before), mib(rss_after), mib(rss_after - rss_before),
                mib(status_bytes("VmHWM")));
    std::printf("same histograms in HdrHistogram V2 form: %.1f MiB (%.0f bytes per cell)\n",
                mib(filled.v2_bytes), static_cast<double>(filled.v2_bytes) / cells);
    std::printf(
        "fill: %.2f s (%.0f ns per request incl. generation)\n", filled.seconds,
        filled.seconds * 1e9 / static_cast<double>(std::max<std::uint64_t>(filled.requests, 1)));
    scan(line);
    return 0;
}
