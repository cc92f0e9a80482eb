#pragma once
// The ways a subcommand can be told the intent: a file (or '-'), repeated --op, or both.
#include "context.hpp"

#include "minrole/intent.hpp"

#include <string>
#include <vector>

namespace minrole::cli {

struct IntentInput {
    std::string path;
    std::vector<std::string> operations;

    [[nodiscard]] bool given() const { return !path.empty() || !operations.empty(); }
    [[nodiscard]] Intent load() const;
};

void add_intent_options(CLI::App& command, IntentInput& input, bool positional);

} // namespace minrole::cli
