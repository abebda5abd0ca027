#pragma once
// A Redis command as compiled templates, rendered per request as a RESP array of bulk strings.
#include <string>
#include <vector>

#include <faultline/core/text_template.hpp>

namespace faultline::drivers {

class redis_command {
public:
    /// Compiles each argument; the loader has already checked them, so a failure throws
    /// std::invalid_argument.
    explicit redis_command(const std::vector<std::string>& arguments);

    /// Replaces `out` with "*N\r\n" and "$LEN\r\nARG\r\n" per argument. `scratch` holds one
    /// argument at a time; neither allocates once they have grown to fit.
    void render(std::string& out, std::string& scratch, const core::template_context& ctx) const;

private:
    std::vector<core::text_template> arguments_;
};

}  // namespace faultline::drivers
