#include "intent_input.hpp"

#include "minrole/scan.hpp"
#include "minrole/source.hpp"

#include <chrono>
#include <cstdio>
#include <unistd.h>

namespace minrole::cli {

Intent IntentInput::load(const Model& model, const Router& router) const {
    Intent intent;
    if (!path.empty()) {
        intent = parse_intent(read_source(path));
    }
    if (!scan_paths.empty()) {
        ScanOptions options = progress_options();
        apply_scan_tuning(options, sdk_maps, exclude_tests);
        Intent scanned = scan_to_intent(model.rules, scan(router, scan_paths, options));
        if (intent.service.empty()) {
            intent.service = scanned.service;
        }
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

ScanOptions progress_options() {
    ScanOptions options;
    // A progress line only for a person watching; pipelines and CI logs stay clean.
    if (::isatty(STDERR_FILENO) != 0) {
        options.progress = [last = std::chrono::steady_clock::time_point{}](std::uint64_t files,
                                                                            std::uint64_t bytes) mutable {
            const auto now = std::chrono::steady_clock::now();
            if (now - last > std::chrono::milliseconds(200)) {
                last = now;
                std::fprintf(stderr, "\rscanning: %llu files, %.1f MB", static_cast<unsigned long long>(files),
                             static_cast<double>(bytes) / 1e6);
            }
        };
    }
    return options;
}

void finish_progress() {
    if (::isatty(STDERR_FILENO) != 0) {
        std::fprintf(stderr, "\r\033[K");
    }
}

} // namespace minrole::cli
