// minrole: least-privilege analysis for Marketo API-Only users. A thin shell over the library:
// parse the command line, run one subcommand, turn errors into `minrole: error: ...` and exit 2.
#include "commands.hpp"
#include "context.hpp"

#include "minrole/redact.hpp"

#include <iostream>
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
    {"lint", "check a catalog and its rules", minrole::cli::attach_lint},
    {"permissions", "list the permission catalog", minrole::cli::attach_permissions},
    {"recommend", "the minimal role for intended operations", minrole::cli::attach_recommend},
    {"scan", "derive the intent from source code and HTTP logs", minrole::cli::attach_scan},
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
// credential; every message leaves through redact() like every other piece of echoed input.
int fail(std::string_view message) {
    std::cerr << "minrole: error: " << minrole::redact(message) << "\n";
    return minrole::cli::kExitBadInput;
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
    app.set_version_flag("--version", std::string("minrole ") + MINROLE_VERSION);
    app.require_subcommand(1, 1);
    app.add_option("--catalog", context.catalog_paths,
                   "load permissions and rules from these YAML files/directories instead of the built-in ones")
        ->type_name("PATH");
    app.add_option("--overrides", context.overrides, "apply an overrides file (kind: overrides) to the rules")
        ->type_name("FILE");
    // Every subcommand is listed (--help shows names and summaries), but only those named on the
    // command line get their options: building all of them costs more than a small run's work.
    // The subcommand CLI11 selects is always one of those words, so it always has its options.
    for (const auto& command : kCommands) {
        CLI::App* sub = app.add_subcommand(command.name, command.summary);
        sub->fallthrough();
        if (named(argc, argv, command.name)) {
            command.attach(*sub, context);
        }
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        std::string message = e.what();
        if (app.get_subcommands().empty()) {
            // The first word that is neither an option nor a global option's value names the command.
            for (int i = 1; i < argc; ++i) {
                const std::string word = argv[i];
                if (word == "--catalog" || word == "--overrides") {
                    ++i;
                } else if (!word.empty() && word[0] != '-') {
                    message = "unknown command '" + word + "'" + suggestion_for(word);
                    break;
                }
            }
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
