#pragma once
// JSON Schemas (draft 2020-12) for every YAML kind a user writes and every JSON report minrole
// writes. The files under schemas/ are compiled in (cmake/schemas.cmake), so `minrole schema
// KIND` and the MCP server serve exactly what the package installs under
// /usr/share/minrole/schemas.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace minrole {

struct SchemaDocument {
    std::string_view name;  // "intent", "role", ..., "audit", "scan" (the file is NAME.schema.json)
    std::string_view text;  // the JSON Schema, as in schemas/NAME.schema.json
};

// Every compiled-in schema, sorted by name.
const std::vector<SchemaDocument>& schemas();
// The schema called NAME, if there is one.
std::optional<std::string_view> find_schema(std::string_view name);

// Where installed schemas live (the package's /usr/share/minrole/schemas).
std::string installed_schema_path(std::string_view name);
// The first line of a YAML file minrole generates: editors running yaml-language-server
// validate and complete the file against the installed schema.
std::string yaml_schema_modeline(std::string_view name);

} // namespace minrole
