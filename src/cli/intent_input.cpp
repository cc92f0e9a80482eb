#include "intent_input.hpp"

#include "minrole/source.hpp"

namespace minrole::cli {

Intent IntentInput::load() const {
    Intent intent;
    if (!path.empty()) {
        intent = parse_intent(read_source(path));
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
}

} // namespace minrole::cli
