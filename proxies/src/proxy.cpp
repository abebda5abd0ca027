#include "proxy.hpp"

#include <algorithm>

#include <spdlog/spdlog.h>

#include <faultline/core/spawn.hpp>

#include "link.hpp"

namespace faultline::proxies {

namespace {
asio::awaitable<void> accept_loop(std::shared_ptr<tcp::acceptor> acceptor,
                                  std::shared_ptr<proxy_shared> shared, executor_picker pick) {
    for (;;) {
        error_code ec;
        auto data = pick();
        tcp::socket socket =
            co_await acceptor->async_accept(data, asio::redirect_error(asio::use_awaitable, ec));
        if (!acceptor->is_open() || ec == asio::error::operation_aborted)
            co_return;
        if (ec) {  // out of descriptors, say: back off instead of spinning
            asio::steady_timer pause(acceptor->get_executor());
            pause.expires_after(std::chrono::milliseconds(10));
            co_await pause.async_wait(asio::redirect_error(asio::use_awaitable, ec));
            continue;
        }
        const auto id = shared->next_connection.fetch_add(1, std::memory_order_relaxed);
        shared->accepted.fetch_add(1, std::memory_order_relaxed);
        auto l = std::make_shared<link>(shared, std::move(socket), id);
        l->start();
    }
}
}  // namespace

proxy::proxy(std::string name, listen_address listen, upstream_address upstream,
             asio::any_io_executor control, executor_picker pick_data,
             const proxy_server_options& options, std::shared_ptr<net::name_cache> names)
    : shared_(std::make_shared<proxy_shared>()),
      listen_(std::move(listen)),
      upstream_(std::move(upstream)),
      control_(std::move(control)),
      pick_data_(std::move(pick_data)) {
    shared_->name = std::move(name);
    shared_->set_upstream(upstream_.target);
    shared_->dial_timeout = options.dial_timeout;
    shared_->max_buffered_bytes = options.max_buffered_bytes;
    shared_->names = std::move(names);
}

proxy::~proxy() {
    stop();
    for (auto& [name, entry] : leases_)
        entry.timer->cancel();
}

expected<void, proxy_error> proxy::start() {
    if (acceptor_)
        return {};
    auto acceptor = std::make_shared<tcp::acceptor>(control_);
    error_code ec;
    acceptor->open(listen_.endpoint.protocol(), ec);
    if (!ec)
        acceptor->set_option(tcp::acceptor::reuse_address(true), ec);
    if (!ec)
        acceptor->bind(listen_.endpoint, ec);
    if (!ec)
        acceptor->listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
        return make_unexpected(proxy_error{proxy_errc::listen_failed,
                                           "listen tcp " + listen_.text + ": " + ec.message()});
    }
    listen_.endpoint = acceptor->local_endpoint(ec);
    listen_.text = endpoint_text(listen_.endpoint);
    acceptor_ = acceptor;
    core::spawn(control_, accept_loop(acceptor, shared_, pick_data_), "proxy accept loop");
    return {};
}

void proxy::stop() {
    if (!acceptor_)
        return;
    error_code ignored;
    acceptor_->close(ignored);
    acceptor_.reset();
    shared_->close_all();
}

void proxy::readdress(listen_address listen, upstream_address upstream) {
    stop();
    listen_ = std::move(listen);
    upstream_ = std::move(upstream);
    shared_->set_upstream(upstream_.target);
}

std::vector<std::shared_ptr<const active_toxic>> proxy::toxics() const {
    std::vector<std::shared_ptr<const active_toxic>> all = toxics_.upstream;
    all.insert(all.end(), toxics_.downstream.begin(), toxics_.downstream.end());
    return all;
}

std::shared_ptr<const active_toxic> proxy::find_toxic(const std::string& name) const {
    for (const auto* list : {&toxics_.upstream, &toxics_.downstream})
        for (const auto& t : *list)
            if (t->settings.name == name)
                return t;
    return nullptr;
}

void proxy::put_toxic(std::shared_ptr<const active_toxic> toxic) {
    auto& list = toxic->settings.stream == stream_direction::upstream ? toxics_.upstream
                                                                      : toxics_.downstream;
    auto same = std::find_if(list.begin(), list.end(), [&](const auto& t) {
        return t->settings.name == toxic->settings.name;
    });
    if (same != list.end())
        *same = std::move(toxic);
    else
        list.push_back(std::move(toxic));
    publish();
}

bool proxy::remove_toxic(const std::string& name) {
    bool removed = false;
    for (auto* list : {&toxics_.upstream, &toxics_.downstream}) {
        auto before = list->size();
        std::erase_if(*list, [&](const auto& t) { return t->settings.name == name; });
        removed = removed || list->size() != before;
    }
    drop_lease(name);
    if (removed)
        publish();
    return removed;
}

void proxy::remove_all_toxics() {
    for (auto& [name, entry] : leases_)
        entry.timer->cancel();
    leases_.clear();
    toxics_ = toxic_lists{};
    publish();
}

void proxy::lease(const std::string& name, nanoseconds after) {
    drop_lease(name);
    auto timer = std::make_shared<asio::steady_timer>(control_);
    timer->expires_after(after);
    leases_[name] = lease_entry{timer, clock::now() + after};
    std::weak_ptr<int> alive = alive_;
    timer->async_wait([this, alive, timer, name](error_code ec) {
        if (ec || alive.expired())
            return;
        auto entry = leases_.find(name);
        if (entry == leases_.end() || entry->second.timer != timer)
            return;  // renewed or dropped meanwhile
        spdlog::info("proxy {}: toxic {} expired, removing it", shared_->name, name);
        remove_toxic(name);
    });
}

std::optional<nanoseconds> proxy::lease_left(const std::string& name) const {
    auto entry = leases_.find(name);
    if (entry == leases_.end())
        return std::nullopt;
    return std::max(nanoseconds(0), entry->second.deadline - clock::now());
}

void proxy::drop_lease(const std::string& name) {
    auto entry = leases_.find(name);
    if (entry == leases_.end())
        return;
    entry->second.timer->cancel();
    leases_.erase(entry);
}

void proxy::publish() {
    shared_->publish(std::make_shared<const toxic_lists>(toxics_));
}

proxy_traffic proxy::traffic() const {
    proxy_traffic t;
    t.bytes_upstream = shared_->bytes_upstream.load(std::memory_order_relaxed);
    t.bytes_downstream = shared_->bytes_downstream.load(std::memory_order_relaxed);
    t.connections_accepted = shared_->accepted.load(std::memory_order_relaxed);
    t.connections_open = shared_->open.load(std::memory_order_relaxed);
    t.upstream_dial_failures = shared_->dial_failures.load(std::memory_order_relaxed);
    return t;
}

}  // namespace faultline::proxies
