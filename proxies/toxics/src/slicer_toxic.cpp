// slicer: cuts every piece into slices of about average_size bytes, `delay` microseconds apart.
#include <algorithm>
#include <cmath>

#include "builtin_toxics.hpp"
#include "toxic_support.hpp"

namespace faultline::proxies::toxics {

namespace {

// One minute: even a piece cut into single bytes keeps k × delay far from overflow.
constexpr double max_slice_delay = 60'000'000.0;

constexpr attribute_spec attributes[] = {
    {"average_size", attribute_kind::integer, 0, 0, max_bytes, "bytes",
     "mean size of a slice; 0 = do not slice"},
    {"size_variation", attribute_kind::integer, 0, 0, max_bytes, "bytes",
     "each slice's size varies uniformly within ±size_variation; must be below average_size"},
    {"delay", attribute_kind::integer, 0, 0, max_slice_delay, "µs",
     "time between two slices of one piece"},
};

std::string validate(const attribute_map& values) {
    const std::uint64_t average = count_of(values, "average_size");
    const std::uint64_t variation = count_of(values, "size_variation");
    if (average != 0 && variation >= average)
        return "attribute size_variation (" + std::to_string(variation) +
               " bytes) must be less than average_size (" + std::to_string(average) + " bytes)";
    return {};
}

class slicer_stage final : public stage_base {
public:
    struct config {
        std::uint64_t average;
        std::uint64_t variation;  // < average when average > 0
        nanoseconds delay;
    };

    slicer_stage(const config& settings, const stage_context& context)
        : stage_base(context), settings_(settings) {}

    void on_piece(piece p, time_point at, stage_sink& out) override {
        count(p);
        if (p.is_end() || p.size() == 0 || settings_.average == 0) {
            out.emit(std::move(p), at);
            return;
        }
        std::size_t offset = 0;
        std::int64_t index = 0;
        while (offset < p.size()) {
            const std::size_t n =
                static_cast<std::size_t>(std::min<std::uint64_t>(next_size(), p.size() - offset));
            out.emit(p.slice(offset, n), at + index * settings_.delay);
            offset += n;
            ++index;
        }
        if (index > 1)
            counters_.add_action();
    }

private:
    // average ± variation, uniform over the integers of that range, never below one byte.
    std::uint64_t next_size() {
        if (settings_.variation == 0)
            return settings_.average;
        const auto variation = static_cast<double>(settings_.variation);
        const double offset =
            std::min(std::floor(random_.uniform(-variation, variation + 1.0)), variation);
        const double size = static_cast<double>(settings_.average) + offset;
        return size < 1.0 ? 1 : static_cast<std::uint64_t>(size);
    }

    config settings_;
};

std::shared_ptr<const toxic_factory> compile(const attribute_map& values) {
    return std::make_shared<stage_factory<slicer_stage>>(
        slicer_stage::config{count_of(values, "average_size"), count_of(values, "size_variation"),
                             microseconds_of(values, "delay")});
}

}  // namespace

const toxic_descriptor slicer_toxic{"slicer", "cuts pieces into smaller slices, optionally delayed",
                                    attributes, validate, compile};

}  // namespace faultline::proxies::toxics
