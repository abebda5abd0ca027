#include <faultline/config/env_substitution.hpp>
#include <faultline/config/table_reader.hpp>
#include <faultline/config/text_values.hpp>
#include <faultline/core/text_template.hpp>

namespace faultline::config {

std::optional<std::string> substitute_env_in(context& ctx, const toml::node& node,
                                             std::string_view text, const std::string& path) {
    auto lookup = [&ctx](const std::string& name) { return ctx.env(name); };
    auto substituted = substitute_env(text, lookup);
    if (substituted)
        return std::move(*substituted);
    for (const auto& error : substituted.error()) {
        ctx.error_in_string(node, text, error.offset, path + ": " + error.message);
    }
    return std::nullopt;
}

std::optional<std::vector<std::string>> check_template(context& ctx, const toml::node& node,
                                                       std::string_view full_text,
                                                       std::size_t offset,
                                                       const std::string& path) {
    auto compiled = core::text_template::compile(full_text.substr(offset));
    if (!compiled) {
        ctx.error_in_string(node, full_text, offset + compiled.error().offset,
                            path + ": invalid template: " + compiled.error().message);
        return std::nullopt;
    }
    return compiled->variables();
}

std::optional<std::string> read_template_value(context& ctx, const toml::node& node,
                                               const std::string& path,
                                               std::vector<std::string>& variables) {
    auto raw = to_string(ctx, node, path);
    if (!raw)
        return std::nullopt;
    auto text = substitute_env_in(ctx, node, *raw, path);
    if (!text)
        return std::nullopt;
    auto names = check_template(ctx, node, *text, 0, path);
    if (!names)
        return std::nullopt;
    variables = std::move(*names);
    return text;
}

std::optional<std::string> read_template_without_vars(context& ctx, const toml::node& node,
                                                      const std::string& path,
                                                      std::string_view driver) {
    std::vector<std::string> variables;
    auto text = read_template_value(ctx, node, path, variables);
    if (text && !variables.empty()) {
        ctx.error_in_string(node, *text, text->find("{var:"),
                            path + ": {var:NAME} needs a setup request, which the " +
                                std::string(driver) + " driver does not have");
        return std::nullopt;
    }
    return text;
}

}  // namespace faultline::config
