#include "proxy_shared.hpp"

#include "link.hpp"

namespace faultline::proxies {

link_start proxy_shared::join(std::uint64_t id, const std::shared_ptr<link>& l) {
    std::lock_guard lock(mutex_);
    links_.emplace(id, l);
    return link_start{toxics_, upstream_};
}

void proxy_shared::set_upstream(core::host_port upstream) {
    std::lock_guard lock(mutex_);
    upstream_ = upstream;
}

void proxy_shared::leave(std::uint64_t id) {
    std::lock_guard lock(mutex_);
    links_.erase(id);
}

std::shared_ptr<const toxic_lists> proxy_shared::toxics() const {
    std::lock_guard lock(mutex_);
    return toxics_;
}

void proxy_shared::publish(std::shared_ptr<const toxic_lists> lists) {
    std::vector<std::shared_ptr<link>> targets;
    {
        std::lock_guard lock(mutex_);
        toxics_ = lists;
        targets.reserve(links_.size());
        for (auto& [id, weak] : links_)
            if (auto l = weak.lock())
                targets.push_back(std::move(l));
    }
    for (auto& l : targets)
        asio::post(l->executor(), [l, lists] { l->apply(*lists); });
}

void proxy_shared::close_all() {
    std::vector<std::shared_ptr<link>> targets;
    {
        std::lock_guard lock(mutex_);
        for (auto& [id, weak] : links_)
            if (auto l = weak.lock())
                targets.push_back(std::move(l));
    }
    for (auto& l : targets)
        asio::post(l->executor(), [l] { l->close(close_kind::graceful); });
}

}  // namespace faultline::proxies
