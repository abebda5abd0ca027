#include <algorithm>

#include <spdlog/spdlog.h>

#include <faultline/proxy_api/api_client.hpp>
#include <faultline/run/http_proxy_control.hpp>
#include <faultline/run/in_process_proxy_control.hpp>
#include <faultline/run/scenario_proxies.hpp>

namespace faultline::run {

expected<std::unique_ptr<scenario_proxies>, std::string> scenario_proxies::start(
    const std::vector<scenario::proxy_spec>& specs) {
    std::unique_ptr<scenario_proxies> self(new scenario_proxies());
    // A standalone proxy lives in another process: it must be there now.
    for (const auto& p : specs) {
        if (!p.standalone())
            continue;
        proxy_api::api_client client(p.api->to_string(), p.token, std::chrono::seconds(2));
        auto found = client.get("/proxies/" + proxy_api::escape_path_segment(p.name));
        if (!found)
            return make_unexpected("standalone proxy " + p.name + ": its API at " +
                                   p.api->to_string() + " does not answer: " + found.error());
        if (found->status != 200)
            return make_unexpected("standalone proxy " + p.name + ": its API at " +
                                   p.api->to_string() + " answered " +
                                   std::to_string(found->status) + " " + found->body);
        spdlog::info("proxy {}: standalone, controlled at {}", p.name, p.api->to_string());
        self->standalone_[p.name] =
            std::make_unique<http_proxy_control>(p.api->to_string(), p.token);
    }
    const bool owned = std::any_of(specs.begin(), specs.end(),
                                   [](const scenario::proxy_spec& p) { return !p.standalone(); });
    if (!owned)
        return self;
    proxies::proxy_server_options options;
    options.data_threads = threads;
    self->server_ = std::make_unique<proxies::proxy_server>(options);
    self->own_ = std::make_unique<in_process_proxy_control>(*self->server_);
    for (const auto& p : specs) {
        if (p.standalone())
            continue;
        auto created = self->server_->create(
            {p.name, p.listen.to_string(), p.upstream.to_string(), p.enabled});
        if (!created)
            return make_unexpected("proxy " + p.name + ": " + created.error().message);
        for (const auto& t : p.toxics) {
            auto added = self->server_->add_toxic(p.name, t);
            if (!added)
                return make_unexpected("proxy " + p.name + ", toxic " + t.type + ": " +
                                       added.error().message);
        }
        spdlog::info("proxy {}: {} -> {} ({}, {} toxics)", p.name, created->listen,
                     p.upstream.to_string(), p.enabled ? "enabled" : "disabled", p.toxics.size());
    }
    return self;
}

faults::proxy_control& scenario_proxies::control_of(const std::string& name) {
    if (auto it = standalone_.find(name); it != standalone_.end())
        return *it->second;
    if (own_ == nullptr)
        throw std::logic_error("a fault on proxy " + name + " in a scenario without proxies");
    return *own_;
}

scenario_proxies::~scenario_proxies() {
    if (server_) {
        server_->reset();  // toxics off first, then every listener and connection closes
        server_.reset();
    }
}

}  // namespace faultline::run
