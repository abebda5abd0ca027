#include "postgres_driver.hpp"

#include <charconv>
#include <stdexcept>

#include <faultline/config/section.hpp>
#include <faultline/conninfo/settings.hpp>

#include "builtin_drivers.hpp"
#include "driver_sections.hpp"
#include "postgres_session.hpp"

namespace faultline::drivers {
namespace {
// The single host name of `conninfo` with its port, when there is one to resolve.
core::host_port named_host(const std::string& conninfo) {
    auto parsed = conninfo::settings::parse(conninfo);
    if (!parsed || parsed->has("hostaddr"))
        return {};
    const auto hosts = parsed->host_list();
    if (hosts.size() != 1 || !core::is_host_name(hosts[0]) || hosts[0] == "localhost")
        return {};
    unsigned port = 0;
    const auto text = parsed->first_port();
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), port);
    if (ec != std::errc{} || end != text.data() + text.size() || port == 0 || port > 65535)
        return {};
    return {hosts[0], static_cast<std::uint16_t>(port)};
}

postgres_config compile(const postgres_workload& spec) {
    postgres_config c{spec.conninfo,    named_host(spec.conninfo), {},
                      spec.transaction, spec.connect_timeout,      spec.request_timeout};
    for (std::size_t i = 0; i < spec.statements.size(); ++i) {
        postgres_prepared p{"faultline_" + std::to_string(i), spec.statements[i].query, {}};
        for (const auto& text : spec.statements[i].params) {
            auto compiled = core::text_template::compile(text);
            if (!compiled)
                throw std::invalid_argument("postgres parameter '" + text +
                                            "': " + compiled.error().message);
            p.params.push_back(std::move(*compiled));
        }
        c.statements.push_back(std::move(p));
    }
    return c;
}
}  // namespace

postgres_driver::postgres_driver(const postgres_workload& spec, const driver_environment& env)
    : config_(std::make_shared<const postgres_config>(compile(spec))), names_(env.names) {}

std::shared_ptr<session> postgres_driver::make_session(asio::any_io_executor executor,
                                                       std::uint64_t seed) const {
    return std::make_shared<postgres_session>(std::move(executor), config_, names_, seed);
}

}  // namespace faultline::drivers

namespace faultline::drivers {
namespace {

std::shared_ptr<const driver> make(const driver_config& config, const check_spec&,
                                   const driver_environment& env) {
    return std::make_shared<postgres_driver>(dynamic_cast<const postgres_workload&>(config), env);
}

// Where libpq connects: its first host (hostaddr, else host) and port (PGPORT, else 5432); a
// host that is a folder means the Unix socket in it.
std::vector<target_address> targets(const driver_config& config) {
    auto parsed =
        conninfo::settings::parse(dynamic_cast<const postgres_workload&>(config).conninfo);
    if (!parsed)
        return {};
    const auto host = parsed->first_host();
    const auto port = parsed->first_port();
    if (!host.empty() && host.front() == '/')
        return {{std::nullopt, host + "/.s.PGSQL." + port, {}, {}}};
    auto address = core::parse_host_port(
        (host.find(':') != std::string::npos ? "[" + host + "]" : host) + ":" + port);
    if (!address)
        return {};
    return {{*address, {}, {}, {}}};
}

}  // namespace

const driver_descriptor postgres_driver_descriptor{
    "postgres", "PostgreSQL statements or transactions, a connection per virtual user",
    read_as<postgres_workload, detail::read_postgres>, make, targets};

}  // namespace faultline::drivers
