#pragma once
// The machine a rendering names when its render_context does not fix one.
#include <string>

namespace faultline::report {

/// gethostname(), or "localhost" when it fails.
std::string this_host_name();

}  // namespace faultline::report
