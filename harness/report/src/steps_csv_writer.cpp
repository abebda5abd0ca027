#include <fstream>
#include <stdexcept>

#include <faultline/report/writers.hpp>

#include "builtin_writers.hpp"
#include "csv_field.hpp"

namespace faultline::report {

void write_steps_csv(const run_result& r, const std::filesystem::path& file) {
    std::ofstream out(file);
    out << "index,level,start_s,end_s,offered_rps,throughput_rps,achieved_rps,error_rate,p50_ms,"
           "p90_ms,p99_ms,max_ms,service_p50_ms,service_p99_ms,sent,ok,errors,cancelled,missed,"
           "passed,tripped,generator_bound,interrupted,probe,phase,judged\n";
    for (const auto& s : r.steps) {
        std::string tripped;
        for (const auto& t : s.tripped)
            tripped += (tripped.empty() ? "" : ";") + t.criterion;
        out << s.index << ',' << s.level << ',' << s.start_s << ',' << s.end_s << ','
            << s.offered_rps << ',' << s.throughput_rps << ',' << s.achieved_rps << ','
            << s.error_rate << ',' << to_millis(s.latency.p50) << ',' << to_millis(s.latency.p90)
            << ',' << to_millis(s.latency.p99) << ',' << to_millis(s.latency.max) << ','
            << to_millis(s.service_time.p50) << ',' << to_millis(s.service_time.p99) << ','
            << s.counts.sent << ',' << s.counts.ok() << ',' << s.counts.errors() << ','
            << s.counts.cancelled() << ',' << s.counts.missed << ',' << (s.passed ? 1 : 0) << ','
            << csv_field(tripped) << ',' << (s.generator_bound ? 1 : 0) << ','
            << (s.interrupted ? 1 : 0) << ',' << (s.probe ? 1 : 0) << ',' << csv_field(s.phase)
            << ',' << (s.judged ? 1 : 0) << '\n';
    }
    if (!out)
        throw std::runtime_error("cannot write " + file.string());
}

const results_writer steps_csv_writer{"steps.csv",
                                      [](const run_output& run, const std::filesystem::path& file) {
                                          write_steps_csv(run.result, file);
                                      },
                                      nullptr};

}  // namespace faultline::report
