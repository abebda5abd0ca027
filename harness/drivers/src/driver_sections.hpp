#pragma once
// The readers of each driver's table in a workload (http_section.cpp, redis_section.cpp,
// postgres_section.cpp). Each reports every problem to the context at its position and returns
// what it could read.
#include <optional>
#include <string>

#include <faultline/config/context.hpp>
#include <faultline/config/table_reader.hpp>
#include <faultline/drivers/http_config.hpp>
#include <faultline/drivers/postgres_config.hpp>
#include <faultline/drivers/redis_config.hpp>
#include <faultline/net/tls_settings.hpp>

namespace faultline::drivers::detail {

using namespace faultline::config;

/// The http = { ... } table of workload `path` ("workloads.0.http").
std::optional<http_workload> read_http(context& ctx, const toml::node& node,
                                       const std::string& path);

/// The redis = { ... } table.
std::optional<redis_workload> read_redis(context& ctx, const toml::node& node,
                                         const std::string& path);

/// The postgres = { ... } table.
std::optional<postgres_workload> read_postgres(context& ctx, const toml::node& node,
                                               const std::string& path);

/// tls = { ca, server_name, insecure, cert, key, min_version, resume }: file paths relative to
/// the scenario's folder; checked by making the TLS context (files readable, key matching).
std::optional<net::tls_settings> read_tls(context& ctx, const toml::node& node,
                                          const std::string& path);

/// check = { status = ..., body_contains = ... }.
check_spec read_check(context& ctx, const toml::node& node, const std::string& path);

}  // namespace faultline::drivers::detail
