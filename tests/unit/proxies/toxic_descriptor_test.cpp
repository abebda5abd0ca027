#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include <faultline/toxics/toxic_descriptor.hpp>

#include "recording_sink.hpp"

using namespace faultline::proxies;

namespace {

// The defaults documented in proxies/TOXICS.md (and Toxiproxy's, for its seven types).
const std::vector<std::pair<std::string, attribute_map>> documented_defaults = {
    {"latency", {{"latency", 0}, {"jitter", 0}}},
    {"bandwidth", {{"rate", 0}}},
    {"slow_close", {{"delay", 0}}},
    {"timeout", {{"timeout", 0}}},
    {"reset_peer", {{"timeout", 0}}},
    {"slicer", {{"average_size", 0}, {"size_variation", 0}, {"delay", 0}}},
    {"limit_data", {{"bytes", 0}}},
    {"loss", {{"probability", 0}, {"burst", 0}, {"rto", 200}}},
    {"drop", {{"probability", 1}, {"after_bytes", 0}}},
};

std::string trim(const std::string& text) {
    const auto first = text.find_first_not_of(" `");
    const auto last = text.find_last_not_of(" `");
    return first == std::string::npos ? std::string() : text.substr(first, last - first + 1);
}

// The table rows of TOXICS.md as (section, cells), section being the first word of its heading.
std::vector<std::pair<std::string, std::vector<std::string>>> reference_rows() {
    std::ifstream file(FAULTLINE_TOXICS_REFERENCE);
    REQUIRE(file.good());
    std::vector<std::pair<std::string, std::vector<std::string>>> rows;
    std::string line, section;
    while (std::getline(file, line)) {
        if (line.rfind("## ", 0) == 0) {
            std::istringstream heading(line.substr(3));
            heading >> section;
        } else if (line.rfind("| `", 0) == 0) {
            std::vector<std::string> cells;
            std::istringstream row(line.substr(1));
            std::string cell;
            while (std::getline(row, cell, '|'))
                cells.push_back(trim(cell));
            rows.emplace_back(section, cells);
        }
    }
    return rows;
}

std::string error_of(std::string_view type, const attribute_map& given) {
    const auto result = complete_attributes(*find_toxic_type(type), given);
    REQUIRE_FALSE(result.has_value());
    return result.error();
}

}  // namespace

TEST_CASE("builtin toxics are listed in the reference order", "[proxies][registry]") {
    std::vector<std::string> names;
    for (const toxic_descriptor* d : builtin_toxics())
        names.emplace_back(d->type);
    CHECK(names == std::vector<std::string>{"latency", "bandwidth", "slow_close", "timeout",
                                            "reset_peer", "slicer", "limit_data", "loss", "drop"});
    CHECK(std::set<std::string>(names.begin(), names.end()).size() == names.size());
}

TEST_CASE("find_toxic_type finds every builtin and nothing else", "[proxies][registry]") {
    for (const toxic_descriptor* d : builtin_toxics())
        CHECK(find_toxic_type(d->type) == d);
    CHECK(find_toxic_type("") == nullptr);
    CHECK(find_toxic_type("Latency") == nullptr);
    CHECK(find_toxic_type("noop") == nullptr);
}

TEST_CASE("every attribute spec is documented and sane", "[proxies][registry]") {
    const std::set<std::string_view> units = {"ms", "µs", "KB/s", "bytes", ""};
    for (const toxic_descriptor* d : builtin_toxics()) {
        INFO(d->type);
        CHECK_FALSE(d->summary.empty());
        CHECK(d->validate != nullptr);
        CHECK(d->compile != nullptr);
        std::set<std::string_view> names;
        for (const attribute_spec& spec : d->attributes) {
            INFO(spec.name);
            CHECK(names.insert(spec.name).second);
            CHECK(d->find_attribute(spec.name) == &spec);
            CHECK_FALSE(spec.doc.empty());
            CHECK(units.count(spec.unit) == 1);
            CHECK(spec.min <= spec.default_value);
            CHECK(spec.default_value <= spec.max);
            CHECK(spec.min >= 0);
            CHECK(spec.max <= 4e12);  // durations in ns and byte counts stay far from overflow
            if (spec.kind == attribute_kind::integer) {
                CHECK(std::trunc(spec.default_value) == spec.default_value);
            } else {
                CHECK(spec.unit.empty());  // numbers are probabilities
                CHECK(spec.max == 1);
            }
        }
        CHECK(d->find_attribute("no_such_attribute") == nullptr);
    }
}

