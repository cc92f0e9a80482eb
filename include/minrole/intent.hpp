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

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace minrole {

inline constexpr const char* kDefaultWorkspace = "Default";

struct IntendedOperation {
    std::string text;      // as written: "METHOD /path", a URL or an operationId
    Parameters parameters; // declared in `params:` (query parameters in the text are added by the router)
    std::string note;
    std::string evidence;  // where it came from: file:line of the intent, or a scan's evidence
    bool test_only = false; // from a scan: every sighting is in test code
    Location where;
    // Where each `params:` entry is written (intent files); a name missing here is located at `where`.
    std::map<std::string, Location> parameter_where = {};
    [[nodiscard]] const Location& where_of_parameter(const std::string& name) const {
        const auto it = parameter_where.find(name);
        return it == parameter_where.end() ? where : it->second;
    }
};

struct WorkspaceIntent {
    std::string name;
    std::string partition; // optional: lead operations scoped to a partition
    std::vector<IntendedOperation> operations;
};

// How many distinct unmatched paths a scan lists; sightings of further ones are only counted.
inline constexpr std::size_t kUnmatchedListed = 10000;

struct Intent {
    std::string service;
    std::vector<WorkspaceIntent> workspaces;
    // From a scan: sightings of unmatched paths beyond the kUnmatchedListed it lists (0 otherwise).
    std::uint64_t unmatched_left_out = 0;

    WorkspaceIntent& workspace(const std::string& name); // finds or appends
};

Intent parse_intent(const SourceFile& source);

// A declared parameter (`params:`) that changes nothing about what its operation needs: a
// misspelt `leadid` would otherwise silently leave lead access out of the role.
struct IntentWarning {
    Location where;      // the operation in the intent file
    std::string message; // names the parameter, the endpoint and the closest known parameter
};
// One warning per declared parameter that the matched endpoint's rule does not mention but that
// looks like one some rule does (a different case, or a close spelling of `leadId`), in intent
// order; operations that match no single endpoint are reported elsewhere and skipped here.
std::vector<IntentWarning> check_declared_parameters(const Intent& intent, const Router& router);

// An intent from --op flags: every operation in the Default workspace.
Intent intent_from_operations(const std::vector<std::string>& operations);

} // namespace minrole
