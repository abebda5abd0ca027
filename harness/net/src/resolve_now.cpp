#include <condition_variable>
#include <memory>
#include <mutex>

#include <faultline/core/endpoint.hpp>
#include <faultline/net/resolve_now.hpp>

#include "system_lookup.hpp"

namespace faultline::net {

expected<std::vector<asio::ip::address>, std::string> resolve_now(const std::string& host,
                                                                  family_policy family,
                                                                  nanoseconds timeout) {
    if (core::is_ip_literal(host))
        return std::vector<asio::ip::address>{asio::ip::make_address(host)};
    struct shared {
        std::mutex mutex;
        std::condition_variable ready;
        std::optional<detail::lookup_result> result;
    };
    auto state = std::make_shared<shared>();
    detail::lookup_detached(host, family, [state](detail::lookup_result result) {
        std::lock_guard lock(state->mutex);
        state->result = std::move(result);
        state->ready.notify_all();
    });
    std::unique_lock lock(state->mutex);
    if (!state->ready.wait_for(lock, timeout, [&] { return state->result.has_value(); })) {
        return make_unexpected(
            "no answer within " +
            std::to_string(duration_cast<std::chrono::milliseconds>(timeout).count()) + " ms");
    }
    return std::move(*state->result);
}

}  // namespace faultline::net
