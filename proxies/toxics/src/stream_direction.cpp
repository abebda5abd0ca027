#include <faultline/toxics/stream_direction.hpp>

namespace faultline::proxies {

std::string_view to_string(stream_direction d) {
    return d == stream_direction::upstream ? "upstream" : "downstream";
}

std::optional<stream_direction> parse_stream_direction(std::string_view text) {
    if (text == "upstream")
        return stream_direction::upstream;
    if (text == "downstream")
        return stream_direction::downstream;
    return std::nullopt;
}

}  // namespace faultline::proxies
