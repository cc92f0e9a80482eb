#include "commands.hpp"
#include "shell.hpp"
#include "intent_input.hpp"

#include "minrole/scan.hpp"

namespace minrole::cli {

namespace {
struct ScanCommandOptions {
    std::vector<std::string> paths;
    std::vector<std::string> excludes;
    bool include_vendored = false;
    bool no_gitignore = false;
    std::vector<std::string> sdk_maps;
    bool exclude_tests = false;
    bool no_parse = false;
};
} // namespace

// Prints the intent a scan implies; exit 1 when something was ambiguous or matched nothing.
void attach_scan(CLI::App& command, Context& context) {
    auto output = std::make_shared<OutputOptions>();
    auto options = std::make_shared<ScanCommandOptions>();
    add_output_options(command, *output, Result::Scan);
    command.add_option("paths", options->paths, "source folders/files, access logs, JSON-lines logs, HAR files")->required();
    command.add_option("--exclude", options->excludes, "skip paths matching this .gitignore-style pattern (repeatable)");
    command.add_flag("--include-vendored", options->include_vendored,
                     "also walk node_modules, vendor, third_party, .venv, build output ...");
    command.add_flag("--no-gitignore", options->no_gitignore, "do not honour .gitignore files");
    add_scan_tuning_options(command, options->sdk_maps, options->exclude_tests);
    command.add_flag("--lexical", options->no_parse, "read source code line by line instead of parsing it (the fallback extractor)");
    command.callback([&context, output, options] {
        context.run = [&context, output, options] {
            const Model& model = context.model();
            const Router& router = context.router();
            const ScanResult result = [&] {
                ProgressLine progress; // erased when the scan ends, however it ends
                ScanOptions scan_options = progress.options();
                scan_options.excludes = options->excludes;
                scan_options.include_vendored = options->include_vendored;
                scan_options.follow_gitignore = !options->no_gitignore;
                scan_options.parse = !options->no_parse;
                apply_scan_tuning(scan_options, options->sdk_maps, options->exclude_tests);
                return scan(router, options->paths, scan_options);
            }();
            emit(*output, render_scan(model, result, chosen_format(*output)));
            return result.ambiguous.empty() && result.unmatched.empty() ? kExitOk : kExitFindings;
        };
    });
}

} // namespace minrole::cli
