#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>

#include <catch2/catch.hpp>

#include <faultline/ramps/shape_descriptor.hpp>

#include "shape_test_support.hpp"

using faultline::ramps::builtin_shapes;
using faultline::ramps::find_shape;
using faultline::ramps::shape_config;
using faultline::ramps::shape_descriptor;

namespace {
// The first component of a problem's key: "stages.2.duration" -> "stages".
std::string_view top_key(const std::string& key) {
    return std::string_view(key).substr(0, key.find('.'));
}

bool documents(const shape_descriptor& shape, std::string_view key) {
    return std::find(shape.keys.begin(), shape.keys.end(), key) != shape.keys.end();
}

// A default configuration of the alternative at `index`: every shape rejects its defaults.
shape_config default_of(std::size_t index) {
    switch (index) {
        case 0:
            return faultline::ramps::steps_config{};
        case 1:
            return faultline::ramps::stages_config{};
        case 2:
            return faultline::ramps::spike_config{};
        default:
            return faultline::ramps::soak_config{};
    }
}
}  // namespace

TEST_CASE("the built-in shapes, in the order of SHAPES.md", "[builtin_shapes]") {
    std::vector<std::string_view> types;
    for (const auto* shape : builtin_shapes())
        types.push_back(shape->type);
    CHECK(types == std::vector<std::string_view>{"steps", "stages", "spike", "soak"});
}

TEST_CASE("find_shape finds each built-in shape by name, and nothing else", "[builtin_shapes]") {
    for (const auto* shape : builtin_shapes())
        CHECK(find_shape(shape->type) == shape);
    CHECK(find_shape("ramping") == nullptr);
    CHECK(find_shape("") == nullptr);
    CHECK(find_shape("Steps") == nullptr);
}

TEST_CASE("each shape's documented example validates and plans", "[builtin_shapes]") {
    for (const auto* shape : builtin_shapes()) {
        INFO(shape->type);
        const auto example = shape->example();
        CHECK(shape->validate(example).empty());
        const auto planned = shape->plan(example);
        REQUIRE(planned.has_value());
        REQUIRE_FALSE(planned->empty());
        bool any_judged = false;
        for (std::size_t i = 0; i < planned->size(); ++i) {
            const auto& s = (*planned)[i];
            INFO(s);
            CHECK(s.index == i);
            CHECK(s.duration > faultline::nanoseconds::zero());
            CHECK(s.warmup >= faultline::nanoseconds::zero());
            CHECK(s.warmup < s.duration);
            CHECK(s.start_level >= 0);
            CHECK(s.end_level >= 0);
            CHECK_FALSE(s.phase.empty());
            // Only constant segments can be judged: a ramp mixes levels.
            CHECK((!s.judged || !s.ramped()));
            any_judged = any_judged || s.judged;
        }
        CHECK(any_judged);
    }
}

TEST_CASE("each shape's problems are keyed by its documented keys", "[builtin_shapes]") {
    const auto shapes = builtin_shapes();
    for (std::size_t i = 0; i < shapes.size(); ++i) {
        const auto& shape = *shapes[i];
        INFO(shape.type);
        const auto config = default_of(i);
        REQUIRE(shape.plan(default_of(i)).has_value() == false);
        const auto problems = shape.validate(config);
        REQUIRE_FALSE(problems.empty());
        for (const auto& p : problems) {
            INFO(p);
            CHECK(documents(shape, top_key(p.key)));
        }
    }
}

TEST_CASE("a descriptor given another shape's config reports it, without throwing",
          "[builtin_shapes]") {
    const auto* steps = find_shape("steps");
    const auto* soak = find_shape("soak");
    REQUIRE(steps != nullptr);
    REQUIRE(soak != nullptr);
    const auto problems = steps->validate(soak->example());
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].key == "shape");
    const auto planned = steps->plan(soak->example());
    REQUIRE_FALSE(planned.has_value());
    CHECK(planned.error() == problems);
}

TEST_CASE("SHAPES.md documents every shape and every key", "[builtin_shapes]") {
    // This file is tests/unit/ramps/builtin_shapes_test.cpp; the reference is ramps/SHAPES.md.
    const auto root =
        std::filesystem::path(__FILE__).parent_path().parent_path().parent_path().parent_path();
    std::ifstream in(root / "ramps" / "SHAPES.md");
    REQUIRE(in.good());
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    for (const auto* shape : builtin_shapes()) {
        INFO(shape->type);
        CHECK(text.find("shape = \"" + std::string(shape->type) + "\"") != std::string::npos);
        for (auto key : shape->keys) {
            INFO(key);
            CHECK(text.find("`" + std::string(key) + "`") != std::string::npos);
        }
    }
}

TEST_CASE("what each shape tells the run about itself", "[builtin_shapes]") {
    using faultline::ramps::shape_analysis;
    const auto& fallback = faultline::ramps::default_shape();
    CHECK(fallback.type == "steps");
    CHECK(find_shape("steps") == &fallback);
    // Only the default shape searches for a breaking point, and its absent durations have the
    // defaults its plan uses.
    for (const auto* shape : builtin_shapes()) {
        INFO(shape->type);
        CHECK(shape->searches == (shape == &fallback));
        for (const auto& d : shape->defaulted_durations) {
            INFO(d.key);
            CHECK(std::find(shape->keys.begin(), shape->keys.end(), d.key) != shape->keys.end());
            CHECK(d.value > faultline::nanoseconds{0});
        }
    }
    REQUIRE(fallback.defaulted_durations.size() == 2);
    CHECK(fallback.defaulted_durations[0].value == faultline::ramps::default_step_duration);
    CHECK(fallback.defaulted_durations[1].value == faultline::ramps::default_warmup);
    CHECK(find_shape("spike")->analysis == shape_analysis::spike_recovery);
    CHECK(find_shape("soak")->analysis == shape_analysis::soak_drift);
    CHECK(find_shape("soak")->samples_processes);
    CHECK(find_shape("stages")->analysis == shape_analysis::none);
    CHECK_FALSE(find_shape("stages")->samples_processes);
}
