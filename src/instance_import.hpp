#pragma once
// Private to the library: reading saved User Management API responses into an Instance.
#include "minrole/instance.hpp"

#include <yaml-cpp/yaml.h>

#include <string>

namespace minrole::instance_detail {

// `import:` of an instance file: fills workspaces, roles, users and their grants from the saved
// JSON responses. Relative paths are resolved against `folder`.
void import_responses(Instance& into, const SourceFile& source, const YAML::Node& import, const std::string& folder);

// 1-based line and column of the first `needle` in `text` at or after `from`; line 1 when absent.
Location locate_text(const std::string& file, const std::string& text, const std::string& needle);

} // namespace minrole::instance_detail
