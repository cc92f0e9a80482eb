#include "shell.hpp"

#include "minrole/display.hpp"
#include "minrole/error.hpp"
#include "minrole/redact.hpp"

#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <unistd.h>

namespace minrole::cli {

// ---- colour -----------------------------------------------------------------------------------

namespace {
ColorMode g_color_mode = ColorMode::Auto;

constexpr std::string_view kReset = "\033[0m";
constexpr std::string_view kBold = "\033[1m";
constexpr std::string_view kRed = "\033[1;31m";
constexpr std::string_view kYellow = "\033[33m";
constexpr std::string_view kCyan = "\033[36m";
constexpr std::string_view kGreen = "\033[32m";
constexpr std::string_view kDimRed = "\033[31m";

std::string paint(std::string_view colour, std::string_view text) {
    std::string out;
    out.reserve(text.size() + colour.size() + kReset.size());
    out.append(colour).append(text).append(kReset);
    return out;
}

bool starts_with_any(std::string_view line, std::initializer_list<std::string_view> prefixes) {
    for (const auto prefix : prefixes) {
        if (line.starts_with(prefix)) {
            return true;
        }
    }
    return false;
}

std::string colorize_line(std::string_view line) {
    // Diagnostics: "file:line:col: error: message [rule]" or "error: ...".
    for (const auto& [label, colour] : {std::pair{std::string_view("error"), kRed},
                                        std::pair{std::string_view("warning"), kYellow},
                                        std::pair{std::string_view("note"), kCyan}}) {
        const std::string infix = ": " + std::string(label) + ": ";
        std::size_t at = std::string_view::npos;
        if (line.starts_with(std::string(label) + ": ")) {
            at = 0;
        } else if (const std::size_t found = line.find(infix); found != std::string_view::npos && line.front() != ' ') {
            at = found + 2;
        }
        if (at != std::string_view::npos) {
            return std::string(line.substr(0, at)) + paint(colour, label) + std::string(line.substr(at + label.size()));
        }
    }
    const std::size_t indent = line.find_first_not_of(' ');
    if (indent == std::string_view::npos) {
        return std::string(line);
    }
    const std::string_view body = line.substr(indent);
    const std::string_view lead = line.substr(0, indent);
    if (body.starts_with("! ")) { // a problem: "! unmatched: ..." marker and kind in red
        const std::size_t colon = body.find(':');
        const std::size_t end = colon == std::string_view::npos ? 1 : colon + 1;
        return std::string(lead) + paint(kRed, body.substr(0, end)) + std::string(body.substr(end));
    }
    if (body.starts_with("~ ")) { // a remark: deprecated, superseded, override
        return std::string(lead) + paint(kYellow, "~") + std::string(body.substr(1));
    }
    if (indent == 2 && (body.starts_with("+ ") || body.starts_with("- "))) { // diff lines
        return std::string(lead) + paint(body.front() == '+' ? kGreen : kDimRed, body);
    }
    if (indent == 0 && starts_with_any(body, {"workspace ", "Minimal role", "What role ", "service ", "roles to narrow",
                                              "scanned "})) {
        return paint(kBold, line);
    }
    return std::string(line);
}
} // namespace

void set_color_mode(ColorMode mode) { g_color_mode = mode; }

ColorMode parse_color_mode(const std::string& word) {
    if (word == "always") {
        return ColorMode::Always;
    }
    if (word == "never") {
        return ColorMode::Never;
    }
    return ColorMode::Auto;
}

bool color_enabled(int fd) {
    switch (g_color_mode) {
    case ColorMode::Always:
        return true;
    case ColorMode::Never:
        return false;
    case ColorMode::Auto:
        break;
    }
    const char* no_color = std::getenv("NO_COLOR"); // https://no-color.org: set and not empty
    if (no_color != nullptr && *no_color != '\0') {
        return false;
    }
    const char* term = std::getenv("TERM");
    if (term != nullptr && std::string_view(term) == "dumb") {
        return false;
    }
    return ::isatty(fd) != 0;
}

std::string colorize_report(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    while (!text.empty()) {
        const std::size_t end = text.find('\n');
        const std::string_view line = text.substr(0, end);
        out += colorize_line(line);
        if (end == std::string_view::npos) {
            break;
        }
        out += '\n';
        text.remove_prefix(end + 1);
    }
    return out;
}

std::string diagnostic_label(std::string_view label) {
    if (!color_enabled(STDERR_FILENO)) {
        return std::string(label);
    }
    return paint(label == "error" ? kRed : kYellow, label);
}

// ---- help ---------------------------------------------------------------------------------------

namespace {
constexpr std::string_view kExitStatus = R"(
Exit status:
  0  success: nothing at the level that fails
  1  findings: an unmatched, ambiguous or undocumented operation (recommend, scan), an audit
     finding at or above the threshold, new access (diff --fail-on-new-access), a lint error,
     rules that differ (import-openapi --check); the report is still written in full
  2  bad input: an unreadable or malformed file, an unknown name, command or option; one line
     on stderr, nothing written to -o FILE
)";

struct CommandExamples {
    std::string_view command;
    std::string_view examples;
};

constexpr CommandExamples kExamples[] = {
    {"allows", R"(  $ minrole allows examples/roles/over-broad.yaml          # every endpoint the role reaches
  $ minrole allows role.yaml --format json)"},
    {"audit", R"(  $ minrole audit --role examples/roles/over-broad.yaml --intent examples/crm-lead-sync.yaml
  $ minrole audit --role role.yaml --scan src/ --scan logs/ --fail-on error
  $ minrole audit --role role.yaml --intent intent.yaml --format sarif -o minrole.sarif
  $ minrole audit --instance examples/instance/instance.yaml)"},
    {"diff", R"(  $ minrole diff old-role.yaml new-role.yaml
  $ git show main:role.yaml | minrole diff - role.yaml --fail-on-new-access)"},
    {"endpoints", R"(  $ minrole endpoints --area bulk --permission 'Read-Only Activity'
  $ minrole endpoints --undocumented)"},
    {"explain", R"(  $ minrole explain 'Read-Write Lead'
  $ minrole explain 'GET /rest/v1/lead/1.json'
  $ minrole explain getLeadFieldsUsingGET)"},
    {"graph", R"(  $ minrole graph | dot -Tsvg > permissions.svg
  $ minrole graph --format mermaid)"},
    {"import-openapi", R"(  $ minrole import-openapi third_party/marketo-apis/swagger-*.json --out rules/marketo
  $ minrole import-openapi third_party/marketo-apis/swagger-*.json --out rules/marketo --check)"},
    {"import-sdk", R"(  $ minrole import-sdk third_party/sdk-node-marketo-rest --name node-marketo-rest --version 0.7.8
  $ minrole import-sdk sdk/ --name my-sdk --version 1.0 -o data/sdks/my-sdk.yaml --check)"},
    {"instance", R"(  $ minrole instance pull --munchkin 123-ABC-456 -o marketo/snapshot --init marketo/acme.yaml
  $ minrole instance pull --munchkin 123-ABC-456 --dry-run
  $ minrole instance pull --print-role)"},
    {"lint", R"(  $ minrole lint
  $ minrole lint --catalog data --catalog rules --catalog my-overrides/)"},
    {"mcp", R"(  $ minrole mcp                  # serve the tools on stdin/stdout to an MCP client
  $ minrole mcp --root ~/src/my-integration)"},
    {"permissions", R"(  $ minrole permissions
  $ minrole permissions --format md)"},
    {"recommend", R"(  $ minrole recommend examples/crm-lead-sync.yaml
  $ minrole recommend --op 'GET /rest/v1/leads.json' --op syncLeadUsingPOST
  $ minrole recommend --scan src/ --service crm-sync --format yaml > role.yaml)"},
    {"scan", R"(  $ minrole scan examples/demo --format text
  $ minrole scan src/ logs/ --exclude 'tests/' > intent.yaml)"},
    {"schema", R"(  $ minrole schema                # list the schemas
  $ minrole schema role > role.schema.json)"},
};

std::string examples_of(std::string_view command) {
    for (const auto& e : kExamples) {
        if (e.command == command) {
            return std::string(e.examples);
        }
    }
    return {};
}
} // namespace

