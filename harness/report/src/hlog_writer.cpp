// histograms.hlog in the text format of HdrHistogram's HistogramLogWriter (log format 1.3).
#include <algorithm>
#include <cctype>
#include <ctime>
#include <fstream>
#include <iomanip>
#include <locale>
#include <stdexcept>
#include <string>
#include <vector>

#include <faultline/report/writers.hpp>

#include "builtin_writers.hpp"
#include "hdr_payload.hpp"

namespace faultline::report {
namespace {

constexpr std::chrono::seconds interval_length{1};
constexpr const char* legend =
    R"("StartTimestamp","Interval_Length","Interval_Max","Interval_Compressed_Histogram")";

// Readers split a line on ',' (and some also on whitespace), so neither may appear in a tag.
std::string tag_of(const std::string& name) {
    std::string tag = name.empty() ? "_" : name;
    for (char& c : tag) {
        if (c == ',' || std::isspace(static_cast<unsigned char>(c)) != 0) {
            c = '_';
        }
    }
    return tag;
}

// "1700000000.123": seconds since the epoch, milliseconds exact (no rounding through a double).
std::string epoch_seconds(std::chrono::system_clock::time_point t) {
    const auto ms = std::chrono::floor<std::chrono::milliseconds>(t.time_since_epoch()).count();
    const auto magnitude = ms < 0 ? -ms : ms;
    std::string fraction = std::to_string(magnitude % 1000);
    fraction.insert(0, 3 - fraction.size(), '0');
    return (ms < 0 ? "-" : "") + std::to_string(magnitude / 1000) + '.' + fraction;
}

// Java's Date.toString() layout, in UTC: "Tue Nov 14 22:13:20 UTC 2023".
std::string human_utc(std::chrono::system_clock::time_point t) {
    const std::time_t seconds =
        std::chrono::system_clock::to_time_t(std::chrono::floor<std::chrono::seconds>(t));
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[64];
    const auto n = std::strftime(text, sizeof text, "%a %b %d %H:%M:%S UTC %Y", &utc);
    return std::string(text, n);
}

}  // namespace

void write_histograms_hlog(const stats::timeline& timeline, std::span<const double> end_s,
                           std::chrono::system_clock::time_point started_at,
                           const std::filesystem::path& file) {
    std::ofstream out(file);
    if (!out) {
        throw std::runtime_error("cannot write " + file.string());
    }
    out.imbue(std::locale::classic());
    const std::string start = epoch_seconds(started_at);
    out << "#[Histogram log format version 1.3]\n"
        << "#[StartTime: " << start << " (seconds since epoch), " << human_utc(started_at) << "]\n"
        << "#[BaseTime: " << start << " (seconds since epoch)]\n"
        << legend << '\n'
        << std::fixed << std::setprecision(3);

    const auto width = timeline.bucket_width();
    const auto per_interval = static_cast<std::size_t>(
        std::max<nanoseconds::rep>(1, (nanoseconds(interval_length) + width / 2) / width));
    auto bucket_end = [&](std::size_t b) {
        return b < end_s.size() ? end_s[b]
                                : to_seconds(width * static_cast<nanoseconds::rep>(b + 1));
    };
    std::vector<std::string> tags;
    for (const auto& name : timeline.workload_names()) {
        tags.push_back(tag_of(name));
    }

    stats::timeline::window window;
    for (std::size_t first = 0; first < timeline.size(); first += per_interval) {
        const std::size_t last = std::min(first + per_interval, timeline.size());
        const double begin_s = first == 0 ? 0.0 : bucket_end(first - 1);
        const double length_s = bucket_end(last - 1) - begin_s;
        for (std::size_t w = 0; w < tags.size(); ++w) {
            window.counts = {};
            window.latency.reset();
            timeline.merge_into(first, last, w, window);
            if (window.latency.empty()) {
                continue;
            }
            const auto blob = detail::encode_compressed_v2(window.latency);
            out << "Tag=" << tags[w] << ',' << begin_s << ',' << length_s << ','
                << to_millis(window.latency.max()) << ',' << detail::base64_encode(blob) << '\n';
        }
    }
    out.close();
    if (!out) {
        throw std::runtime_error("cannot write " + file.string());
    }
}

const results_writer histograms_hlog_writer{
    "histograms.hlog",
    [](const run_output& run, const std::filesystem::path& file) {
        write_histograms_hlog(run.timeline, run.bucket_end_s, run.result.started_at, file);
    },
    nullptr};

}  // namespace faultline::report
