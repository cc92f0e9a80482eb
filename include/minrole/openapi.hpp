#pragma once
// Turns Adobe's published Swagger/OpenAPI specs into minrole rules files, so the shipped
// rules can follow Adobe's changes. Only facts cross over (method, path, operationId, the
// required-permission statement, supersession); summaries are generated from the path.
#include "minrole/catalog.hpp"
#include "minrole/requirement.hpp"
#include "minrole/source.hpp"

#include <map>
#include <string>
#include <vector>

namespace minrole {

struct ImportedOperation {
    std::string operation_id;
    std::string method;
    std::string path;
    std::string area;
    std::string summary;
    Requirement requirement;
    bool deprecated = false;
    std::string superseded_by;
    std::string provenance;
};

struct ImportedSpec {
    std::string file; // base name of the spec, e.g. swagger-mapi.json
    std::vector<ImportedOperation> operations;
};

// Reads one spec (Swagger 2.0 or OpenAPI 3). Throws a located Error on malformed JSON or a
// permission statement naming an unknown permission.
ImportedSpec import_openapi(const Catalog& catalog, const SourceFile& spec);

// The decided reading of a "Required Permissions" statement:
//   "A, B" / "A or B"  any-of;  "A and B"  all-of;  comma lists under /rest/asset/v2 all-of;
//   "X. If leadId is passed in the request: Y"  X plus Y only when leadId is passed;
//   "None"  no permission. Aliases resolve through the catalog.
Requirement parse_permission_statement(const Catalog& catalog, const std::string& statement, bool comma_means_all,
                                       const Location& where);

// The "Required Permissions" statement of a description, or "" when there is none.
std::string extract_permission_statement(const std::string& description);

// Groups operations by area and renders one rules file per area, byte-for-byte deterministic.
std::map<std::string, std::string> render_rules_files(const Catalog& catalog, const std::vector<ImportedSpec>& specs);

// Canonical YAML flow form of a requirement, as rules files write it.
std::string requirement_to_yaml(const Catalog& catalog, const Requirement& requirement);

} // namespace minrole
