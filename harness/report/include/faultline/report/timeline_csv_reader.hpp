#pragma once
/// Reading a results folder's timeline.csv back (for report.html), one series per workload.
#include <cstdint>
#include <filesystem>
#include <istream>
#include <string>
#include <vector>

namespace faultline::report {

/// One 100 ms bucket of one workload, as written by write_timeline_csv.
struct timeline_point {
    double end_s = 0;  ///< when the bucket ended, seconds since the run's start
    std::uint64_t sent = 0;
    std::uint64_t ok = 0;
    std::uint64_t errors = 0;
    double p50_ms = 0;  ///< 0 when the bucket holds no latency
    double p99_ms = 0;
};

/// One workload's buckets, in file order.
struct timeline_series {
    std::string workload;
    std::vector<timeline_point> points;
};

/// timeline.csv read back: one series per workload in order of first appearance, and what was
/// wrong with the file (rows skipped), for the report to show.
struct timeline_rows {
    bool present = false;  ///< false: there was no timeline.csv (nothing to chart)
    std::vector<timeline_series> series;
    std::vector<std::string> notes;  ///< e.g. "line 7: 4 fields, expected 10: skipped"
};

/// Parses timeline.csv text. Columns are found by the header's names (bucket, end_s, workload,
/// sent, ok, errors, ..., p50_ms, p99_ms; extra columns are ignored), fields may be quoted as in
/// RFC 4180. A row with the wrong number of fields, a number that does not parse, a negative or
/// non-finite value is skipped and noted (the first few individually, then a count); a header
/// without a needed column yields no series and a note. Never throws on content.
timeline_rows parse_timeline_csv(std::istream& in);

/// Reads FOLDER/timeline.csv; `present == false` when the file does not exist.
timeline_rows read_timeline_csv(const std::filesystem::path& folder);

}  // namespace faultline::report
