#pragma once
/// The two directions of a proxied connection, named as Toxiproxy names them.
#include <cstdint>
#include <optional>
#include <string_view>

namespace faultline::proxies {

/// `upstream`: client → proxy → server (requests). `downstream`: server → proxy → client (answers).
enum class stream_direction : std::uint8_t { upstream = 0, downstream = 1 };

/// "upstream" or "downstream".
std::string_view to_string(stream_direction d);

/// Parses "upstream" / "downstream" (exact, lower case, as Toxiproxy accepts them).
std::optional<stream_direction> parse_stream_direction(std::string_view text);

}  // namespace faultline::proxies
