#pragma once
/// The validated scenario: plain data, no TOML. The loader (loader.hpp) reads it, with each
/// workload's driver table read by its driver; everything else reads these structs. Defaults here
/// are the documented defaults of scenarios/README.md.
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <faultline/core/clock.hpp>
#include <faultline/core/endpoint.hpp>
#include <faultline/core/load_model.hpp>
#include <faultline/drivers/driver_config.hpp>
#include <faultline/faults/steady_state.hpp>
#include <faultline/net/family_policy.hpp>
#include <faultline/ramps/shape_config.hpp>
#include <faultline/ramps/shape_descriptor.hpp>
#include <faultline/scenario/fault_spec.hpp>
#include <faultline/scenario/threshold_spec.hpp>
#include <faultline/scenario/toxic_spec.hpp>

namespace faultline::scenario {

using namespace std::chrono_literals;

/// How `faultline run` knows a service it started is ready: a TCP connect succeeds.
struct ready_probe {
    core::host_port tcp;
    nanoseconds timeout = 10s;  ///< give up (exit 3) when not ready by then
};

/// A process the run owns: started before the load, stopped (SIGTERM, then SIGKILL after
/// `stop_timeout`) at the end, also on errors and Ctrl-C.
struct service {
    std::string name;
    std::vector<std::string> command;  ///< argv; argv[0] is searched in PATH and beside faultline
    std::map<std::string, std::string> env;  ///< added to the inherited environment
    std::optional<ready_probe> ready;
    nanoseconds stop_timeout = 5s;
};

/// A fault proxy the run starts in-process before its services, in front of `upstream`, and
/// removes (with its toxics) when the run ends, however it ends.
///
/// Or, with `api`, a proxy that already runs in a standalone `faultline proxy` (or Toxiproxy):
/// the run only adds its faults' toxics there, through the control API, each on a lease it
/// renews while the fault lasts, so that they expire by themselves if the run dies.
struct proxy_spec {
    std::string name;
    core::host_port listen;    ///< a loopback address with a fixed port
    core::host_port upstream;  ///< a loopback address
    bool enabled = true;       ///< false: the proxy refuses connections (an outage for the run)
    std::vector<toxic_spec> toxics;
    std::optional<core::host_port> api;  ///< set: a standalone proxy, controlled at this API
    std::string token;                   ///< the API's bearer token, if it wants one

    bool standalone() const { return api.has_value(); }
};

/// A workload's check is its driver's (drivers::check_spec).
using check_spec = drivers::check_spec;

/// One entry of the weighted mix.
struct workload {
    std::string name;
    double weight = 1;  ///< relative, > 0
    /// The key of its driver's table ("http", "redis", "postgres": drivers::find_driver) and
    /// what that table says, in the driver's own type (drivers/http_config.hpp, ...).
    std::string driver_name;
    std::shared_ptr<const drivers::driver_config> driver;
    check_spec check;
    std::vector<std::string> depends_on;  ///< names of dependencies (proxies) it uses
    nanoseconds think_time = 0s;          ///< closed model: pause after each request

    /// The driver's settings as `Config` (drivers::http_workload, ...); throws std::bad_cast
    /// when the workload has another driver.
    template <class Config>
    const Config& driver_as() const {
        return dynamic_cast<const Config&>(*driver);
    }
    /// The driver's settings as `Config`, or null when the workload has another driver.
    template <class Config>
    const Config* driver_if() const {
        return dynamic_cast<const Config*>(driver.get());
    }
};

/// The engine's load model (core), named here as the scenario spells it.
using core::load_model;

/// The load shape: levels are virtual users (closed) or arrivals per second (open).
struct ramp_spec {
    load_model model = load_model::closed;
    /// `shape = "..."`: which plan the run walks (ramps/SHAPES.md) and its configuration (for
    /// the steps shape, the default: start, step or factor, max, step_duration, warmup).
    std::string shape{ramps::default_shape().type};
    ramps::shape_config shape_config;
    std::uint32_t max_connections = 1000;  ///< open model: connections per workload, all threads
    /// After the first failing step, bisect between it and the last passing level.
    bool refine = false;
    double refine_tolerance = 0.05;  ///< stop when (fail - pass) / pass is at most this
    unsigned repeats = 1;            ///< probes per refinement level, decided by majority

    /// The shape's descriptor (the default shape's when `shape` names none: the loader refuses
    /// such a scenario).
    const ramps::shape_descriptor& descriptor() const {
        const auto* found = ramps::find_shape(shape);
        return found != nullptr ? *found : ramps::default_shape();
    }

    /// The plan searches for a breaking point (it stops at the first failing step and may be
    /// refined).
    bool searches() const { return descriptor().searches; }

    /// The steps shape's configuration; only for a scenario whose shape is steps.
    const ramps::steps_config& steps() const { return std::get<ramps::steps_config>(shape_config); }
};

/// A latency quantile a step must keep at or below a limit.
struct latency_criterion {
    double quantile = 99;  ///< percentile in (0, 100); 100 means the maximum
    nanoseconds limit{0};
};

/// Criteria that make a step fail. Unset criteria are not judged. All but the knee are judged
/// on sliding windows of `window`; one trips after `consecutive` failing windows back to back.
struct breaking_point_spec {
    std::optional<double> error_rate;  ///< fraction, e.g. 0.01
    std::vector<latency_criterion>
        latency;  ///< p50 = "20ms", "p99.9" = "80ms", max = "1s"; by quantile
    /// Throughput knee: trips when load grew >= 10 % over the previous step but successful
    /// throughput grew by less than this fraction (e.g. 0.05).
    std::optional<double> knee;
    double min_attainment = 0.95;  ///< open model: achieved / offered below this trips
    /// Open model: dropped arrivals (no free connection) above this trip; a count per window,
    /// or a fraction of the window's arrivals when max_dropped_fraction.
    std::optional<double> max_dropped;
    bool max_dropped_fraction = false;
    nanoseconds window = 1s;   ///< judged window length, a multiple of 100 ms
    unsigned consecutive = 2;  ///< failing windows in a row that trip a step
    /// The least acceptable capacity (successful requests per second at the last passing
    /// level); below it the run fails. Unset: finding a breaking point is never a failure.
    std::optional<double> min_capacity;
};

/// [slo]: what a healthy window keeps to, for the recovery analysis (scenarios/README.md,
/// `[slo]`): the fault module's own steady-state definition.
using slo_spec = faults::slo;

/// Engine settings.
struct engine_spec {
    unsigned threads = 0;            ///< worker threads; 0 = the number of cores
    nanoseconds drain_timeout = 5s;  ///< at the end, in-flight requests get this long
    nanoseconds dns_ttl = 30s;       ///< how long a target name's addresses are kept; 0: every dial
    net::family_policy dns_policy = net::family_policy::any;  ///< which addresses are dialled
};

/// [targets]: the hosts beyond loopback the scenario may reach (with --allow-host, checked when
/// it is loaded).
struct targets_spec {
    std::vector<std::string> allow;  ///< patterns as written: names, *.domains, addresses, CIDRs
};

/// A whole validated scenario.
struct scenario {
    std::string name;
    std::string source_path;  ///< the file it was loaded from
    std::vector<proxy_spec> proxies;
    std::vector<service> services;
    std::vector<workload> workloads;
    ramp_spec ramp;
    breaking_point_spec breaking_point;
    slo_spec slo;
    engine_spec engine;
    targets_spec targets;
    std::vector<fault_spec> faults;          ///< in the order of their `at`
    std::vector<threshold_spec> thresholds;  ///< in file order
};

}  // namespace faultline::scenario
