#include "api_path.hpp"

namespace faultline::proxy_api::detail {
namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

std::optional<std::string> percent_decode(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '%') {
            out += text[i];
            continue;
        }
        if (i + 2 >= text.size())
            return std::nullopt;
        const int high = hex_value(text[i + 1]);
        const int low = hex_value(text[i + 2]);
        if (high < 0 || low < 0)
            return std::nullopt;
        out += static_cast<char>(high * 16 + low);
        i += 2;
    }
    return out;
}

}  // namespace

std::optional<std::vector<std::string>> path_segments(std::string_view target) {
    if (target.empty() || target.front() != '/')
        return std::nullopt;
    const std::string_view path = target.substr(0, target.find_first_of("?#"));
    std::vector<std::string> segments;
    if (path == "/")
        return segments;
    std::size_t start = 1;
    for (;;) {
        const std::size_t slash = path.find('/', start);
        auto decoded = percent_decode(path.substr(start, slash - start));
        if (!decoded)
            return std::nullopt;
        segments.push_back(std::move(*decoded));
        if (slash == std::string_view::npos)
            break;
        start = slash + 1;
    }
    return segments;
}

}  // namespace faultline::proxy_api::detail
