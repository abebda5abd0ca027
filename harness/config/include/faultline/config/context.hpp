#pragma once
// The loader's working state: where diagnostics go and how toml++ source positions become
// file:line:column, for the scenario file and for the "--set" overrides alike.
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include <faultline/core/diagnostic.hpp>

namespace faultline::config {

/// A host the scenario sends traffic to, where it was written. The loader checks every one
/// against the allow-list once the whole file (with its `[targets]`) is read.
struct target_host {
    std::string host;           ///< a literal address or a name, without brackets or port
    toml::source_region where;  ///< the value that names it
    std::string path;           ///< "workloads.0.http.url", for the message
};

/// Collects diagnostics while one scenario is loaded. Nodes parsed from override i carry the
/// source path "--set#i" (see override_source_name); they are reported as file "--set", line i+1.
class context {
public:
    /// Looks up an environment variable for ${NAME}; empty: std::getenv.
    using env_lookup = std::function<std::optional<std::string>(const std::string&)>;

    /// `file` and its `text` (diagnostics name their positions), the "--set" overrides (named
    /// "--set", line = their 1-based position) and the ${NAME} lookup.
    context(std::string file, std::string_view text, std::vector<std::string> overrides,
            env_lookup env);

    /// Reports a problem at a node's or key's position.
    void error(const toml::source_region& where, std::string message);
    void error(const toml::node& where, std::string message) {
        error(where.source(), std::move(message));
    }

    /// Reports a problem `offset` bytes into the string value `text` of `where`. The column points
    /// into the string when the source line shows that text verbatim, else at the value.
    void error_in_string(const toml::node& where, std::string_view text, std::size_t offset,
                         std::string message);

    /// Reports a problem found outside the file (a command-line option), as it is given.
    void report(core::diagnostic problem) { diagnostics_.push_back(std::move(problem)); }

    /// Reports a problem with override number `index` (0-based) at `column` (1-based) of its text.
    void override_error(std::size_t index, int column, std::string message);

    /// The text of override `index` as the user wrote it.
    const std::string& override_text(std::size_t index) const { return overrides_.at(index); }

    /// Looks an environment variable up through the caller's function or std::getenv.
    std::optional<std::string> env(const std::string& name) const;

    /// Records a target host named by the value at `where` (see target_host).
    void note_target(const toml::node& where, std::string host, std::string path) {
        targets_.push_back({std::move(host), where.source(), std::move(path)});
    }
    const std::vector<target_host>& targets() const { return targets_; }

    bool failed() const { return !diagnostics_.empty(); }
    /// Problems reported so far (to tell whether a section read cleanly).
    std::size_t error_count() const { return diagnostics_.size(); }
    const std::string& file() const { return file_; }

    /// The diagnostics, file problems first by position, then override problems in order.
    core::diagnostics take_sorted();

private:
    struct location {
        std::string file;
        int line = 0;
        int column = 0;
        std::string suffix;  // names the override a "--set" diagnostic comes from
    };
    location locate(const toml::source_region& where) const;
    std::string_view source_line(const toml::source_region& where) const;
    void add(location at, std::string message);

    std::string file_;
    std::vector<std::string_view> lines_;
    std::vector<std::string> overrides_;
    std::function<std::optional<std::string>(const std::string&)> env_;
    core::diagnostics diagnostics_;
    std::vector<target_host> targets_;
};

/// The toml++ source path given to nodes parsed from override number `index`.
std::string override_source_name(std::size_t index);

/// How a node is named in "got ..." phrases: "integer 5", "string \"5s\"", "a table".
std::string describe(const toml::node& node);

}  // namespace faultline::config
