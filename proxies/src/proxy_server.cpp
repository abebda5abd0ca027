#include <cmath>
#include <future>
#include <map>
#include <random>
#include <set>
#include <thread>

#include <faultline/proxies/proxy_server.hpp>
#include <faultline/proxies/resource_name.hpp>

#include "proxy.hpp"

namespace faultline::proxies {

namespace {
constexpr auto max_lease = std::chrono::hours(24 * 7);

toxic_view view_of(const proxy& p, const active_toxic& t) {
    toxic_view v;
    v.settings = t.settings;
    v.counts.connections = t.counters->connections.load(std::memory_order_relaxed);
    v.counts.pieces = t.counters->pieces.load(std::memory_order_relaxed);
    v.counts.bytes = t.counters->bytes.load(std::memory_order_relaxed);
    v.counts.actions = t.counters->actions.load(std::memory_order_relaxed);
    v.expires_after = p.lease_left(t.settings.name);
    return v;
}

proxy_view view_of(const proxy& p) {
    proxy_view v;
    v.name = p.name();
    v.listen = p.listen();
    v.upstream = p.upstream();
    v.enabled = p.enabled();
    for (const auto& t : p.toxics())
        v.toxics.push_back(view_of(p, *t));
    v.traffic = p.traffic();
    return v;
}

proxy_error bad_body(const std::string& detail) {
    return proxy_error::make(proxy_errc::bad_request_body, detail);
}
}  // namespace

struct proxy_server::state {
    explicit state(proxy_server_options o)
        : options(o),
          names(std::make_shared<net::name_cache>(net::name_cache_options{o.dns_ttl, {}, {}})) {}

    proxy_server_options options;
    std::shared_ptr<net::name_cache> names;  // upstream names, shared by every proxy
    // Declared before `control` so they outlive it: the control context's pending accepts hold
    // sockets that belong to data contexts.
    std::vector<std::unique_ptr<asio::io_context>> data;
    std::vector<asio::executor_work_guard<asio::io_context::executor_type>> data_guards;
    asio::io_context control{1};
    asio::executor_work_guard<asio::io_context::executor_type> control_guard{
        control.get_executor()};
    std::vector<std::thread> threads;
    std::atomic<std::size_t> next_data{0};
    std::map<std::string, std::unique_ptr<proxy>> proxies;  // control thread only
    std::uint64_t generation = 0;                           // control thread only
    std::mt19937_64 seeds{std::random_device{}()};          // control thread only

    asio::any_io_executor pick_data() {
        auto i = next_data.fetch_add(1, std::memory_order_relaxed) % data.size();
        return data[i]->get_executor();
    }

    /// Runs `fn` on the control thread and returns its result (directly when already there).
    template <class Fn>
    auto call(Fn fn) -> decltype(fn()) {
        if (control.get_executor().running_in_this_thread())
            return fn();
        std::packaged_task<decltype(fn())()> task(std::move(fn));
        auto result = task.get_future();
        asio::post(control, [&task] { task(); });
        return result.get();
    }

    proxy* find(const std::string& name) {
        auto it = proxies.find(name);
        return it == proxies.end() ? nullptr : it->second.get();
    }

    expected<std::unique_ptr<proxy>, proxy_error> make_proxy(const proxy_request& r) {
        if (auto bad = name_problem(r.name); !bad.empty())
            return make_unexpected(bad_body("name " + bad));
        auto listen = parse_listen_address(r.listen);
        if (!listen)
            return make_unexpected(bad_body(listen.error()));
        auto upstream = parse_upstream_address(r.upstream);
        if (!upstream)
            return make_unexpected(bad_body(upstream.error()));
        return std::make_unique<proxy>(
            r.name, std::move(*listen), std::move(*upstream), control.get_executor(),
            [this] { return pick_data(); }, options, names);
    }

