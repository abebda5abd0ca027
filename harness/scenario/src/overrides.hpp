#pragma once
// "--set KEY=VALUE" overrides, applied to the parsed TOML tree before validation.
#include <string>
#include <vector>

#include <toml++/toml.h>

#include <faultline/config/context.hpp>

namespace faultline::scenario::detail {

// The reading toolkit (context, table_reader, converters) is the config module's.
using namespace faultline::config;

/// Applies each override in order. KEY is dotted; numeric segments index arrays
/// ("workloads.0.weight"), a segment may be double-quoted to contain dots; a missing table on the
/// way is created. VALUE is parsed as a TOML value, else taken as a plain string ("2s"). Nodes
/// created here carry source positions in override coordinates, so that later validation
/// reports them as "--set". Malformed overrides and bad paths are reported to `ctx`.
void apply_overrides(toml::table& root, context& ctx, const std::vector<std::string>& overrides);

}  // namespace faultline::scenario::detail
