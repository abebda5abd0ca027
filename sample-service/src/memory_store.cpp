#include <faultline/sample/store.hpp>

namespace faultline::sample {

memory_store::memory_store(std::int64_t item_count) {
    names_.reserve(static_cast<std::size_t>(item_count > 0 ? item_count : 0));
    for (std::int64_t id = 1; id <= item_count; ++id)
        names_.push_back("item-" + std::to_string(id));
}

std::optional<item> memory_store::find_item(std::int64_t id) {
    if (id < 1 || static_cast<std::uint64_t>(id) > names_.size())
        return std::nullopt;
    return item{id, names_[static_cast<std::size_t>(id - 1)]};
}

std::int64_t memory_store::add_order(const order& o) {
    std::lock_guard lock(mutex_);
    orders_.push_back(o);
    return static_cast<std::int64_t>(orders_.size());
}

std::optional<order> memory_store::find_order(std::int64_t id) const {
    std::lock_guard lock(mutex_);
    if (id < 1 || static_cast<std::uint64_t>(id) > orders_.size())
        return std::nullopt;
    return orders_[static_cast<std::size_t>(id - 1)];
}

}  // namespace faultline::sample
