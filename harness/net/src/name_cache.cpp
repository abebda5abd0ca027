#include <algorithm>
#include <mutex>
#include <unordered_map>
#include <vector>

#include <faultline/core/endpoint.hpp>
#include <faultline/net/name_cache.hpp>

#include "system_lookup.hpp"

namespace faultline::net {
namespace {

using namespace std::chrono_literals;
constexpr nanoseconds failure_ttl = 1s;

// Touched only on the waiting coroutine's executor.
struct waiter_state {
    asio::steady_timer* timer = nullptr;
    std::optional<dial_target> answer;
};

struct waiter {
    std::shared_ptr<waiter_state> state;
    asio::any_io_executor executor;
    std::uint16_t port = 0;
};

struct entry {
    std::vector<asio::ip::address> addresses;
    std::string error;
    clock::time_point expires{};
    bool resolving = false;
    std::uint64_t next = 0;
    std::vector<waiter> waiters;

    dial_target pick(std::uint16_t port, bool resolved) {
        if (addresses.empty())
            return {std::nullopt, error, resolved};
        const auto& address = addresses[next++ % addresses.size()];
        return {tcp::endpoint(address, port), {}, resolved};
    }
};

}  // namespace

struct name_cache::impl : std::enable_shared_from_this<name_cache::impl> {
    explicit impl(name_cache_options o) : options(o) {}

    name_cache_options options;
    std::mutex mutex;
    std::unordered_map<std::string, entry> entries;

    void finish(const std::string& host, detail::lookup_result result) {
        std::lock_guard lock(mutex);
        auto& e = entries[host];
        e.resolving = false;
        const auto now = clock::now();
        if (result) {
            e.addresses = std::move(*result);
            e.error.clear();
            e.expires = now + options.ttl;
        } else {
            e.addresses.clear();
            e.error = result.error();
            e.expires = now + std::min(options.ttl, failure_ttl);
        }
        // Posted under the lock: a waiter leaves the list (under the lock) before its executor
        // can go away, so every executor posted to is alive.
        for (auto& w : e.waiters) {
            asio::post(w.executor, [state = w.state, answer = e.pick(w.port, true)] {
                if (state->timer != nullptr) {
                    state->answer = answer;
                    state->timer->cancel();
                }
            });
        }
        e.waiters.clear();
    }

    void forget(const std::string& host, const std::shared_ptr<waiter_state>& state) {
        std::lock_guard lock(mutex);
        auto found = entries.find(host);
        if (found == entries.end())
            return;
        auto& list = found->second.waiters;
        list.erase(std::remove_if(list.begin(), list.end(),
                                  [&](const waiter& w) { return w.state == state; }),
                   list.end());
    }
};

namespace {

// Takes the waiter off the cache's list however the wait ends, the coroutine's destruction
// included.
struct registration {
    std::shared_ptr<name_cache::impl> cache;
    std::string host;
    std::shared_ptr<waiter_state> state;
    ~registration() { cache->forget(host, state); }
};

}  // namespace

name_cache::name_cache(name_cache_options options) : impl_(std::make_shared<impl>(options)) {}

name_cache::~name_cache() = default;

const name_cache_options& name_cache::options() const noexcept {
    return impl_->options;
}

std::optional<dial_target> name_cache::ready(const std::string& host, std::uint16_t port) {
    if (core::is_ip_literal(host) || host == "localhost")
        return dial_target{
            tcp::endpoint(asio::ip::make_address(core::numeric_host(host)), port), {}, false};
    std::lock_guard lock(impl_->mutex);
    const auto found = impl_->entries.find(host);
    if (found == impl_->entries.end() || found->second.resolving ||
        clock::now() >= found->second.expires)
        return std::nullopt;
    return found->second.pick(port, false);
}

asio::awaitable<dial_target> name_cache::next(const std::string& host, std::uint16_t port,
                                              clock::time_point deadline,
                                              asio::steady_timer& signal) {
    if (auto known = ready(host, port))
        co_return std::move(*known);
    auto state = std::make_shared<waiter_state>();
    bool start = false;
    {
        std::lock_guard lock(impl_->mutex);
        auto& e = impl_->entries[host];
        if (!e.resolving && clock::now() < e.expires)
            co_return e.pick(port, false);
        e.waiters.push_back({state, signal.get_executor(), port});
        start = !e.resolving;
        e.resolving = true;
    }
    registration registered{impl_, host, state};
    if (start) {
        std::weak_ptr<impl> cache = impl_;
        auto done = [cache, host](detail::lookup_result result) {
            if (auto self = cache.lock())
                self->finish(host, std::move(result));
        };
        if (impl_->options.resolve)
            detail::run_detached(
                [resolve = impl_->options.resolve, host, done] { done(resolve(host)); });
        else
            detail::lookup_detached(host, impl_->options.family, std::move(done));
    }
    state->timer = &signal;
    signal.expires_at(deadline);
    error_code ec;
    co_await signal.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    state->timer = nullptr;
    if (state->answer)
        co_return *state->answer;
    co_return dial_target{std::nullopt,
                          clock::now() >= deadline ? "no answer in time" : "cancelled", true};
}

}  // namespace faultline::net
