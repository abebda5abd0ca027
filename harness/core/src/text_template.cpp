#include <charconv>

#include <faultline/core/text_template.hpp>

namespace faultline::core {
namespace {

bool parse_int(std::string_view text, std::int64_t& value) {
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    return !text.empty() && ec == std::errc{} && ptr == text.data() + text.size();
}

void append_uint(std::string& out, std::uint64_t value) {
    char buf[24];
    auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, value);
    (void)ec;
    out.append(buf, ptr);
}

void append_int(std::string& out, std::int64_t value) {
    char buf[24];
    auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, value);
    (void)ec;
    out.append(buf, ptr);
}

void append_uuid(std::string& out, std::mt19937_64& rng) {
    static constexpr char hex[] = "0123456789abcdef";
    std::uint64_t hi = rng();
    std::uint64_t lo = rng();
    hi = (hi & ~0xF000ULL) | 0x4000ULL;                  // version 4
    lo = (lo & ~(0xC000ULL << 48)) | (0x8000ULL << 48);  // variant 10
    char buf[36];
    int pos = 0;
    for (int i = 0; i < 32; ++i) {
        if (i == 8 || i == 12 || i == 16 || i == 20)
            buf[pos++] = '-';
        std::uint64_t word = i < 16 ? hi : lo;
        int shift = 60 - 4 * (i % 16);
        buf[pos++] = hex[(word >> shift) & 0xF];
    }
    out.append(buf, sizeof buf);
}

}  // namespace

expected<text_template, template_error> text_template::compile(std::string_view text) {
    text_template result;
    std::string literal;
    auto flush = [&] {
        if (!literal.empty())
            result.parts_.push_back(part{part_kind::literal, std::move(literal), 0, 0});
        literal.clear();
    };
    std::size_t i = 0;
    while (i < text.size()) {
        std::string_view rest = text.substr(i);
        auto close = rest.find('}');
        if (rest.starts_with("{seq}")) {
            flush();
            result.parts_.push_back(part{part_kind::seq, {}, 0, 0});
            i += 5;
        } else if (rest.starts_with("{uuid}")) {
            flush();
            result.parts_.push_back(part{part_kind::uuid, {}, 0, 0});
            i += 6;
        } else if (rest.starts_with("{rand:")) {
            if (close == std::string_view::npos)
                return make_unexpected(template_error{i, "'{rand:' is not closed by '}'"});
            std::string_view range = rest.substr(6, close - 6);
            auto dots = range.find("..");
            std::int64_t low = 0;
            std::int64_t high = 0;
            if (dots == std::string_view::npos || !parse_int(range.substr(0, dots), low) ||
                !parse_int(range.substr(dots + 2), high)) {
                return make_unexpected(
                    template_error{i, "expected {rand:A..B} with integers A <= B, got '" +
                                          std::string(rest.substr(0, close + 1)) + "'"});
            }
            if (low > high) {
                return make_unexpected(
                    template_error{i, "in {rand:A..B} A must not exceed B, got '" +
                                          std::string(rest.substr(0, close + 1)) + "'"});
            }
            flush();
            result.parts_.push_back(part{part_kind::rand, {}, low, high});
            i += close + 1;
        } else if (rest.starts_with("{var:")) {
            if (close == std::string_view::npos)
                return make_unexpected(template_error{i, "'{var:' is not closed by '}'"});
            std::string_view name = rest.substr(5, close - 5);
            if (name.empty())
                return make_unexpected(template_error{i, "expected {var:NAME} with a name"});
            flush();
            result.parts_.push_back(part{part_kind::var, std::string(name), 0, 0});
            i += close + 1;
        } else {
            literal.push_back(text[i]);
            ++i;
        }
    }
    flush();
    return result;
}

void text_template::render(std::string& out, const template_context& ctx) const {
    for (const auto& p : parts_) {
        switch (p.kind) {
            case part_kind::literal:
                out.append(p.text);
                break;
            case part_kind::seq:
                append_uint(out, ctx.seq);
                break;
            case part_kind::rand: {
                std::uniform_int_distribution<std::int64_t> dist(p.low, p.high);
                append_int(out, dist(*ctx.rng));
                break;
            }
            case part_kind::uuid:
                append_uuid(out, *ctx.rng);
                break;
            case part_kind::var:
                for (const auto& [name, value] : ctx.vars) {
                    if (name == p.text) {
                        out.append(value);
                        break;
                    }
                }
                break;
        }
    }
}

std::vector<std::string> text_template::variables() const {
    std::vector<std::string> names;
    for (const auto& p : parts_) {
        if (p.kind == part_kind::var)
            names.push_back(p.text);
    }
    return names;
}

const std::string& text_template::literal_text() const {
    static const std::string empty;
    return parts_.empty() ? empty : parts_[0].text;
}

}  // namespace faultline::core
