#pragma once
// Helpers shared by the scenario loader tests.
#include <optional>
#include <string>
#include <string_view>

#include <catch2/catch.hpp>

#include <faultline/drivers/http_config.hpp>
#include <faultline/drivers/postgres_config.hpp>
#include <faultline/drivers/redis_config.hpp>
#include <faultline/scenario/loader.hpp>

namespace faultline::scenario::test {

/// An environment with nothing set, so that tests never depend on the real one.
inline load_options no_env() {
    load_options options;
    options.env = [](const std::string&) -> std::optional<std::string> { return std::nullopt; };
    return options;
}

/// Loads `text` as "t.toml" and requires success, printing the diagnostics otherwise.
inline scenario load_ok(std::string_view text, const load_options& options = no_env()) {
    auto result = load_scenario_text(text, "t.toml", options);
    INFO((result ? std::string() : core::to_string(result.error())));
    REQUIRE(result.has_value());
    return *result;
}

/// Loads `text` as "t.toml" and requires failure; returns every diagnostic.
inline core::diagnostics load_errors(std::string_view text,
                                     const load_options& options = no_env()) {
    auto result = load_scenario_text(text, "t.toml", options);
    REQUIRE_FALSE(result.has_value());
    return result.error();
}

/// Requires exactly one diagnostic, at file:line:column, whose message contains `phrase`.
inline void require_single(const core::diagnostics& all, const std::string& file, int line,
                           int column, const std::string& phrase) {
    INFO(core::to_string(all));
    REQUIRE(all.size() == 1);
    CHECK(all[0].file == file);
    CHECK(all[0].line == line);
    CHECK(all[0].column == column);
    CHECK_THAT(all[0].message, Catch::Contains(phrase));
}

/// Shorthand for a single diagnostic in "t.toml".
inline void require_single(const core::diagnostics& all, int line, int column,
                           const std::string& phrase) {
    require_single(all, "t.toml", line, column, phrase);
}

}  // namespace faultline::scenario::test
