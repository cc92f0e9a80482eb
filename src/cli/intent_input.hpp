#pragma once
// The ways a subcommand can be told the intent: a file (or '-'), repeated --op, or both.
#include "context.hpp"

#include "minrole/intent.hpp"
#include "minrole/loader.hpp"
#include "minrole/scan.hpp"

#include <string>
#include <vector>

namespace minrole::cli {

struct IntentInput {
    std::string path;
    std::vector<std::string> operations;
    std::vector<std::string> scan_paths; // --scan: derive operations from code and logs
    std::vector<std::string> sdk_maps;   // --sdk: the user's own SDK maps for the scan
    bool exclude_tests = false;          // --exclude-tests

    [[nodiscard]] bool given() const { return !path.empty() || !operations.empty() || !scan_paths.empty(); }
    [[nodiscard]] Intent load(const Model& model, const Router& router) const;
};

void add_intent_options(CLI::App& command, IntentInput& input, bool positional);

// --sdk FILE (repeatable) and --exclude-tests, shared by scan and --scan.
void add_scan_tuning_options(CLI::App& command, std::vector<std::string>& sdk_maps, bool& exclude_tests);
void apply_scan_tuning(ScanOptions& options, const std::vector<std::string>& sdk_maps, bool exclude_tests);
} // namespace minrole::cli
