#pragma once
// The command-line shell around the subcommands: colour on a terminal, the short usage, help
// examples and the exit-status section, suggestions for mistyped options, and the scan progress
// line. Nothing here decides a result; it only shapes how the CLI talks to a person.
#include "minrole/scan.hpp"

#include <CLI/CLI.hpp>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace minrole::cli {

// ---- colour -----------------------------------------------------------------------------------

// --color: auto colours a terminal unless NO_COLOR is set (and not empty) or TERM is dumb;
// always colours even a pipe; never never does. Files written with -o are never coloured.
enum class ColorMode { Auto, Always, Never };
void set_color_mode(ColorMode mode);
ColorMode parse_color_mode(const std::string& word); // "auto" | "always" | "never"
bool color_enabled(int fd);                          // for STDOUT_FILENO / STDERR_FILENO

// A text report with its severities (error, warning, note), '!' problem lines, '~' remarks,
// '+'/'-' diff lines and headings coloured. Applied after redaction and escaping, so it only
// ever adds escape sequences of its own.
std::string colorize_report(std::string_view text);
// "error" / "warning" in red / yellow for a diagnostic prefix on stderr, when stderr is coloured.
std::string diagnostic_label(std::string_view label);

// ---- help ---------------------------------------------------------------------------------------

using CommandList = std::vector<std::pair<std::string, std::string>>; // name, summary

// What bare `minrole` prints: how to call it, the commands, where help is.
std::string short_usage(const CommandList& commands);
// The footer of `minrole --help`: examples and the exit statuses. Example lines start with
// "  $ minrole": the test suites read the command list from --help as "  name" lines.
std::string main_help_footer();
// The footer of `minrole CMD --help`: examples of CMD and the exit statuses ("" when none).
std::string command_help_footer(std::string_view command);

// For an option word the command does not have: " (did you mean '--format'?)" or "".
std::string option_suggestion(const CLI::App& command, const CLI::App& global, const std::string& word);
// Whether `word` (up to any '=') names an option of `command` or of `global`.
bool known_option(const CLI::App& command, const CLI::App& global, const std::string& word);

// The command's usage in words, positionals in capitals: "minrole diff OLD NEW [OPTIONS]".
std::string usage_of(const CLI::App& command);

// CLI11's message for a missing positional argument, a missing nested command or an extra word
// ("role is required", "The following argument was not expected: c.yaml") said in the terms of
// the command and its usage; any other message is returned as it is.
std::string argument_error(const CLI::App& command, const std::string& message);

// "minrole: warning: MESSAGE" on stderr, redacted and made one printable line: for what is not
// bad input but must not pass silently.
void warn(const std::string& message);

// ---- progress -----------------------------------------------------------------------------------

// The scan progress line ("scanning: N files, X MB" on stderr, only on a terminal). It is drawn
// through options() while the object lives and erased when it dies, however the scan ends (a
// result, bad input, an exception): the one place the line is finished.
class ProgressLine {
public:
    ProgressLine();
    ~ProgressLine();
    ProgressLine(const ProgressLine&) = delete;
    ProgressLine& operator=(const ProgressLine&) = delete;

    [[nodiscard]] ScanOptions options(); // scan options with the progress callback set

private:
    bool terminal_ = false;
    bool drawn_ = false;
};

} // namespace minrole::cli
