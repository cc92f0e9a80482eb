#pragma once
// Entries that role, intent and instance files share, read once: an intent's operation entry
// (intent files, intent.cpp, and an instance's inline intents, instance.cpp) and a list of
// permission grants (role specs, role.cpp, and an instance's roles). Private to the library.
#include "minrole/intent.hpp"
#include "minrole/role.hpp"

#include "yaml_reader.hpp"

#include <optional>
#include <string>

namespace minrole {

// One operation entry: a string, or a map with `op`, `params`, `note` and, where the caller
// allows it, `workspace`.
struct OperationEntry {
    IntendedOperation operation;          // text and note redacted, location and evidence set
    std::optional<std::string> workspace; // only when `workspace_key`
    Location workspace_where;
};

// An empty operation is a located error; `workspace_key` allows the `workspace:` key.
OperationEntry read_operation_entry(const SourceFile& source, const YAML::Node& node, bool workspace_key);

// A `permissions:` list appended to `into`: each name resolved (aliases accepted), each granted
// once (a repeat, under any spelling, is a located error).
void read_grants(const Model& model, const SourceFile& source, const YAML::Node& list, std::vector<RoleGrant>& into);

} // namespace minrole
