// minrole: least-privilege analysis for Marketo API-Only users. A thin shell over the library:
// parse the command line, run one subcommand, turn errors into `minrole: error: ...` and exit 2.
#include "commands.hpp"
#include "context.hpp"
#include "output_file.hpp"
#include "shell.hpp"
#include "version.hpp"

#include "minrole/display.hpp"
#include "minrole/redact.hpp"

#include <iostream>
#include <sstream>
#include <string_view>

namespace {

using minrole::cli::CommandSpec;

// Every subcommand, sorted by name (a test keeps it sorted).
constexpr CommandSpec kCommands[] = {
    {"allows", "every endpoint a role reaches, by area and kind of power", minrole::cli::attach_allows},
    {"audit", "compare a role with what the intent needs", minrole::cli::attach_audit},
    {"diff", "what changes between two versions of a role", minrole::cli::attach_diff},
    {"endpoints", "list endpoint rules and what each needs", minrole::cli::attach_endpoints},
    {"explain", "explain a permission or an endpoint", minrole::cli::attach_explain},
    {"graph", "draw the permission implication graph", minrole::cli::attach_graph},
    {"import-openapi", "regenerate rules from Adobe's OpenAPI specs", minrole::cli::attach_import_openapi},
    {"import-sdk", "map a Marketo SDK's methods to the operations they send", minrole::cli::attach_import_sdk},
    {"instance", "pull a live instance's users, roles and workspaces (instance pull)", minrole::cli::attach_instance},
    {"lint", "check a catalog and its rules", minrole::cli::attach_lint},
    {"mcp", "serve the tools over the Model Context Protocol (stdio)", minrole::cli::attach_mcp},
    {"permissions", "list the permission catalog", minrole::cli::attach_permissions},
    {"recommend", "the minimal role for intended operations", minrole::cli::attach_recommend},
    {"scan", "derive the intent from source code and HTTP logs", minrole::cli::attach_scan},
    {"schema", "print the JSON Schema of a YAML kind or a JSON report", minrole::cli::attach_schema},
};

// Does the command line name this subcommand? CLI11 only ever selects a subcommand by a word
// equal to its name (no aliases, prefixes or case folding here).
bool named(int argc, char** argv, std::string_view name) {
    for (int i = 1; i < argc; ++i) {
        if (argv[i] == name) {
            return true;
        }
    }
    return false;
}

std::string suggestion_for(const std::string& word) {
    std::vector<std::string> names;
    for (const auto& c : kCommands) {
        names.emplace_back(c.name);
    }
    const std::string hint = minrole::did_you_mean(word, names);
    return hint.empty() ? std::string() : " (did you mean '" + hint + "'?)";
}

// Errors quote their input (a bad line, a URL, a command-line word), and that input may carry a
// credential; every message leaves through redact() like every other piece of echoed input, and
// through displayable(): one line, no control characters (no forged CI annotations).
int fail(std::string_view message) {
    std::cerr << "minrole: " << minrole::cli::diagnostic_label("error") << ": " << minrole::displayable(minrole::redact(message)) << "\n";
    return minrole::cli::kExitBadInput;
}

// Help and version text leave through write_stdout like every report: a failed write
// (`minrole --help >/dev/full`, a closed standard output) is exit 2 with the reason.
int print(const std::string& text, int status) {
    try {
        minrole::cli::write_stdout(text);
    } catch (const minrole::Error& e) {
        return fail(e.what());
    }
    return status;
}

// CLI11's own exits (--help, --version) print into a string first.
int print_exit(CLI::App& app, const CLI::Error& e) {
    std::ostringstream out;
    const int status = app.exit(e, out, std::cerr);
    return print(out.str(), status);
}

minrole::cli::CommandList command_list() {
    minrole::cli::CommandList out;
    for (const auto& c : kCommands) {
        out.emplace_back(c.name, c.summary);
    }
    return out;
}

// The index of the first word that is neither an option nor a global option's value: the
// command's name when the command line is well formed; argc when there is none.
int command_index(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        const std::string_view word = argv[i];
        if (word == "--catalog" || word == "--overrides" || word == "--color") {
            ++i;
        } else if (!word.empty() && word[0] != '-') {
            return i;
        }
    }
    return argc;
}

} // namespace