std::string short_usage(const CommandList& commands) {
    std::string out = "Usage: minrole [--catalog PATH] [--overrides FILE] [--color WHEN] COMMAND [ARGS]\n\nCommands:\n";
    std::size_t width = 0;
    for (const auto& [name, summary] : commands) {
        width = std::max(width, name.size());
    }
    for (const auto& [name, summary] : commands) {
        out += "  " + name + std::string(width - name.size() + 2, ' ') + summary + "\n";
    }
    out += "\n'minrole help COMMAND' or 'minrole COMMAND --help' describes a command; 'minrole --help' shows examples.\n";
    return out;
}

std::string main_help_footer() {
    return "Run 'minrole help COMMAND' for a command's options.\n\nExamples:\n"
           "  $ minrole recommend examples/crm-lead-sync.yaml      # the minimal role for an intent\n"
           "  $ minrole scan src/ logs/ > intent.yaml             # derive the intent from code and logs\n"
           "  $ minrole audit --role role.yaml --intent intent.yaml\n"
           "  $ minrole diff old-role.yaml new-role.yaml --fail-on-new-access\n"
           "  $ minrole explain 'Read-Write Lead'\n" +
           std::string(kExitStatus);
}

std::string command_help_footer(std::string_view command) {
    const std::string examples = examples_of(command);
    return (examples.empty() ? std::string() : "Examples:\n" + examples + "\n") + std::string(kExitStatus);
}

namespace {
std::vector<std::string> option_words(const CLI::App& app) {
    std::vector<std::string> out;
    for (const CLI::Option* option : app.get_options()) {
        for (const auto& name : option->get_lnames()) {
            out.push_back("--" + name);
        }
        for (const auto& name : option->get_snames()) {
            out.push_back("-" + name);
        }
    }
    return out;
}
} // namespace

