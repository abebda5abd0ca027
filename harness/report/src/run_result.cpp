#include <faultline/report/run_result.hpp>

namespace faultline::report {

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
