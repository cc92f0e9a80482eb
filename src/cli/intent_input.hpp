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

    [[nodiscard]] bool given() const { return !path.empty() || !operations.empty() || !scan_paths.empty(); }
    [[nodiscard]] Intent load(const Model& model, const Router& router) const;
};

void add_intent_options(CLI::App& command, IntentInput& input, bool positional);

} // namespace minrole::cli
