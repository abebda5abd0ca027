#pragma once
/// Toxiproxy's populate document (a JSON array of proxies) read from a file, with every problem
/// located at file:line:column: `faultline proxy --config FILE` loads its proxies through it.
#include <string>
#include <string_view>
#include <vector>

#include <faultline/core/diagnostic.hpp>
#include <faultline/core/expected.hpp>
#include <faultline/proxies/proxy_server.hpp>

namespace faultline::proxy_api {

/// Parses `text` (named `file_name` in diagnostics): a JSON array of {name, listen, upstream,
/// enabled} objects with the API's rules (required name and upstream, unique valid names, string
/// addresses of the form host:port, an empty listen host meaning 127.0.0.1). Every problem is
/// reported, each at the line and column of the entry or field it is about.
expected<std::vector<proxies::proxy_request>, core::diagnostics> parse_populate_document(
    std::string_view text, const std::string& file_name);

/// Reads and parses the file at `path`; an unreadable file is one diagnostic.
expected<std::vector<proxies::proxy_request>, core::diagnostics> load_populate_file(
    const std::string& path);

}  // namespace faultline::proxy_api