int main(int argc, char** argv) {
    // The context (which owns the model) and the parser live until the process ends: freeing
    // them is work for nothing at exit. Held by static pointers, they stay reachable, so
    // LeakSanitizer does not count them as leaks.
    static auto* const context_owner = new minrole::cli::Context;
    static auto* const app_owner = new CLI::App{"minrole: least-privilege roles for Marketo API-Only users", "minrole"};
    minrole::cli::Context& context = *context_owner;
    CLI::App& app = *app_owner;
    app.set_version_flag("--version", minrole::cli::version_line());
    app.require_subcommand(1, 1);
    app.add_option("--catalog", context.catalog_paths,
                   "load permissions and rules from these YAML files/directories instead of the built-in ones")
        ->type_name("PATH");
    app.add_option("--overrides", context.overrides, "apply an overrides file (kind: overrides) to the rules")
        ->type_name("FILE");
    static std::string color = "auto";
    app.add_option("--color", color, "colour the text report and errors: auto (a terminal, unless NO_COLOR is set), always, never")
        ->type_name("WHEN")
        ->check(CLI::IsMember({"auto", "always", "never"}))
        ->each([](const std::string& when) { minrole::cli::set_color_mode(minrole::cli::parse_color_mode(when)); });
    app.footer(minrole::cli::main_help_footer());
    // Bare `minrole`: what it is for and which commands there are, not just "a subcommand is required".
    if (argc == 1) {
        std::cerr << minrole::cli::short_usage(command_list());
        return minrole::cli::kExitBadInput;
    }
    // Every subcommand is listed (--help shows names and summaries), but only those named on the
    // command line get their options: building all of them costs more than a small run's work.
    // The subcommand CLI11 selects is always one of those words, so it always has its options.
    for (const auto& command : kCommands) {
        CLI::App* sub = app.add_subcommand(command.name, command.summary);
        sub->fallthrough();
        sub->footer(minrole::cli::command_help_footer(command.name));
        if (named(argc, argv, command.name)) {
            command.attach(*sub, context);
        }
    }
    // `minrole help [COMMAND]`: the same text as --help, as a command.
    if (const int at = command_index(argc, argv); at < argc && std::string_view(argv[at]) == "help") {
        if (at + 1 >= argc) {
            return print(app.help(), minrole::cli::kExitOk);
        }
        const std::string name = argv[at + 1];
        for (const auto& command : kCommands) {
            if (name == command.name) {
                // The same usage line as `minrole COMMAND --help` ("Usage: minrole scan ..."),
                // down to a nested command (`minrole help instance pull`).
                CLI::App* target = app.get_subcommand(command.name);
                std::string prev = app.get_name();
                for (int i = at + 2; i < argc; ++i) {
                    CLI::App* nested = nullptr;
                    for (CLI::App* candidate : target->get_subcommands({})) {
                        if (candidate->get_name() == argv[i]) {
                            nested = candidate;
                        }
                    }
                    if (nested == nullptr) {
                        break;
                    }
                    prev += " " + target->get_name();
                    target = nested;
                }
                return print(target->help(prev), minrole::cli::kExitOk);
            }
        }
        return fail("unknown command '" + name + "'" + suggestion_for(name));
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return print_exit(app, e);
    } catch (const CLI::CallForAllHelp& e) {
        return print_exit(app, e);
    } catch (const CLI::CallForVersion& e) {
        return print_exit(app, e);
    } catch (const CLI::ParseError& e) {
        std::string message = e.what();
        const CLI::App* selected = app.get_subcommands().empty() ? &app : app.get_subcommands().front();
        // `instance pull`: the innermost command given is the one the words were for.
        while (selected != &app && !selected->get_subcommands().empty()) {
            selected = selected->get_subcommands().front();
        }
        // An option the command does not have (left over as an extra, or standing where the
        // command should be): name it, and the one that was meant. Other errors (a bad value)
        // keep CLI11's message.
        const bool extras = dynamic_cast<const CLI::ExtrasError*>(&e) != nullptr || app.get_subcommands().empty();
        bool unknown_option = false;
        for (int i = 1; extras && i < argc; ++i) {
            const std::string word = argv[i];
            if (word == "--") {
                break;
            }
            if (word.size() > 1 && word[0] == '-' && !minrole::cli::known_option(*selected, app, word)) {
                message = "unknown option '" + word.substr(0, word.find('=')) + "'" +
                          (selected == &app ? std::string() : " for " + selected->get_name()) +
                          minrole::cli::option_suggestion(*selected, app, word);
                unknown_option = true;
                break;
            }
        }
        // A missing or extra argument: say which, and the command's usage.
        if (!unknown_option && selected != &app) {
            message = minrole::cli::argument_error(*selected, message);
        }
        if (app.get_subcommands().empty()) {
            const int at = command_index(argc, argv);
            if (at < argc) {
                const std::string word = argv[at];
                return fail("unknown command '" + word + "'" + suggestion_for(word));
            }
            if (dynamic_cast<const CLI::RequiredError*>(&e) != nullptr && message.find("unknown option") == std::string::npos) {
                message = "no command given";
            }
            // No command at all: the error, then what the commands are.
            const int status = fail(message);
            std::cerr << "\n" << minrole::cli::short_usage(command_list());
            return status;
        }
        return fail(message);
    } catch (const minrole::Error& e) {
        return fail(e.what());
    }
    try {
        return context.run ? context.run() : minrole::cli::kExitBadInput;
    } catch (const minrole::Error& e) {
        return fail(e.what());
    } catch (const std::bad_alloc&) {
        return fail("out of memory");
    } catch (const std::exception& e) {
        return fail(e.what());
    }
}
