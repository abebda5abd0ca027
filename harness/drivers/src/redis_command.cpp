#include "redis_command.hpp"

#include <stdexcept>

namespace faultline::drivers {

redis_command::redis_command(const std::vector<std::string>& arguments) {
    for (const auto& text : arguments) {
        auto compiled = core::text_template::compile(text);
        if (!compiled)
            throw std::invalid_argument("redis command argument '" + text +
                                        "': " + compiled.error().message);
        arguments_.push_back(std::move(*compiled));
    }
}

void redis_command::render(std::string& out, std::string& scratch,
                           const core::template_context& ctx) const {
    out.clear();
    out += '*';
    out += std::to_string(arguments_.size());
    out += "\r\n";
    for (const auto& argument : arguments_) {
        scratch.clear();
        argument.render(scratch, ctx);
        out += '$';
        out += std::to_string(scratch.size());
        out += "\r\n";
        out += scratch;
        out += "\r\n";
    }
}

}  // namespace faultline::drivers
