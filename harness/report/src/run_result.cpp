#include <faultline/report/run_result.hpp>

namespace faultline::report {

std::uint64_t counters::errors() const {
    std::uint64_t n = 0;
    for (std::size_t i = 0; i < stats::outcome_count; ++i) {
        if (stats::is_error(static_cast<stats::outcome>(i)))
            n += outcomes[i];
    }
    return n;
}

std::string to_string(verdict_kind v) {
    switch (v) {
        case verdict_kind::pass:
            return "pass";
        case verdict_kind::fail:
            return "fail";
        case verdict_kind::invalid:
            return "invalid";
    }
    return "invalid";
}

}  // namespace faultline::report
