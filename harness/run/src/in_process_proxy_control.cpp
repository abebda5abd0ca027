#include <faultline/run/in_process_proxy_control.hpp>

namespace faultline::run {
namespace {

std::string where(const std::string& proxy, const std::string& toxic) {
    return "proxy " + proxy + ", toxic " + toxic + ": ";
}

}  // namespace

expected<void, std::string> in_process_proxy_control::add_toxic(
    const std::string& proxy, const proxies::toxic_request& toxic) {
    auto added = server_.add_toxic(proxy, toxic);
    if (!added)
        return make_unexpected(where(proxy, toxic.name) + added.error().message);
    return {};
}

expected<void, std::string> in_process_proxy_control::remove_toxic(
    const std::string& proxy, const std::string& toxic) noexcept {
    auto removed = server_.remove_toxic(proxy, toxic);
    if (!removed)
        return make_unexpected(where(proxy, toxic) + removed.error().message);
    return {};
}

expected<faults::touch_counts, std::string> in_process_proxy_control::toxic_counts(
    const std::string& proxy, const std::string& toxic) const {
    auto view = server_.find_toxic(proxy, toxic);
    if (!view)
        return make_unexpected(where(proxy, toxic) + view.error().message);
    const auto& c = view->counts;
    return faults::touch_counts{{"connections", c.connections},
                                {"pieces", c.pieces},
                                {"bytes", c.bytes},
                                {"actions", c.actions}};
}

expected<std::uint64_t, std::string> in_process_proxy_control::set_enabled(const std::string& proxy,
                                                                           bool enabled) {
    auto before = server_.find(proxy);
    if (!before)
        return make_unexpected("proxy " + proxy + ": " + before.error().message);
    auto updated = server_.update(proxy, proxies::proxy_patch{{}, {}, enabled});
    if (!updated)
        return make_unexpected("proxy " + proxy + ": " + updated.error().message);
    return before->traffic.connections_open;
}

}  // namespace faultline::run
