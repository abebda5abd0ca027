#pragma once
// Small pieces every built-in toxic uses: attribute limits and readers, a stage base holding the
// counters and the random source, a factory template, and the byte budget of limit_data and drop.
#include <chrono>
#include <cmath>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include <faultline/toxics/toxic.hpp>
#include <faultline/toxics/toxic_descriptor.hpp>

namespace faultline::proxies::toxics {

/// Upper bounds of attribute ranges: large enough for any drill, small enough that durations in
/// nanoseconds and byte counts never overflow.
inline constexpr double max_milliseconds = 3'600'000.0;  // one hour
inline constexpr double max_bytes = 1e12;                // also KB/s for rates

/// The `validate` of a type with no rule across attributes.
inline std::string no_cross_rules(const attribute_map&) {
    return {};
}

/// The value of `name` in a complete map (0 if absent, which complete_attributes never lets be).
inline double number_of(const attribute_map& attributes, std::string_view name) {
    const auto it = attributes.find(name);
    return it == attributes.end() ? 0.0 : it->second;
}

/// A non-negative integer attribute.
inline std::uint64_t count_of(const attribute_map& attributes, std::string_view name) {
    const double v = number_of(attributes, name);
    return v > 0 ? static_cast<std::uint64_t>(std::llround(v)) : 0;
}

/// An integer attribute in milliseconds, as a duration.
inline nanoseconds milliseconds_of(const attribute_map& attributes, std::string_view name) {
    return std::chrono::duration_cast<nanoseconds>(
        std::chrono::milliseconds(static_cast<std::int64_t>(count_of(attributes, name))));
}

/// An integer attribute in microseconds, as a duration.
inline nanoseconds microseconds_of(const attribute_map& attributes, std::string_view name) {
    return std::chrono::duration_cast<nanoseconds>(
        std::chrono::microseconds(static_cast<std::int64_t>(count_of(attributes, name))));
}

/// What every stage holds: the toxic's counters and this stage's own random source.
class stage_base : public toxic_stage {
public:
    explicit stage_base(const stage_context& context)
        : counters_(context.counters), random_(context.seed) {}

protected:
    /// Counts a data piece reaching the stage (the end-of-stream marker is not counted).
    void count(const piece& p) {
        if (!p.is_end())
            counters_.add_piece(p.size());
    }

    toxic_counters& counters_;
    toxic_random random_;
};

/// The factory of a stage type: holds the validated `Stage::config` and makes one stage per
/// connection and direction.
template <class Stage>
class stage_factory final : public toxic_factory {
public:
    explicit stage_factory(typename Stage::config config) : config_(config) {}

    std::unique_ptr<toxic_stage> make_stage(const stage_context& context) const override {
        return std::make_unique<Stage>(config_, context);
    }

private:
    typename Stage::config config_;
};

/// Lets `limit` bytes pass, cuts the piece that crosses the limit, then asks a graceful close and
/// swallows whatever still arrives (limit_data, drop with after_bytes).
class byte_budget {
public:
    explicit byte_budget(std::uint64_t limit) : limit_(limit) {}

    /// Handles a data piece that arrived at `at`; returns true when it cut, closed or swallowed
    /// (an action), false when the whole piece passed unchanged.
    bool on_data(const piece& p, time_point at, stage_sink& out) {
        if (closed_)
            return true;
        const std::uint64_t left = limit_ - passed_;
        const std::uint64_t pass = p.size() < left ? p.size() : left;
        passed_ += pass;
        if (passed_ < limit_) {
            out.emit(p, at);
            return false;
        }
        if (pass > 0)
            out.emit(p.slice(0, static_cast<std::size_t>(pass)), at);
        close_now(at, out);
        return true;
    }

    /// Asks the close at `at` now, whatever has passed.
    void close_now(time_point at, stage_sink& out) {
        closed_ = true;
        out.close_connection(close_kind::graceful, at);
    }

    bool closed() const { return closed_; }

private:
    std::uint64_t limit_;
    std::uint64_t passed_ = 0;
    bool closed_ = false;
};

}  // namespace faultline::proxies::toxics
