#include <regex>
#include <set>

#include <catch2/catch.hpp>

#include <faultline/core/text_template.hpp>
#include <faultline/test/support.hpp>

using faultline::core::template_context;
using faultline::core::text_template;

namespace {
std::string render(const text_template& t, std::mt19937_64& rng, std::uint64_t seq = 0,
                   std::span<const std::pair<std::string, std::string>> vars = {}) {
    std::string out;
    t.render(out, template_context{&rng, seq, vars});
    return out;
}
}  // namespace

TEST_CASE("literal text renders unchanged, JSON braces included", "[template]") {
    std::mt19937_64 rng(faultline::test::test_seed());
    auto t = text_template::compile(R"({"user": "a", "n": {"x": 1}})");
    REQUIRE(t);
    CHECK(t->is_constant());
    CHECK(render(*t, rng) == R"({"user": "a", "n": {"x": 1}})");
}

TEST_CASE("rand stays in its inclusive range and covers it", "[template]") {
    std::mt19937_64 rng(faultline::test::test_seed());
    auto t = text_template::compile("/items/{rand:3..5}");
    REQUIRE(t);
    std::set<std::string> seen;
    for (int i = 0; i < 200; ++i)
        seen.insert(render(*t, rng));
    CHECK(seen == std::set<std::string>{"/items/3", "/items/4", "/items/5"});
}

TEST_CASE("seq, uuid and var placeholders render", "[template]") {
    std::mt19937_64 rng(faultline::test::test_seed());
    auto t = text_template::compile("{seq}-{uuid}-{var:token}");
    REQUIRE(t);
    CHECK(t->variables() == std::vector<std::string>{"token"});
    std::vector<std::pair<std::string, std::string>> vars{{"token", "abc"}};
    auto text = render(*t, rng, 42, vars);
    std::regex form("42-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}-abc");
    CHECK(std::regex_match(text, form));
}

TEST_CASE("malformed placeholders name their offset", "[template]") {
    auto [text, offset] = GENERATE(table<const char*, std::size_t>({
        {"/a/{rand:5..1}", 3},
        {"/{rand:x..2}", 1},
        {"/{rand:1..2", 1},
        {"ab{var:}", 2},
    }));
    INFO(text);
    auto t = text_template::compile(text);
    REQUIRE_FALSE(t);
    CHECK(t.error().offset == offset);
}