    expected<toxic_view, proxy_error> add_toxic(proxy& p, const toxic_request& r);
    expected<toxic_view, proxy_error> update_toxic(proxy& p, const active_toxic& current,
                                                   const toxic_patch& patch);
};

namespace {
expected<void, proxy_error> check_common(double toxicity, std::optional<nanoseconds> expires_in) {
    if (!(toxicity >= 0.0 && toxicity <= 1.0))
        return make_unexpected(bad_body("toxicity must be a probability from 0 to 1, got " +
                                        std::to_string(toxicity)));
    if (expires_in && (*expires_in <= nanoseconds(0) || *expires_in > max_lease))
        return make_unexpected(bad_body("expires_in must be more than 0 and at most 7 days"));
    return {};
}
}  // namespace

expected<toxic_view, proxy_error> proxy_server::state::add_toxic(proxy& p, const toxic_request& r) {
    const std::string stream_text = r.stream.empty() ? "downstream" : r.stream;
    auto stream = parse_stream_direction(stream_text);
    if (!stream)
        return make_unexpected(proxy_error::make(proxy_errc::invalid_stream));
    const std::string name = r.name.empty() ? r.type + "_" + stream_text : r.name;
    const toxic_descriptor* type = find_toxic_type(r.type);
    if (!type)
        return make_unexpected(proxy_error::make(proxy_errc::invalid_toxic_type));
    if (auto bad = name_problem(name); !bad.empty())
        return make_unexpected(bad_body("name " + bad));
    if (p.find_toxic(name))
        return make_unexpected(proxy_error::make(proxy_errc::toxic_exists));
    const double toxicity = r.toxicity.value_or(1.0);
    if (auto ok = check_common(toxicity, r.expires_in); !ok)
        return make_unexpected(ok.error());
    auto attributes = complete_attributes(*type, r.attributes);
    if (!attributes)
        return make_unexpected(bad_body(attributes.error()));

    auto toxic = std::make_shared<active_toxic>();
    toxic->settings = toxic_settings{
        name, r.type, *stream, toxicity, *attributes, r.expires_in, r.seed ? *r.seed : seeds()};
    toxic->type = type;
    toxic->factory = type->compile(toxic->settings.attributes);
    toxic->counters = std::make_shared<toxic_counters>();
    toxic->generation = ++generation;
    p.put_toxic(toxic);
    if (r.expires_in)
        p.lease(name, *r.expires_in);
    return view_of(p, *toxic);
}

expected<toxic_view, proxy_error> proxy_server::state::update_toxic(proxy& p,
                                                                    const active_toxic& current,
                                                                    const toxic_patch& patch) {
    const double toxicity = patch.toxicity.value_or(current.settings.toxicity);
    if (auto ok = check_common(toxicity, patch.expires_in); !ok)
        return make_unexpected(ok.error());
    attribute_map merged = current.settings.attributes;
    for (const auto& [key, value] : patch.attributes)
        merged[key] = value;
    auto attributes = complete_attributes(*current.type, merged);
    if (!attributes)
        return make_unexpected(bad_body(attributes.error()));

    auto toxic = std::make_shared<active_toxic>(current);
    toxic->settings.toxicity = toxicity;
    toxic->settings.attributes = *attributes;
    if (patch.expires_in)
        toxic->settings.expires_in = patch.expires_in;
    toxic->factory = current.type->compile(toxic->settings.attributes);
    toxic->generation = ++generation;
    p.put_toxic(toxic);
    if (patch.expires_in)
        p.lease(toxic->settings.name, *patch.expires_in);
    return view_of(p, *toxic);
}

proxy_server::proxy_server(proxy_server_options options)
    : state_(std::make_unique<state>(options)) {
    const unsigned n = std::max(1u, options.data_threads);
    for (unsigned i = 0; i < n; ++i) {
        state_->data.push_back(std::make_unique<asio::io_context>(1));
        state_->data_guards.emplace_back(state_->data.back()->get_executor());
    }
    for (auto& ctx : state_->data)
        state_->threads.emplace_back([c = ctx.get()] { c->run(); });
    state_->threads.emplace_back([this] { state_->control.run(); });
}

proxy_server::~proxy_server() {
    state_->call([this] {
        state_->proxies.clear();
        return 0;
    });
    for (auto& ctx : state_->data)
        ctx->stop();
    state_->control.stop();
    for (auto& t : state_->threads)
        t.join();
}

asio::any_io_executor proxy_server::control_executor() const {
    return state_->control.get_executor();
}

expected<proxy_view, proxy_error> proxy_server::create(const proxy_request& request) {
    return state_->call([&]() -> expected<proxy_view, proxy_error> {
        if (request.name.empty())
            return make_unexpected(proxy_error::make(proxy_errc::missing_field, "name"));
        if (request.upstream.empty())
            return make_unexpected(proxy_error::make(proxy_errc::missing_field, "upstream"));
        if (state_->find(request.name))
            return make_unexpected(proxy_error::make(proxy_errc::proxy_exists));
        auto made = state_->make_proxy(request);
        if (!made)
            return make_unexpected(made.error());
        if (request.enabled)
            if (auto started = (*made)->start(); !started)
                return make_unexpected(started.error());
        auto& p = *state_->proxies.emplace(request.name, std::move(*made)).first->second;
        return view_of(p);
    });
}

expected<std::vector<proxy_view>, proxy_error> proxy_server::populate(
    const std::vector<proxy_request>& list) {
    return state_->call([&]() -> expected<std::vector<proxy_view>, proxy_error> {
        // Phase 1: check everything before changing anything.
        std::set<std::string> names;
        std::vector<std::unique_ptr<proxy>> made;
        for (std::size_t i = 0; i < list.size(); ++i) {
            const auto& r = list[i];
            const std::string where = " at proxy " + std::to_string(i + 1);
            if (r.name.empty())
                return make_unexpected(
                    proxy_error::make(proxy_errc::missing_field, "name" + where));
            if (r.upstream.empty())
                return make_unexpected(
                    proxy_error::make(proxy_errc::missing_field, "upstream" + where));
            if (!names.insert(r.name).second)
                return make_unexpected(bad_body("duplicate proxy name \"" + r.name + "\""));
            auto p = state_->make_proxy(r);
            if (!p)
                return make_unexpected(p.error());
            made.push_back(std::move(*p));
        }
        // Phase 2: keep what is unchanged, replace what differs, create what is new.
        std::vector<proxy_view> result;
        for (std::size_t i = 0; i < list.size(); ++i) {
            proxy* existing = state_->find(list[i].name);
            if (existing && existing->listen() == made[i]->listen() &&
                existing->upstream() == made[i]->upstream()) {
                result.push_back(view_of(*existing));
                continue;
            }
            if (existing)
                state_->proxies.erase(list[i].name);
            if (list[i].enabled)
                if (auto started = made[i]->start(); !started)
                    return make_unexpected(started.error());
            auto& p = *state_->proxies.emplace(list[i].name, std::move(made[i])).first->second;
            result.push_back(view_of(p));
        }
        return result;
    });
}

std::vector<proxy_view> proxy_server::list() const {
    return state_->call([&] {
        std::vector<proxy_view> views;
        for (const auto& [name, p] : state_->proxies)
            views.push_back(view_of(*p));
        return views;
    });
}

expected<proxy_view, proxy_error> proxy_server::find(const std::string& name) const {
    return state_->call([&]() -> expected<proxy_view, proxy_error> {
        proxy* p = state_->find(name);
        if (!p)
            return make_unexpected(proxy_error::make(proxy_errc::proxy_not_found));
        return view_of(*p);
    });
}

expected<proxy_view, proxy_error> proxy_server::update(const std::string& name,
                                                       const proxy_patch& patch) {
    return state_->call([&]() -> expected<proxy_view, proxy_error> {
        proxy* p = state_->find(name);
        if (!p)
            return make_unexpected(proxy_error::make(proxy_errc::proxy_not_found));
        const bool enable = patch.enabled.value_or(p->enabled());
        const std::string listen = patch.listen.value_or(p->listen());
        const std::string upstream = patch.upstream.value_or(p->upstream());
        if (listen != p->listen() || upstream != p->upstream()) {
            auto l = parse_listen_address(listen);
            if (!l)
                return make_unexpected(bad_body(l.error()));
            auto u = parse_upstream_address(upstream);
            if (!u)
                return make_unexpected(bad_body(u.error()));
            if (l->text != p->listen() || u->text != p->upstream())
                p->readdress(std::move(*l), std::move(*u));
        }
        if (!enable)
            p->stop();
        else if (auto started = p->start(); !started)
            return make_unexpected(started.error());
        return view_of(*p);
    });
}

expected<void, proxy_error> proxy_server::remove(const std::string& name) {
    return state_->call([&]() -> expected<void, proxy_error> {
        if (state_->proxies.erase(name) == 0)
            return make_unexpected(proxy_error::make(proxy_errc::proxy_not_found));
        return {};
    });
}

expected<std::vector<toxic_view>, proxy_error> proxy_server::toxics(const std::string& name) const {
    return state_->call([&]() -> expected<std::vector<toxic_view>, proxy_error> {
        proxy* p = state_->find(name);
        if (!p)
            return make_unexpected(proxy_error::make(proxy_errc::proxy_not_found));
        return view_of(*p).toxics;
    });
}

expected<toxic_view, proxy_error> proxy_server::find_toxic(const std::string& proxy_name,
                                                           const std::string& toxic) const {
    return state_->call([&]() -> expected<toxic_view, proxy_error> {
        proxy* p = state_->find(proxy_name);
        if (!p)
            return make_unexpected(proxy_error::make(proxy_errc::proxy_not_found));
        auto t = p->find_toxic(toxic);
        if (!t)
            return make_unexpected(proxy_error::make(proxy_errc::toxic_not_found));
        return view_of(*p, *t);
    });
}

expected<toxic_view, proxy_error> proxy_server::add_toxic(const std::string& proxy_name,
                                                          const toxic_request& request) {
    return state_->call([&]() -> expected<toxic_view, proxy_error> {
        proxy* p = state_->find(proxy_name);
        if (!p)
            return make_unexpected(proxy_error::make(proxy_errc::proxy_not_found));
        return state_->add_toxic(*p, request);
    });
}

expected<toxic_view, proxy_error> proxy_server::update_toxic(const std::string& proxy_name,
                                                             const std::string& toxic,
                                                             const toxic_patch& patch) {
    return state_->call([&]() -> expected<toxic_view, proxy_error> {
        proxy* p = state_->find(proxy_name);
        if (!p)
            return make_unexpected(proxy_error::make(proxy_errc::proxy_not_found));
        auto current = p->find_toxic(toxic);
        if (!current)
            return make_unexpected(proxy_error::make(proxy_errc::toxic_not_found));
        return state_->update_toxic(*p, *current, patch);
    });
}

expected<void, proxy_error> proxy_server::remove_toxic(const std::string& proxy_name,
                                                       const std::string& toxic) {
    return state_->call([&]() -> expected<void, proxy_error> {
        proxy* p = state_->find(proxy_name);
        if (!p)
            return make_unexpected(proxy_error::make(proxy_errc::proxy_not_found));
        if (!p->remove_toxic(toxic))
            return make_unexpected(proxy_error::make(proxy_errc::toxic_not_found));
        return {};
    });
}

void proxy_server::reset() {
    state_->call([&] {
        for (auto& [name, p] : state_->proxies) {
            (void)p->start();  // a port taken meanwhile leaves that proxy disabled
            p->remove_all_toxics();
        }
        return 0;
    });
}

}  // namespace faultline::proxies
