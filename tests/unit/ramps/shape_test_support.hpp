#pragma once
// Printing and shorthands for the load-shape tables.
#include <ostream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include <faultline/ramps/load_plan.hpp>

namespace faultline::ramps {

// Catch2 prints failing comparisons of segments and problems with these.
inline std::ostream& operator<<(std::ostream& out, const plan_segment& s) {
    return out << "{#" << s.index << " " << s.phase << " " << s.start_level << "->" << s.end_level
               << " " << s.duration.count() << "ns warmup " << s.warmup.count() << "ns"
               << (s.judged ? " judged}" : " unjudged}");
}

inline std::ostream& operator<<(std::ostream& out, const shape_problem& p) {
    return out << '"' << p.text() << '"';
}

}  // namespace faultline::ramps

namespace shape_test {

// The problems of a validation as "KEY MESSAGE" lines, for compact tables.
inline std::vector<std::string> texts(const faultline::ramps::shape_problems& problems) {
    std::vector<std::string> out;
    for (const auto& p : problems)
        out.push_back(p.text());
    return out;
}

// The plan of a valid configuration, or the problems' texts as a failure message.
template <class Config>
faultline::ramps::load_plan plan_of(const Config& config) {
    auto result = faultline::ramps::plan(config);
    if (!result) {
        std::string all;
        for (const auto& p : result.error())
            all += p.text() + "; ";
        FAIL("unexpected problems: " << all);
    }
    return *result;
}

}  // namespace shape_test