bool known_option(const CLI::App& command, const CLI::App& global, const std::string& word) {
    const std::string name = word.substr(0, word.find('='));
    for (const CLI::App* app : {&command, &global}) {
        for (const auto& known : option_words(*app)) {
            if (known == name) {
                return true;
            }
        }
    }
    return false;
}

std::string option_suggestion(const CLI::App& command, const CLI::App& global, const std::string& word) {
    const std::string name = word.substr(0, word.find('='));
    if (name == "-v" || name == "-V") {
        return " (did you mean '--version'?)";
    }
    std::vector<std::string> candidates;
    for (const CLI::App* app : {&command, &global}) {
        for (auto& known : option_words(*app)) {
            // Long options are suggested for long words, short ones for short words: a one-letter
            // option is always within reach of any other and would be a guess.
            if (known.starts_with("--") == name.starts_with("--")) {
                candidates.push_back(std::move(known));
            }
        }
    }
    const std::string hint = did_you_mean(name, candidates);
    return hint.empty() ? std::string() : " (did you mean '" + hint + "'?)";
}

namespace {
std::string command_path(const CLI::App& command) {
    std::string path = command.get_name();
    for (const CLI::App* parent = command.get_parent(); parent != nullptr && parent->get_parent() != nullptr;
         parent = parent->get_parent()) {
        path = parent->get_name() + " " + path;
    }
    return path;
}

std::string capitals(std::string text) {
    for (char& c : text) {
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return text;
}
} // namespace

std::string usage_of(const CLI::App& command) {
    std::string out = "minrole " + command_path(command);
    const auto nested = command.get_subcommands({});
    if (!nested.empty()) {
        std::string names;
        for (const CLI::App* sub : nested) {
            names += (names.empty() ? "" : "|") + sub->get_name();
        }
        out += " " + names;
    }
    for (const CLI::Option* option : command.get_options()) {
        if (option->get_positional() && !option->nonpositional()) {
            std::string name = capitals(option->get_name());
            if (option->get_items_expected_max() > 1) {
                name += "...";
            }
            out += " " + (option->get_required() ? name : "[" + name + "]");
        }
    }
    return out + " [OPTIONS]";
}

std::string argument_error(const CLI::App& command, const std::string& message) {
    const std::string path = command_path(command);
    const std::string usage = "; usage: " + usage_of(command) + " (see 'minrole help " + path + "')";
    if (message == "A subcommand is required") {
        return path + " needs a command" + usage;
    }
    constexpr std::string_view kRequired = " is required";
    if (message.size() > kRequired.size() && message.ends_with(kRequired)) {
        const std::string name = message.substr(0, message.size() - kRequired.size());
        for (const CLI::Option* option : command.get_options()) {
            if (option->get_positional() && !option->nonpositional() && option->get_name() == name) {
                return path + " needs " + capitals(name) + " (" + option->get_description() + ")" + usage;
            }
        }
        return message;
    }
    for (const std::string_view lead : {"The following argument was not expected: ", "The following arguments were not expected: "}) {
        if (message.starts_with(lead)) {
            return "unexpected argument" + std::string(lead.find("arguments") != std::string_view::npos ? "s" : "") +
                   " for " + path + ": " +
                   message.substr(lead.size()) + usage;
        }
    }
    return message;
}

// ---- progress -----------------------------------------------------------------------------------

ProgressLine::ProgressLine() : terminal_(::isatty(STDERR_FILENO) != 0) {}

ProgressLine::~ProgressLine() {
    if (drawn_) {
        std::fputs("\r\033[K", stderr);
        std::fflush(stderr);
    }
}

ScanOptions ProgressLine::options() {
    ScanOptions options;
    // A progress line only for a person watching; pipelines and CI logs stay clean.
    if (terminal_) {
        options.progress = [this, last = std::chrono::steady_clock::time_point{}](std::uint64_t files,
                                                                                std::uint64_t bytes) mutable {
            const auto now = std::chrono::steady_clock::now();
            if (now - last > std::chrono::milliseconds(200)) {
                last = now;
                drawn_ = true;
                std::fprintf(stderr, "\rscanning: %llu files, %.1f MB", static_cast<unsigned long long>(files),
                             static_cast<double>(bytes) / 1e6);
            }
        };
    }
    // Not bad input (the rest is scanned), but never silent: what the folder holds is missing
    // from the result.
    options.skipped_directory = [this](const SkippedDirectory& skipped) {
        if (drawn_) {
            std::fputs("\r\033[K", stderr);
            drawn_ = false;
        }
        warn(skipped.path + ": cannot read directory, not scanned: " + skipped.reason);
    };
    options.skipped_file = [this](const ScanNote& skipped) {
        if (drawn_) {
            std::fputs("\r\033[K", stderr);
            drawn_ = false;
        }
        warn(skipped.file + ": " + skipped.note);
    };
    return options;
}

void warn(const std::string& message) {
    std::cerr << "minrole: " << diagnostic_label("warning") << ": " << displayable(redact(message)) << "\n";
}

} // namespace minrole::cli
