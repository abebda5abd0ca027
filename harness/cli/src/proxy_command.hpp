#pragma once
// `faultline proxy` (run fault proxies with the Toxiproxy-compatible control API until a signal)
// and `faultline proxy-cli` (drive that API, as toxiproxy-cli does).
#include <optional>
#include <string>
#include <vector>

namespace CLI {
class App;
class Option;
}  // namespace CLI

namespace faultline::cli {

/// The options of `faultline proxy`.
struct proxy_options {
    std::string api = "127.0.0.1:8474";  ///< --api HOST:PORT
    std::string config;                  ///< --config FILE: Toxiproxy's populate JSON
    std::string token;                   ///< --api-token (or FAULTLINE_API_TOKEN)
    unsigned threads = 1;                ///< --threads: data threads
};

/// Runs the proxies until SIGINT or SIGTERM, then closes everything. Returns 0 after a signal,
/// 2 for a bad option or config file (each problem printed as file:line:column), 3 when a port
/// cannot be bound.
int proxy_command(const proxy_options& options);

/// The arguments of one `faultline proxy-cli` action.
struct proxy_cli_options {
    std::string host = "http://localhost:8474";  ///< --host (or TOXIPROXY_URL)
    std::string token;                           ///< --api-token (or FAULTLINE_API_TOKEN)
    std::string
        action;  ///< list, inspect, create, toggle, delete, toxic-add, toxic-update, toxic-remove
    std::string proxy;
    std::string listen;
    std::string upstream;
    std::string toxic_type;
    std::string toxic_name;
    std::vector<std::string> attributes;  ///< key=value
    bool upstream_stream = false;
    bool downstream_stream = false;
    std::optional<double> toxicity;
    std::string expires_in;  ///< a lease such as "30s": the proxy removes the toxic itself
};

/// One toxiproxy-cli action against the API. Returns 0 on success, 1 when the API refused
/// (its error printed), 2 for bad arguments, 3 when the API could not be reached.
int proxy_cli_command(const proxy_cli_options& options);

/// The `proxy` and `proxy-cli` subcommands registered on a CLI11 app; `selected()` after
/// parsing tells whether one of them was chosen, and `run()` runs it.
class proxy_subcommands {
public:
    explicit proxy_subcommands(CLI::App& cli);
    proxy_subcommands(const proxy_subcommands&) = delete;
    proxy_subcommands& operator=(const proxy_subcommands&) = delete;

    /// True when `proxy` or `proxy-cli` was chosen on the command line.
    bool selected() const;
    /// Runs the chosen command; its exit code.
    int run();

private:
    void add_proxy(CLI::App& cli);
    void add_proxy_cli(CLI::App& cli);
    void add_toxic(CLI::App& cli_command);

    proxy_options proxy_;
    proxy_cli_options cli_;
    double toxicity_ = 1.0;
    CLI::App* proxy_command_ = nullptr;
    CLI::App* cli_command_ = nullptr;
    std::vector<std::pair<CLI::App*, std::string>> actions_;
    std::vector<CLI::Option*> toxicity_options_;  ///< --toxicity of toxic add and update
};

}  // namespace faultline::cli
