#pragma once
// The descriptors of the built-in writers, each defined in its writer's file.
#include <faultline/report/results_writer.hpp>

namespace faultline::report {

extern const results_writer summary_json_writer;
extern const results_writer steps_csv_writer;
extern const results_writer timeline_csv_writer;
extern const results_writer histograms_hlog_writer;
extern const results_writer junit_xml_writer;
extern const results_writer report_html_writer;

}  // namespace faultline::report