TEST_CASE("every builtin round-trips its documented defaults", "[proxies][registry]") {
    REQUIRE(documented_defaults.size() == builtin_toxics().size());
    for (const auto& [type, defaults] : documented_defaults) {
        INFO(type);
        const toxic_descriptor* d = find_toxic_type(type);
        REQUIRE(d != nullptr);
        const auto from_nothing = complete_attributes(*d, {});
        REQUIRE(from_nothing.has_value());
        CHECK(*from_nothing == defaults);
        const auto from_defaults = complete_attributes(*d, defaults);
        REQUIRE(from_defaults.has_value());
        CHECK(*from_defaults == defaults);
        // The defaults make a working stage.
        const auto made = faultline::test::make_stage(type, defaults);
        CHECK(made.stage != nullptr);
    }
}

TEST_CASE("the reference documents every attribute with its kind, unit, default and range",
          "[proxies][registry]") {
    const auto rows = reference_rows();
    std::size_t attributes = 0;
    for (const toxic_descriptor* d : builtin_toxics()) {
        for (const attribute_spec& spec : d->attributes) {
            ++attributes;
            INFO(d->type << "." << spec.name);
            const auto row = std::find_if(rows.begin(), rows.end(), [&](const auto& r) {
                return r.first == d->type && !r.second.empty() && r.second[0] == spec.name;
            });
            REQUIRE(row != rows.end());
            const auto& cells = row->second;
            REQUIRE(cells.size() >= 5);
            CHECK(cells[1] == (spec.kind == attribute_kind::integer ? "integer" : "number"));
            CHECK(cells[2] == (spec.unit.empty() ? std::string("-") : std::string(spec.unit)));
            CHECK(std::stod(cells[3]) == spec.default_value);
            const auto dash = cells[4].find("–");
            REQUIRE(dash != std::string::npos);
            CHECK(std::stod(cells[4].substr(0, dash)) == spec.min);
            CHECK(std::stod(cells[4].substr(dash + std::string("–").size())) == spec.max);
        }
    }
    CHECK(rows.size() == attributes);  // and nothing documented that does not exist
}

TEST_CASE("complete_attributes applies given values over the defaults", "[proxies][registry]") {
    const auto result = complete_attributes(*find_toxic_type("latency"), {{"jitter", 25}});
    REQUIRE(result.has_value());
    CHECK(*result == attribute_map{{"latency", 0}, {"jitter", 25}});
    const auto loss = complete_attributes(*find_toxic_type("loss"), {{"probability", 0.25}});
    REQUIRE(loss.has_value());
    CHECK(loss->at("probability") == 0.25);
    CHECK(loss->at("rto") == 200);
}

TEST_CASE("complete_attributes refuses what the spec does not allow", "[proxies][registry]") {
    SECTION("an unknown name, listing the accepted ones") {
        const auto message = error_of("latency", {{"latncy", 10}});
        CHECK_THAT(message, Catch::Contains("latncy"));
        CHECK_THAT(message, Catch::Contains("latency, jitter"));
    }
    SECTION("a negative value, naming the range and unit") {
        const auto message = error_of("latency", {{"latency", -5}});
        CHECK_THAT(message, Catch::Contains("latency"));
        CHECK_THAT(message, Catch::Contains("-5"));
        CHECK_THAT(message, Catch::Contains("[0, 3600000] ms"));
        CHECK_THAT(error_of("bandwidth", {{"rate", -1}}), Catch::Contains("KB/s"));
    }
    SECTION("a fraction for an integer attribute") {
        const auto message = error_of("limit_data", {{"bytes", 10.5}});
        CHECK_THAT(message, Catch::Contains("bytes"));
        CHECK_THAT(message, Catch::Contains("integer"));
        CHECK_THAT(message, Catch::Contains("10.5"));
    }
    SECTION("a probability above 1 or not a number") {
        CHECK_THAT(error_of("loss", {{"probability", 1.5}}), Catch::Contains("[0, 1]"));
        CHECK_THAT(error_of("drop", {{"probability", std::nan("")}}),
                   Catch::Contains("probability"));
        CHECK_THAT(error_of("latency", {{"latency", std::numeric_limits<double>::infinity()}}),
                   Catch::Contains("latency"));
    }
    SECTION("a value above the maximum") {
        CHECK_THAT(error_of("latency", {{"jitter", 3'600'001}}), Catch::Contains("jitter"));
    }
    SECTION("the slicer's size_variation not below average_size") {
        const auto message = error_of("slicer", {{"average_size", 10}, {"size_variation", 10}});
        CHECK_THAT(message, Catch::Contains("size_variation"));
        CHECK(complete_attributes(*find_toxic_type("slicer"),
                                  {{"average_size", 10}, {"size_variation", 9}})
                  .has_value());
        CHECK(complete_attributes(*find_toxic_type("slicer"), {{"size_variation", 5}}).has_value());
    }
    SECTION("no prefix: the caller adds \"bad request body: \"") {
        CHECK(error_of("latency", {{"x", 1}}).rfind("bad request body", 0) == std::string::npos);
    }
}
