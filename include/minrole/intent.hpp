#pragma once
// What an integration intends to call, per workspace. Read from YAML:
//   service: crm-sync                  # optional
//   workspaces:                        # optional; operations at top level go to "Default"
//     - name: Europe
//       operations:
//         - GET /rest/v1/leads.json
//         - getLeadByIdUsingGET
//         - {op: "GET /rest/asset/v1/email/{id}/fullContent.json", params: [leadId], note: "..."}
//   operations: [...]
// Unknown keys are errors: a typo must never silently change a role.
#include "minrole/router.hpp"
#include "minrole/source.hpp"

#include <string>
#include <vector>

namespace minrole {

inline constexpr const char* kDefaultWorkspace = "Default";

struct IntendedOperation {
    std::string text;      // as written: "METHOD /path", a URL or an operationId
    Parameters parameters; // declared in `params:` (query parameters in the text are added by the router)
    std::string note;
    std::string evidence;  // where it came from: file:line of the intent, or a scan's evidence
    Location where;
};

struct WorkspaceIntent {
    std::string name;
    std::string partition; // optional: lead operations scoped to a partition
    std::vector<IntendedOperation> operations;
};

struct Intent {
    std::string service;
    std::vector<WorkspaceIntent> workspaces;

    WorkspaceIntent& workspace(const std::string& name); // finds or appends
};

Intent parse_intent(const SourceFile& source);

// An intent from --op flags: every operation in the Default workspace.
Intent intent_from_operations(const std::vector<std::string>& operations);

} // namespace minrole
