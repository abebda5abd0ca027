#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <faultline/report/writers.hpp>

#include "builtin_writers.hpp"
#include "csv_field.hpp"

namespace faultline::report {

void write_timeline_csv(const stats::timeline& timeline, std::span<const double> end_s,
                        const std::filesystem::path& file) {
    std::ofstream out(file);
    out << "bucket,end_s,workload,sent,ok,errors,cancelled,missed,p50_ms,p99_ms\n";
    stats::timeline::window window;
    std::vector<std::string> names;
    for (const auto& name : timeline.workload_names())
        names.push_back(csv_field(name));
    for (std::size_t b = 0; b < timeline.size(); ++b) {
        for (std::size_t w = 0; w < names.size(); ++w) {
            window.counts = {};
            window.latency.reset();
            timeline.merge_into(b, b + 1, w, window);
            const auto& c = window.counts;
            out << b << ',' << (b < end_s.size() ? end_s[b] : 0.0) << ',' << names[w] << ','
                << c.sent << ',' << c.ok() << ',' << c.errors() << ',' << c.cancelled() << ','
                << c.missed << ',' << to_millis(window.latency.percentile(50)) << ','
                << to_millis(window.latency.percentile(99)) << '\n';
        }
    }
    if (!out)
        throw std::runtime_error("cannot write " + file.string());
}

const results_writer timeline_csv_writer{
    "timeline.csv",
    [](const run_output& run, const std::filesystem::path& file) {
        write_timeline_csv(run.timeline, run.bucket_end_s, file);
    },
    nullptr};

}  // namespace faultline::report
