#include "toxic_set.hpp"

namespace faultline::faults {
namespace {
touch_counts touch_of(const proxies::toxic_counts& c) {
    return {{"connections", c.connections},
            {"pieces", c.pieces},
            {"bytes", c.bytes},
            {"actions", c.actions}};
}
}  // namespace

expected<void, std::string> toxic_set::add() {
    for (const auto& toxic : toxics_) {
        auto added = server_.add_toxic(proxy_, toxic);
        if (!added) {
            (void)remove();
            return make_unexpected("proxy " + proxy_ + ", toxic " + toxic.name + ": " +
                                   added.error().message);
        }
        ++added_;
    }
    return {};
}

expected<void, std::string> toxic_set::remove() noexcept {
    if (added_ > 0)
        last_ = current();
    std::string first_error;
    for (std::size_t i = 0; i < added_; ++i) {
        auto removed = server_.remove_toxic(proxy_, toxics_[i].name);
        if (!removed && first_error.empty())
            first_error =
                "proxy " + proxy_ + ", toxic " + toxics_[i].name + ": " + removed.error().message;
    }
    added_ = 0;
    if (!first_error.empty())
        return make_unexpected(first_error);
    return {};
}

proxies::toxic_counts toxic_set::current() const {
    proxies::toxic_counts sum;
    for (std::size_t i = 0; i < added_; ++i) {
        auto view = server_.find_toxic(proxy_, toxics_[i].name);
        if (!view)
            continue;
        sum.connections += view->counts.connections;
        sum.pieces += view->counts.pieces;
        sum.bytes += view->counts.bytes;
        sum.actions += view->counts.actions;
    }
    return sum;
}

touch_counts toxic_set::touched() const {
    return touch_of(added_ > 0 ? current() : last_);
}

}  // namespace faultline::faults
