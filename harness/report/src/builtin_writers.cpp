// Every writer of the results folder, one line each, in the order they run. A new results file
// is its writer's file plus one line here (CREATING_WRITERS.md).
#include "builtin_writers.hpp"

namespace faultline::report {

std::span<const results_writer* const> builtin_writers() {
    static constexpr const results_writer* writers[] = {
        &summary_json_writer,     //
        &steps_csv_writer,        //
        &timeline_csv_writer,     //
        &histograms_hlog_writer,  //
        &junit_xml_writer,        //
        &report_html_writer,      //
    };
    return writers;
}

}  // namespace faultline::report
