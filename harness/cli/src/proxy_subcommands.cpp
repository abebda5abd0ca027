// Command-line registration of `faultline proxy` and `faultline proxy-cli`.
#include <cstdlib>

#include <CLI/CLI.hpp>

#include "env_or.hpp"
#include "proxy_command.hpp"

namespace faultline::cli {

proxy_subcommands::proxy_subcommands(CLI::App& cli) {
    add_proxy(cli);
    add_proxy_cli(cli);
}

void proxy_subcommands::add_proxy(CLI::App& cli) {
    proxy_command_ = cli.add_subcommand(
        "proxy",
        "Run fault proxies with the Toxiproxy-compatible control API until SIGINT/SIGTERM");
    proxy_.token = env_or("FAULTLINE_API_TOKEN", "");
    proxy_command_->add_option("--api", proxy_.api, "Control API address HOST:PORT")
        ->capture_default_str();
    proxy_command_->add_option("--config", proxy_.config,
                               "Proxies to create at start: Toxiproxy's populate JSON");
    proxy_command_->add_option("--api-token", proxy_.token,
                               "Require 'Authorization: Bearer TOKEN' (env FAULTLINE_API_TOKEN)");
    proxy_command_->add_option("--threads", proxy_.threads, "Threads that move proxied bytes")
        ->check(CLI::Range(1u, 64u))
        ->capture_default_str();
}

void proxy_subcommands::add_proxy_cli(CLI::App& cli) {
    cli_command_ = cli.add_subcommand("proxy-cli", "Drive a proxy control API, like toxiproxy-cli");
    cli_command_->require_subcommand(1);
    cli_.host = env_or("TOXIPROXY_URL", cli_.host);
    cli_.token = env_or("FAULTLINE_API_TOKEN", "");
    cli_command_->add_option("--host", cli_.host, "API URL (env TOXIPROXY_URL)")
        ->capture_default_str();
    cli_command_->add_option("--api-token", cli_.token, "Bearer token (env FAULTLINE_API_TOKEN)");

    auto* list = cli_command_->add_subcommand("list", "List every proxy");
    actions_.emplace_back(list, "list");
    for (const auto& [action, help] : {std::pair{"inspect", "Show one proxy and its toxics"},
                                       {"toggle", "Enable a disabled proxy, or disable it"},
                                       {"delete", "Delete a proxy"}}) {
        auto* command = cli_command_->add_subcommand(action, help);
        command->add_option("name", cli_.proxy, "Proxy name")->required();
        actions_.emplace_back(command, action);
    }
    auto* create = cli_command_->add_subcommand("create", "Create a proxy");
    create->add_option("name", cli_.proxy, "Proxy name")->required();
    create->add_option("-l,--listen", cli_.listen, "Address to listen on, HOST:PORT")->required();
    create->add_option("-u,--upstream", cli_.upstream, "Address to forward to, HOST:PORT")
        ->required();
    actions_.emplace_back(create, "create");
    add_toxic(*cli_command_);
}

void proxy_subcommands::add_toxic(CLI::App& cli_command) {
    auto* toxic = cli_command.add_subcommand("toxic", "Add, update or remove a toxic");
    toxic->require_subcommand(1);

    auto* add = toxic->add_subcommand("add", "Add a toxic to a proxy");
    add->add_option("proxy", cli_.proxy, "Proxy name")->required();
    add->add_option("-t,--type", cli_.toxic_type, "Toxic type (latency, bandwidth, ...)")
        ->required();
    add->add_option("-n,--toxicName", cli_.toxic_name, "Toxic name (default TYPE_STREAM)");
    add->add_option("-a,--attribute", cli_.attributes, "Attribute key=value (repeatable)");
    auto* up = add->add_flag("-u,--upstream", cli_.upstream_stream, "Apply to client → server");
    auto* down = add->add_flag("-d,--downstream", cli_.downstream_stream,
                               "Apply to server → client (default)");
    up->excludes(down);
    toxicity_options_.push_back(
        add->add_option("--tox,--toxicity", toxicity_, "Probability from 0 to 1 (default 1)")
            ->check(CLI::Range(0.0, 1.0)));
    add->add_option("--expires-in", cli_.expires_in,
                    "Lease such as 30s: the proxy removes the toxic itself after it");
    actions_.emplace_back(add, "toxic-add");

    auto* update = toxic->add_subcommand("update", "Change a toxic's attributes or toxicity");
    update->add_option("proxy", cli_.proxy, "Proxy name")->required();
    update->add_option("-n,--toxicName", cli_.toxic_name, "Toxic name")->required();
    update->add_option("-a,--attribute", cli_.attributes, "Attribute key=value (repeatable)");
    toxicity_options_.push_back(
        update->add_option("--tox,--toxicity", toxicity_, "Probability from 0 to 1")
            ->check(CLI::Range(0.0, 1.0)));
    update->add_option("--expires-in", cli_.expires_in, "A new lease, counted from now");
    actions_.emplace_back(update, "toxic-update");

    auto* remove = toxic->add_subcommand("remove", "Remove a toxic");
    remove->alias("delete");
    remove->add_option("proxy", cli_.proxy, "Proxy name")->required();
    remove->add_option("-n,--toxicName", cli_.toxic_name, "Toxic name")->required();
    actions_.emplace_back(remove, "toxic-remove");
}

bool proxy_subcommands::selected() const {
    return proxy_command_->parsed() || cli_command_->parsed();
}

int proxy_subcommands::run() {
    if (proxy_command_->parsed())
        return proxy_command(proxy_);
    for (const auto& [command, action] : actions_) {
        if (command->parsed())
            cli_.action = action;
    }
    for (const CLI::Option* option : toxicity_options_) {
        if (option->count() > 0)
            cli_.toxicity = toxicity_;
    }
    return proxy_cli_command(cli_);
}

}  // namespace faultline::cli
