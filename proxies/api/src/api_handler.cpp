#include <exception>

#include <faultline/proxy_api/api_handler.hpp>

#include "api_path.hpp"
#include "json_body.hpp"
#include "json_view.hpp"
#include "metrics_text.hpp"

namespace faultline::proxy_api {
namespace {

using detail::body_error;
using detail::json;
using detail::to_text;
using proxies::proxy_error;

api_response error_of(const proxy_error& error) {
    return error_response(proxies::http_status(error.code), error.message);
}

api_response error_of(const body_error& error) {
    return error_of(error.error);
}

api_response no_content() {
    api_response response;
    response.status = 204;
    return response;
}

api_response not_found() {
    return error_response(404, "not found: no such route");
}

api_response method_not_allowed(std::string allow) {
    api_response response = error_response(405, "method not allowed");
    response.allow = std::move(allow);
    return response;
}

// The routes that act on one proxy or one of its toxics, with the names from the path.
struct proxy_route {
    const std::string& proxy;
    const std::string* toxic = nullptr;  // set for /proxies/{proxy}/toxics/{toxic}
};

// Parses the body, reads it with `read` (a json_body reader) and hands the result to `act`;
// a body that cannot be parsed or read is answered with its error.
template <class Reader, class Act>
api_response with_body(const api_request& request, Reader read, Act act) {
    auto body = detail::parse_body(request.body);
    if (!body)
        return error_of(body.error());
    auto input = read(*body);
    if (!input)
        return error_of(input.error());
    return act(*input);
}

// 200 (or `status`) with the JSON of `result`, or its error.
template <class T, class Render>
api_response answer(const expected<T, proxy_error>& result, int status, Render render) {
    return result ? json_response(status, to_text(render(*result))) : error_of(result.error());
}

bool is_update(const std::string& method) {
    // Toxiproxy accepts POST (deprecated) and PATCH for updates.
    return method == "PATCH" || method == "POST";
}

}  // namespace

api_handler::api_handler(proxies::proxy_server& server, api_settings settings)
    : server_(server), settings_(std::move(settings)) {}

api_response api_handler::handle(const api_request& request) const {
    try {
        if (auto refused = check_security(request, settings_.security))
            return *refused;
        if (request.body.size() > max_body_bytes)
            return error_response(413, "request body larger than 1 MiB");
        return route(request);
    } catch (const std::exception& e) {
        return error_response(500, std::string("internal error: ") + e.what());
    } catch (...) {
        return error_response(500, "internal error");
    }
}

namespace {

// Each function below answers one route; `server` is the handler's proxy_server.

api_response list_proxies(const proxies::proxy_server& server) {
    json out = json::object();
    for (const auto& proxy : server.list())
        out[proxy.name] = detail::proxy_json(proxy);
    return json_response(200, to_text(out));
}

api_response create_proxy(proxies::proxy_server& server, const api_request& request) {
    return with_body(request, detail::read_proxy_request, [&](const proxies::proxy_request& in) {
        return answer(server.create(in), 201, detail::proxy_json);
    });
}

api_response populate_error(const proxy_error& error) {
    const int status = proxies::http_status(error.code);
    json out = {{"error", error.message}, {"status", status}, {"proxies", json::array()}};
    return json_response(status, to_text(out));
}

api_response populate(proxies::proxy_server& server, const api_request& request) {
    auto body = detail::parse_body(request.body);
    if (!body)
        return populate_error(body.error().error);
    auto input = detail::read_populate(*body, nullptr);
    if (!input)
        return populate_error(input.error().error);
    auto done = server.populate(*input);
    if (!done)
        return populate_error(done.error());
    json out = {{"proxies", detail::proxies_json(*done)}};
    return json_response(201, to_text(out));
}

api_response update_proxy(proxies::proxy_server& server, const std::string& name,
                          const api_request& request) {
    // A missing proxy is reported before a bad body, as Toxiproxy does.
    if (auto found = server.find(name); !found)
        return error_of(found.error());
    return with_body(request, detail::read_proxy_patch, [&](const proxies::proxy_patch& patch) {
        return answer(server.update(name, patch), 200, detail::proxy_json);
    });
}

api_response add_toxic(proxies::proxy_server& server, const std::string& proxy,
                       const api_request& request) {
    if (auto found = server.find(proxy); !found)
        return error_of(found.error());
    return with_body(request, detail::read_toxic_request, [&](const proxies::toxic_request& in) {
        return answer(server.add_toxic(proxy, in), 200, detail::toxic_json);
    });
}

api_response update_toxic(proxies::proxy_server& server, const proxy_route& at,
                          const api_request& request) {
    if (auto found = server.find_toxic(at.proxy, *at.toxic); !found)
        return error_of(found.error());
    return with_body(request, detail::read_toxic_patch, [&](const proxies::toxic_patch& patch) {
        return answer(server.update_toxic(at.proxy, *at.toxic, patch), 200, detail::toxic_json);
    });
}

api_response proxy_routes(proxies::proxy_server& server, const proxy_route& at,
                          const api_request& request) {
    const std::string& method = request.method;
    if (method == "GET")
        return answer(server.find(at.proxy), 200, detail::proxy_json);
    if (is_update(method))
        return update_proxy(server, at.proxy, request);
    if (method == "DELETE") {
        auto removed = server.remove(at.proxy);
        return removed ? no_content() : error_of(removed.error());
    }
    return method_not_allowed("GET, POST, PATCH, DELETE");
}

api_response toxics_routes(proxies::proxy_server& server, const proxy_route& at,
                           const api_request& request) {
    if (request.method == "GET") {
        auto toxics = server.toxics(at.proxy);
        if (!toxics)
            return error_of(toxics.error());
        json out = json::array();
        for (const auto& toxic : *toxics)
            out.push_back(detail::toxic_json(toxic));
        return json_response(200, to_text(out));
    }
    if (request.method == "POST")
        return add_toxic(server, at.proxy, request);
    return method_not_allowed("GET, POST");
}

api_response toxic_routes(proxies::proxy_server& server, const proxy_route& at,
                          const api_request& request) {
    const std::string& method = request.method;
    if (method == "GET")
        return answer(server.find_toxic(at.proxy, *at.toxic), 200, detail::toxic_json);
    if (is_update(method))
        return update_toxic(server, at, request);
    if (method == "DELETE") {
        auto removed = server.remove_toxic(at.proxy, *at.toxic);
        return removed ? no_content() : error_of(removed.error());
    }
    return method_not_allowed("GET, POST, PATCH, DELETE");
}

}  // namespace

api_response api_handler::route(const api_request& request) const {
    const auto segments = detail::path_segments(request.target);
    if (!segments || segments->empty())
        return not_found();
    const std::vector<std::string>& s = *segments;
    const std::string& method = request.method;
    if (s.size() == 1) {
        if (s[0] == "proxies") {
            if (method == "GET")
                return list_proxies(server_);
            return method == "POST" ? create_proxy(server_, request)
                                    : method_not_allowed("GET, POST");
        }
        if (s[0] == "populate")
            return method == "POST" ? populate(server_, request) : method_not_allowed("POST");
        if (s[0] == "reset") {
            if (method != "POST")
                return method_not_allowed("POST");
            server_.reset();
            return no_content();
        }
        if (s[0] == "version") {
            if (method != "GET")
                return method_not_allowed("GET");
            return json_response(200, to_text(json{{"version", settings_.version}}));
        }
        if (s[0] == "metrics") {
            if (method != "GET")
                return method_not_allowed("GET");
            api_response out;
            out.content_type = std::string(detail::openmetrics_content_type);
            out.body = detail::render_metrics(server_.list());
            return out;
        }
        return not_found();
    }
    if (s[0] != "proxies" || s[1].empty() || s.size() > 4)
        return not_found();
    proxy_route at{s[1]};
    if (s.size() == 2)
        return proxy_routes(server_, at, request);
    if (s[2] != "toxics")
        return not_found();
    if (s.size() == 3)
        return toxics_routes(server_, at, request);
    if (s[3].empty())
        return not_found();
    at.toxic = &s[3];
    return toxic_routes(server_, at, request);
}

}  // namespace faultline::proxy_api
