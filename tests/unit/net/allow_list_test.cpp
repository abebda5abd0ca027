// The allow-list's decisions: loopback always, literal addresses by address patterns, names by
// name patterns or (when CIDRs are listed) by every address they resolve to.
#include <map>

#include <catch2/catch.hpp>

#include <faultline/net/allow_list.hpp>

using namespace faultline;
namespace asio = boost::asio;

namespace {

net::allow_list list_of(std::initializer_list<const char*> patterns) {
    net::allow_list out;
    for (const char* p : patterns)
        out.add(*net::parse_host_pattern(p));
    return out;
}

// A resolver with fixed answers that counts its calls.
struct fake_resolver {
    std::map<std::string, std::vector<std::string>> answers;
    int calls = 0;
    net::resolve_function function() {
        return
            [this](
                const std::string& host) -> expected<std::vector<asio::ip::address>, std::string> {
                ++calls;
                auto found = answers.find(host);
                if (found == answers.end())
                    return make_unexpected(std::string("Name or service not known"));
                std::vector<asio::ip::address> out;
                for (const auto& a : found->second)
                    out.push_back(asio::ip::make_address(a));
                return out;
            };
    }
};

}  // namespace

TEST_CASE("loopback is always allowed, nothing else without a pattern", "[net][allow]") {
    const net::allow_list none;
    fake_resolver dns;
    for (const char* host : {"127.0.0.1", "127.9.9.9", "::1", "localhost"}) {
        INFO(host);
        CHECK(net::admit(none, host, dns.function()).allowed);
    }
    for (const char* host : {"10.0.0.1", "api.example.com", "fd00::1"}) {
        INFO(host);
        const auto decision = net::admit(none, host, dns.function());
        CHECK_FALSE(decision.allowed);
        const auto message = net::refusal_message(host, decision);
        CHECK(message.find("host '" + std::string(host) + "' is not allowed") == 0);
        CHECK(message.find("[targets] allow") != std::string::npos);
        CHECK(message.find("--allow-host " + std::string(host)) != std::string::npos);
    }
    CHECK(dns.calls == 0);  // no CIDR listed: names are never resolved
}

TEST_CASE("name patterns allow names wherever they resolve", "[net][allow]") {
    const auto allowed = list_of({"api.staging.test", "*.corp.test"});
    fake_resolver dns;
    CHECK(net::admit(allowed, "api.staging.test", dns.function()).reason ==
          "allowed by api.staging.test");
    CHECK(net::admit(allowed, "db.corp.test", dns.function()).allowed);
    CHECK_FALSE(net::admit(allowed, "corp.test", dns.function()).allowed);
    CHECK_FALSE(net::admit(allowed, "10.1.1.1", dns.function()).allowed);
    CHECK(dns.calls == 0);
}

TEST_CASE("a CIDR allows addresses inside it and names resolving only into it", "[net][allow]") {
    const auto allowed = list_of({"10.20.0.0/16", "fd00::/8"});
    fake_resolver dns;
    dns.answers["inside.test"] = {"10.20.1.1", "fd00::5"};
    dns.answers["partly.test"] = {"10.20.1.1", "192.0.2.7"};
    dns.answers["home.test"] = {"127.0.0.1"};
    CHECK(net::admit(allowed, "10.20.3.4", dns.function()).reason == "allowed by 10.20.0.0/16");
    CHECK_FALSE(net::admit(allowed, "10.21.3.4", dns.function()).allowed);
    const auto inside = net::admit(allowed, "inside.test", dns.function());
    CHECK(inside.allowed);
    CHECK(inside.reason == "resolves into allowed networks (10.20.1.1, fd00::5)");
    const auto partly = net::admit(allowed, "partly.test", dns.function());
    CHECK_FALSE(partly.allowed);
    CHECK(partly.reason.find("192.0.2.7, outside every allowed network") != std::string::npos);
    CHECK(partly.reason.find("10.20.1.1") == std::string::npos);
    CHECK(net::admit(allowed, "home.test", dns.function()).allowed);
    const auto unknown = net::admit(allowed, "nowhere.test", dns.function());
    CHECK_FALSE(unknown.allowed);
    CHECK(unknown.reason.find("does not resolve (Name or service not known)") != std::string::npos);
}
