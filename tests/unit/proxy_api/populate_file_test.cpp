// `faultline proxy --config FILE`: Toxiproxy's populate JSON, every problem at line:column.
#include <fstream>

#include <catch2/catch.hpp>

#include <faultline/proxy_api/populate_file.hpp>
#include <faultline/test/support.hpp>

using namespace faultline;
using proxy_api::parse_populate_document;

namespace {

// The problems of `text` as "line:column: message" lines.
std::vector<std::string> problems_of(const std::string& text) {
    auto parsed = parse_populate_document(text, "p.json");
    std::vector<std::string> out;
    if (parsed)
        return out;
    for (const auto& d : parsed.error()) {
        CHECK(d.file == "p.json");
        out.push_back(std::to_string(d.line) + ":" + std::to_string(d.column) + ": " + d.message);
    }
    return out;
}

}  // namespace

TEST_CASE("a valid populate document gives its proxies in order", "[proxy_api][config]") {
    auto parsed = parse_populate_document(R"([
        {"name": "db", "listen": "127.0.0.1:15432", "upstream": "127.0.0.1:5432"},
        {"name": "cache", "listen": ":16379", "upstream": "localhost:6379", "enabled": false}
    ])",
                                          "p.json");
    REQUIRE(parsed);
    REQUIRE(parsed->size() == 2);
    CHECK((*parsed)[0].name == "db");
    CHECK((*parsed)[0].listen == "127.0.0.1:15432");
    CHECK((*parsed)[0].upstream == "127.0.0.1:5432");
    CHECK((*parsed)[0].enabled);
    CHECK((*parsed)[1].name == "cache");
    CHECK_FALSE((*parsed)[1].enabled);
    CHECK(parse_populate_document("[]", "p.json")->empty());
}

TEST_CASE("a JSON syntax error is located at its line and column", "[proxy_api][config]") {
    const auto problems = problems_of("[\n  {\"name\": \"db\",\n   \"listen\" \"127.0.0.1:1\"}\n]");
    REQUIRE(problems.size() == 1);
    INFO(problems[0]);
    CHECK(problems[0].rfind("3:13: syntax error", 0) == 0);
    CHECK(problems[0].find("expected ':'") != std::string::npos);
}

TEST_CASE("every problem of every entry is reported at the entry or field", "[proxy_api][config]") {
    const std::string text =
        "[\n"
        "  {\"name\": \"ok\", \"upstream\": \"127.0.0.1:1\"},\n"
        "  {\"name\": \"a\", \"listen\": \"127.0.0.1:1\"},\n"
        "  {\"name\": \"b\", \"listen\": 5, \"upstream\": \"127.0.0.1:1\"},\n"
        "  {\"name\": \"c\", \"upstream\": \"nowhere\"},\n"
        "  {\"name\": \"ok\", \"upstream\": \"127.0.0.1:2\"},\n"
        "  \"just a string\"\n"
        "]";
    const auto problems = problems_of(text);
    REQUIRE(problems.size() == 5);
    CHECK(problems[0] == "3:3: proxy 2: missing required field: upstream");
    CHECK(problems[1] == "4:17: proxy 3: bad request body: field \"listen\" must be a string");
    CHECK(problems[2].rfind("5:17: proxy 4: upstream: ", 0) == 0);
    CHECK(problems[3] == "6:4: proxy 5: duplicate proxy name \"ok\"");
    CHECK(problems[4] == "7:3: proxy 6: bad request body: expected a JSON object");
}

TEST_CASE("a document that is not an array is refused at its start", "[proxy_api][config]") {
    const auto problems = problems_of("\n  {\"name\": \"db\"}");
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].rfind("2:3: expected a JSON array", 0) == 0);
}

TEST_CASE("load_populate_file reads a file and reports one that cannot be read",
          "[proxy_api][config]") {
    test::temp_dir dir;
    const auto path = (dir.path() / "proxies.json").string();
    std::ofstream(path)
        << R"([{"name": "db", "listen": "127.0.0.1:0", "upstream": "127.0.0.1:9"}])";
    auto loaded = proxy_api::load_populate_file(path);
    REQUIRE(loaded);
    CHECK(loaded->size() == 1);

    auto missing = proxy_api::load_populate_file((dir.path() / "absent.json").string());
    REQUIRE_FALSE(missing);
    REQUIRE(missing.error().size() == 1);
    CHECK(missing.error()[0].message.find("cannot read") == 0);
}
