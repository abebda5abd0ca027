#pragma once
/// The data the service's endpoints read and write, behind one small interface so that
/// "--store real" (PostgreSQL and Redis) can later replace the in-memory store.
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace faultline::sample {

/// A catalogue entry, as GET /items/{id} returns it.
struct item {
    std::int64_t id = 0;
    std::string name;
};

/// An order, as POST /orders stores it.
struct order {
    std::int64_t item = 0;
    std::int64_t qty = 0;
};

/// Where items are read and orders written. Implementations are thread-safe.
class store {
public:
    virtual ~store() = default;
    /// The item with this id, or nothing when it does not exist.
    virtual std::optional<item> find_item(std::int64_t id) = 0;
    /// Stores `o` and returns its new id (1, 2, 3, ... in order of arrival).
    virtual std::int64_t add_order(const order& o) = 0;
};

/// The store of "--store memory": items 1..item_count named "item-<id>", orders in a vector.
class memory_store final : public store {
public:
    /// How many items the catalogue holds by default.
    static constexpr std::int64_t default_item_count = 10000;

    /// Pre-fills items 1..item_count.
    explicit memory_store(std::int64_t item_count = default_item_count);

    /// The item with this id (1..item_count), without taking a lock.
    std::optional<item> find_item(std::int64_t id) override;
    /// Appends the order under a lock; ids count from 1.
    std::int64_t add_order(const order& o) override;

    /// The order with this id, or nothing.
    std::optional<order> find_order(std::int64_t id) const;

private:
    std::vector<std::string> names_;  // immutable after construction: read without a lock
    mutable std::mutex mutex_;
    std::vector<order> orders_;
};

}  // namespace faultline::sample
