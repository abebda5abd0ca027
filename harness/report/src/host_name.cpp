#include "host_name.hpp"

#include <unistd.h>

namespace faultline::report {

std::string this_host_name() {
    char name[256] = {};
    if (gethostname(name, sizeof name - 1) != 0)
        return "localhost";
    return name;
}

}  // namespace faultline::report
