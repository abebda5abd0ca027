#include <catch2/catch.hpp>

#include <faultline/drivers/response_check.hpp>

using faultline::drivers::check_spec;
using faultline::drivers::judge_response;
using faultline::stats::outcome;

TEST_CASE("responses are judged by status and body", "[response_check]") {
    struct row {
        int status;
        const char* body;
        check_spec check;
        outcome expected;
    };
    auto r = GENERATE(values<row>({
        {200, "", {}, outcome::ok},
        {302, "", {}, outcome::ok},
        {404, "", {}, outcome::http_4xx},
        {503, "", {}, outcome::http_5xx},
        {201, "", {{200}, ""}, outcome::check_failed},
        {201, "", {{200, 201}, ""}, outcome::ok},
        {404, "", {{404}, ""}, outcome::ok},
        {500, "", {{200}, ""}, outcome::http_5xx},
        {200, "hello world", {{}, "world"}, outcome::ok},
        {200, "hello", {{}, "world"}, outcome::check_failed},
    }));
    INFO("status " << r.status << " body '" << r.body << "'");
    CHECK(judge_response(r.status, r.body, r.check) == r.expected);
}
