#pragma once
// One table of a scenario handed to the code that owns its meaning (a driver's table of a
// workload): the node, its dotted path for messages, and where problems go. A plugin's
// interface can forward-declare it without including toml++.
#include <string>

#include <toml++/toml.h>

#include <faultline/config/context.hpp>

namespace faultline::config {

/// Valid for the duration of one read call.
struct section {
    context& ctx;
    const toml::node& node;  ///< the value at `path` (its reader checks that it is a table)
    std::string path;        ///< "workloads.0.http"
};

}  // namespace faultline::config
