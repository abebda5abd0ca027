#pragma once
/// Test helpers for toxic stages: a stage_sink that records every request, data pieces made from
/// text, and stages built by type name through the registry, as the chain builds them.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <faultline/toxics/toxic.hpp>
#include <faultline/toxics/toxic_descriptor.hpp>

namespace faultline::test {

using proxies::close_kind;
using proxies::piece;
using proxies::time_point;

/// A manual time origin: tests express every time as t0 + offset.
inline const time_point t0 = time_point{} + std::chrono::hours(24);

/// One emit() call.
struct emitted {
    piece p;
    time_point release;
};

/// One close_connection() call.
struct close_call {
    close_kind kind;
    time_point at;
};

/// Records emits, closes and wake requests, in call order.
class recording_sink final : public proxies::stage_sink {
public:
    void emit(piece p, time_point release) override { emits.push_back({std::move(p), release}); }
    void close_connection(close_kind kind, time_point at) override { closes.push_back({kind, at}); }
    void wake_at(time_point at) override { wakes.push_back(at); }

    /// The bytes of every emitted data piece, concatenated in emit order.
    std::string data() const {
        std::string all;
        for (const auto& e : emits)
            all.append(e.p.bytes());
        return all;
    }

    /// The emitted pieces that are not the end of the stream.
    std::vector<emitted> data_emits() const {
        std::vector<emitted> out;
        for (const auto& e : emits) {
            if (!e.p.is_end())
                out.push_back(e);
        }
        return out;
    }

    std::vector<emitted> emits;
    std::vector<close_call> closes;
    std::vector<time_point> wakes;
};

/// A data piece holding `text`.
inline piece make_piece(std::string_view text) {
    return piece(std::make_shared<const proxies::byte_block>(text.begin(), text.end()));
}

/// A data piece of `size` bytes counting 'a'..'z' over and over, so cuts are visible.
inline piece make_piece(std::size_t size) {
    proxies::byte_block block(size);
    for (std::size_t i = 0; i < size; ++i)
        block[i] = static_cast<char>('a' + i % 26);
    return piece(std::make_shared<const proxies::byte_block>(std::move(block)));
}

/// A stage of a registered toxic type, with the counters it reports to.
struct stage_under_test {
    std::unique_ptr<proxies::toxic_counters> counters;
    std::unique_ptr<proxies::toxic_stage> stage;

    proxies::toxic_stage* operator->() const { return stage.get(); }
};

/// Builds a stage as the chain does: find the type, complete and validate the attributes, compile
/// the factory, make a stage with `seed`. Throws (failing the test) when any step fails.
inline stage_under_test make_stage(std::string_view type, const proxies::attribute_map& given,
                                   std::uint64_t seed = 1) {
    const proxies::toxic_descriptor* descriptor = proxies::find_toxic_type(type);
    if (descriptor == nullptr)
        throw std::runtime_error("unknown toxic type " + std::string(type));
    auto attributes = proxies::complete_attributes(*descriptor, given);
    if (!attributes)
        throw std::runtime_error(attributes.error());
    const auto factory = descriptor->compile(*attributes);
    stage_under_test made;
    made.counters = std::make_unique<proxies::toxic_counters>();
    made.stage = factory->make_stage(proxies::stage_context{seed, *made.counters});
    return made;
}

}  // namespace faultline::test
