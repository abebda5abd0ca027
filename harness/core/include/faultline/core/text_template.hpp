#pragma once
/// Request templates: literal text with placeholders, rendered per request without allocating.
///
/// Placeholders: {rand:A..B} (uniform integer in [A, B]), {seq} (the caller's sequence number),
/// {uuid} (random version-4 UUID), {var:NAME} (a variable captured by a setup request).
/// Any other '{' is literal text, so JSON bodies need no escaping.
#include <cstdint>
#include <random>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <faultline/core/expected.hpp>

namespace faultline::core {

/// Where and why a template failed to compile: `offset` is the byte offset in the template text.
struct template_error {
    std::size_t offset = 0;
    std::string message;
};

/// Per-caller state used while rendering. `rng` is the caller's own (one per thread or user).
struct template_context {
    std::mt19937_64* rng = nullptr;
    std::uint64_t seq = 0;
    std::span<const std::pair<std::string, std::string>> vars;  ///< name, value
};

/// A compiled template. Immutable and shareable across threads once compiled.
class text_template {
public:
    text_template() = default;

    /// Compiles `text`, or says where a placeholder is malformed.
    static expected<text_template, template_error> compile(std::string_view text);

    /// Appends the rendering to `out`. Does not allocate when `out` has the capacity.
    /// An unknown {var:NAME} renders as the empty string.
    void render(std::string& out, const template_context& ctx) const;

    /// Names used by {var:NAME} placeholders, in order of appearance.
    std::vector<std::string> variables() const;

    /// True when rendering never changes (no placeholders).
    bool is_constant() const noexcept {
        return parts_.size() <= 1 && (parts_.empty() || parts_[0].kind == part_kind::literal);
    }

    /// The text for a constant template.
    const std::string& literal_text() const;

private:
    enum class part_kind : std::uint8_t { literal, rand, seq, uuid, var };
    struct part {
        part_kind kind = part_kind::literal;
        std::string text;  // literal text, or the variable name
        std::int64_t low = 0;
        std::int64_t high = 0;
    };
    std::vector<part> parts_;
};

}  // namespace faultline::core
