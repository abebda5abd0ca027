#include <cstring>
#include <memory>
#include <string_view>

#include <libpq-fe.h>

#include <faultline/core/endpoint.hpp>
#include <faultline/history/conninfo.hpp>

namespace faultline::history {
namespace {

using options_ptr = std::unique_ptr<PQconninfoOption, void (*)(PQconninfoOption*)>;

// libpq's quoting of a value: single quotes, with ' and \ escaped by a backslash.
std::string quoted(std::string_view value) {
    std::string out = "'";
    for (const char c : value) {
        if (c == '\'' || c == '\\')
            out += '\\';
        out += c;
    }
    return out + "'";
}

// Every entry of a libpq host list ("127.0.0.1,/run/pg") is loopback or a socket folder.
bool local_hosts(std::string_view list) {
    if (list.empty())
        return false;
    while (true) {
        const auto comma = list.find(',');
        const auto host = list.substr(0, comma);
        if (host.empty() || (host.front() != '/' && !core::is_loopback_host(host)))
            return false;
        if (comma == std::string_view::npos)
            return true;
        list.remove_prefix(comma + 1);
    }
}

}  // namespace

expected<std::string, std::string> checked_conninfo(const std::string& conninfo) {
    char* error = nullptr;
    options_ptr options(PQconninfoParse(conninfo.c_str(), &error), PQconninfoFree);
    if (!options) {
        std::string why = error != nullptr ? error : "out of memory";
        PQfreemem(error);
        while (!why.empty() && why.back() == '\n')
            why.pop_back();
        return make_unexpected("not a libpq connection string: " + why);
    }
    std::string host;
    std::string hostaddr;
    std::string out;
    bool has_timeout = false;
    for (const auto* o = options.get(); o->keyword != nullptr; ++o) {
        if (o->val == nullptr)
            continue;
        if (std::strcmp(o->keyword, "host") == 0)
            host = o->val;
        else if (std::strcmp(o->keyword, "hostaddr") == 0)
            hostaddr = o->val;
        else if (std::strcmp(o->keyword, "connect_timeout") == 0)
            has_timeout = true;
        out += (out.empty() ? "" : " ") + std::string(o->keyword) + "=" + quoted(o->val);
    }
    const std::string& target = hostaddr.empty() ? host : hostaddr;
    if (!local_hosts(target)) {
        return make_unexpected(
            "expected host=127.0.0.1 (or another loopback address, or a socket folder): the run "
            "store must be on this machine, got host '" +
            target + "'");
    }
    if (!has_timeout)
        out += " connect_timeout=" + std::to_string(default_connect_timeout_s);
    return out;
}

}  // namespace faultline::history
