#include "intent_input.hpp"
#include "shell.hpp"

#include "minrole/redact.hpp"
#include "minrole/scan.hpp"
#include "minrole/source.hpp"

#include <chrono>
#include <cstdio>
#include <iostream>
#include <unistd.h>

namespace minrole::cli {

Intent IntentInput::load(const Model& model, const Router& router) const {
    Intent intent;
    if (!path.empty()) {
        intent = parse_intent(read_source(path));
        // Not bad input (the role is still computed), but never silent: a misspelt parameter
        // changes the role.
        for (const auto& warning : check_declared_parameters(intent, router)) {
            const std::string where = warning.where.known() ? warning.where.to_string() + ": " : std::string();
            std::cerr << "minrole: " << diagnostic_label("warning") << ": " << shown(where + warning.message) << "\n";
        }
    }
    if (!scan_paths.empty()) {
        Intent scanned = [&] {
            ProgressLine progress; // erased when the scan ends, however it ends
            ScanOptions options = progress.options();
            apply_scan_tuning(options, sdk_maps, exclude_tests);
            return scan_to_intent(model.rules, scan(router, scan_paths, options));
        }();
        if (intent.service.empty()) {
            intent.service = scanned.service;
        }
        intent.unmatched_left_out += scanned.unmatched_left_out;
        auto& into = intent.workspace(kDefaultWorkspace).operations;
        for (auto& op : scanned.workspaces.front().operations) {
            into.push_back(std::move(op));
        }
    }
    if (!operations.empty()) {
        Intent flags = intent_from_operations(operations);
        auto& into = intent.workspace(kDefaultWorkspace).operations;
        for (auto& op : flags.workspaces.front().operations) {
            into.push_back(std::move(op));
        }
    }
    return intent;
}

void add_intent_options(CLI::App& command, IntentInput& input, bool positional) {
    if (positional) {
        command.add_option("intent", input.path, "intent YAML file ('-' for standard input)");
    } else {
        command.add_option("--intent", input.path, "intent YAML file ('-' for standard input)");
    }
    command.add_option("--op", input.operations,
                       "an intended operation: 'METHOD /path', a URL, or an operationId (repeatable)");
    command.add_option("--scan", input.scan_paths, "derive operations by scanning source code and HTTP logs (repeatable)")
        ->type_name("PATH");
    add_scan_tuning_options(command, input.sdk_maps, input.exclude_tests);
}

void add_scan_tuning_options(CLI::App& command, std::vector<std::string>& sdk_maps, bool& exclude_tests) {
    command.add_option("--sdk", sdk_maps, "an SDK map (kind: sdk) besides the shipped ones (repeatable)")->type_name("FILE");
    command.add_flag("--exclude-tests", exclude_tests,
                     "ignore calls in test code (tests/, spec/, fixtures/, *_test.*, *.spec.* ...)");
}

void apply_scan_tuning(ScanOptions& options, const std::vector<std::string>& sdk_maps, bool exclude_tests) {
    for (const auto& path : sdk_maps) {
        options.sdks.push_back(parse_sdk_map(read_source(path)));
    }
    options.include_tests = !exclude_tests;
}

} // namespace minrole::cli
