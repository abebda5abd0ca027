#include <faultline/conninfo/settings.hpp>
#include <faultline/history/conninfo.hpp>

namespace faultline::history {

expected<std::string, std::string> checked_conninfo(const std::string& conninfo) {
    auto parsed = conninfo::settings::parse(conninfo);
    if (!parsed)
        return make_unexpected(parsed.error());
    if (!parsed->local()) {
        return make_unexpected(
            "expected host=127.0.0.1 (or another loopback address, or a socket folder): the run "
            "store must be on this machine, got host '" +
            parsed->hosts() + "'");
    }
    auto out = parsed->to_string();
    if (!parsed->has("connect_timeout"))
        out += " connect_timeout=" + std::to_string(default_connect_timeout_s);
    return out;
}

}  // namespace faultline::history
