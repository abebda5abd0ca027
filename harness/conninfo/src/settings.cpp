#include <cstdlib>
#include <memory>

#include <libpq-fe.h>

#include <faultline/conninfo/settings.hpp>
#include <faultline/core/endpoint.hpp>

namespace faultline::conninfo {
namespace {

// libpq's quoting of a value: single quotes, with ' and \ escaped by a backslash.
std::string libpq_quoted(std::string_view value) {
    std::string out = "'";
    for (const char c : value) {
        if (c == '\'' || c == '\\')
            out += '\\';
        out += c;
    }
    return out + "'";
}

std::string first_of(const std::string& list) {
    return list.substr(0, list.find(','));
}

}  // namespace

expected<settings, std::string> settings::parse(const std::string& text) {
    char* error = nullptr;
    std::unique_ptr<PQconninfoOption, void (*)(PQconninfoOption*)> options(
        PQconninfoParse(text.c_str(), &error), PQconninfoFree);
    if (!options) {
        std::string why = error != nullptr ? error : "out of memory";
        PQfreemem(error);
        while (!why.empty() && why.back() == '\n')
            why.pop_back();
        return make_unexpected("not a libpq connection string: " + why);
    }
    settings out;
    for (const auto* o = options.get(); o->keyword != nullptr; ++o) {
        if (o->val != nullptr)
            out.values_.emplace_back(o->keyword, o->val);
    }
    return out;
}

std::string settings::value(std::string_view keyword) const {
    for (const auto& [key, value] : values_) {
        if (key == keyword)
            return value;
    }
    return {};
}

bool settings::has(std::string_view keyword) const {
    for (const auto& entry : values_) {
        if (entry.first == keyword)
            return true;
    }
    return false;
}

std::string settings::hosts() const {
    auto hostaddr = value("hostaddr");
    return hostaddr.empty() ? value("host") : hostaddr;
}

std::vector<std::string> settings::host_list() const {
    std::vector<std::string> out;
    const std::string all = hosts();
    std::string_view list = all;
    while (!list.empty()) {
        const auto comma = list.find(',');
        out.emplace_back(list.substr(0, comma));
        if (comma == std::string_view::npos)
            break;
        list.remove_prefix(comma + 1);
    }
    return out;
}

std::string settings::first_host() const {
    return first_of(hosts());
}

std::string settings::first_port() const {
    auto port = first_of(value("port"));
    if (!port.empty())
        return port;
    const char* env = std::getenv("PGPORT");
    return env != nullptr && *env != '\0' ? env : "5432";
}

bool settings::local() const {
    const std::string all = hosts();
    std::string_view list = all;
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

std::string settings::to_string() const {
    std::string out;
    for (const auto& [key, value] : values_)
        out += (out.empty() ? "" : " ") + key + "=" + libpq_quoted(value);
    return out;
}

}  // namespace faultline::conninfo
