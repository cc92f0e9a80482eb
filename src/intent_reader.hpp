#pragma once
// One operation entry of an intent, shared by intent files (intent.cpp) and the inline intents
// of an instance's services (instance.cpp): a string, or a map with `op`, `params`, `note` and,
// where the caller allows it, `workspace`. Private to the library.
#include "minrole/intent.hpp"

#include "yaml_reader.hpp"

#include <optional>
#include <string>

namespace minrole {

struct OperationEntry {
    IntendedOperation operation;          // text and note redacted, location and evidence set
    std::optional<std::string> workspace; // only when `workspace_key`
    Location workspace_where;
};

// An empty operation is a located error; `workspace_key` allows the `workspace:` key.
OperationEntry read_operation_entry(const SourceFile& source, const YAML::Node& node, bool workspace_key);

} // namespace minrole
