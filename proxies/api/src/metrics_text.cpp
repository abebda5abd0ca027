#include "metrics_text.hpp"

#include <cstdint>
#include <functional>

#include <faultline/core/listener.hpp>

namespace faultline::proxy_api::detail {
namespace {

using proxies::proxy_view;
using proxies::toxic_view;

// One metric family: "# TYPE", "# HELP", then samples appended by the caller.
void family(std::string& out, std::string_view name, std::string_view type, std::string_view help) {
    out.append("# TYPE ").append(name).append(" ").append(type).append("\n");
    out.append("# HELP ").append(name).append(" ").append(help).append("\n");
}

void sample(std::string& out, std::string_view name, std::string_view labels, std::uint64_t value) {
    out.append(name).append("{").append(labels).append("} ").append(std::to_string(value));
    out.append("\n");
}

std::string label(std::string_view key, std::string_view value) {
    return std::string(key) + "=\"" + escape_label(value) + "\"";
}

std::string toxic_labels(const proxy_view& proxy, const toxic_view& toxic) {
    return label("proxy", proxy.name) + "," + label("toxic", toxic.settings.name) + "," +
           label("type", toxic.settings.type) + "," +
           label("stream", proxies::to_string(toxic.settings.stream));
}

// A family with one sample per proxy, labelled by proxy.
void proxy_family(std::string& out, const std::vector<proxy_view>& list, std::string_view name,
                  std::string_view type, std::string_view help,
                  const std::function<std::uint64_t(const proxies::proxy_traffic&)>& value) {
    family(out, name, type, help);
    const std::string sample_name = std::string(name) + (type == "counter" ? "_total" : "");
    for (const auto& p : list)
        sample(out, sample_name, label("proxy", p.name), value(p.traffic));
}

void proxy_families(std::string& out, const std::vector<proxy_view>& list) {
    family(out, "faultline_proxy_bytes", "counter", "Bytes moved through the proxy, by direction.");
    for (const auto& p : list) {
        for (const auto direction :
             {proxies::stream_direction::upstream, proxies::stream_direction::downstream}) {
            const bool up = direction == proxies::stream_direction::upstream;
            sample(out, "faultline_proxy_bytes_total",
                   label("proxy", p.name) + "," + label("direction", proxies::to_string(direction)),
                   up ? p.traffic.bytes_upstream : p.traffic.bytes_downstream);
        }
    }
    proxy_family(out, list, "faultline_proxy_connections_accepted", "counter",
                 "Client connections the proxy accepted.",
                 [](const proxies::proxy_traffic& t) { return t.connections_accepted; });
    proxy_family(out, list, "faultline_proxy_connections_open", "gauge",
                 "Client connections open now.",
                 [](const proxies::proxy_traffic& t) { return t.connections_open; });
    proxy_family(out, list, "faultline_proxy_upstream_dial_failures", "counter",
                 "Connections to the upstream that failed.",
                 [](const proxies::proxy_traffic& t) { return t.upstream_dial_failures; });
}

void toxic_family(std::string& out, const std::vector<proxy_view>& list, std::string_view name,
                  std::string_view help,
                  const std::function<std::uint64_t(const proxies::toxic_counts&)>& value) {
    family(out, name, "counter", help);
    const std::string sample_name = std::string(name) + "_total";
    for (const auto& p : list) {
        for (const auto& t : p.toxics)
            sample(out, sample_name, toxic_labels(p, t), value(t.counts));
    }
}

}  // namespace

std::string escape_label(std::string_view value) {
    return core::escape_label_value(value);
}

std::string render_metrics(const std::vector<proxy_view>& list) {
    std::string out;
    proxy_families(out, list);
    toxic_family(out, list, "faultline_toxic_connections",
                 "Connections (and directions) the toxic was applied to.",
                 [](const proxies::toxic_counts& c) { return c.connections; });
    toxic_family(out, list, "faultline_toxic_pieces", "Chunks of data that reached the toxic.",
                 [](const proxies::toxic_counts& c) { return c.pieces; });
    toxic_family(out, list, "faultline_toxic_bytes", "Bytes that reached the toxic.",
                 [](const proxies::toxic_counts& c) { return c.bytes; });
    toxic_family(out, list, "faultline_toxic_actions",
                 "Decisions of the toxic that changed something: a delay, a hold, a cut, a close.",
                 [](const proxies::toxic_counts& c) { return c.actions; });
    out += "# EOF\n";
    return out;
}

}  // namespace faultline::proxy_api::detail
