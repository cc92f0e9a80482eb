#pragma once
// recommend: intent -> matched operations -> per-workspace minimal role with reasons.
#include "minrole/intent.hpp"
#include "minrole/router.hpp"
#include "minrole/solver.hpp"

#include <map>
#include <string>
#include <vector>

namespace minrole {

enum class OperationStatus { Matched, Unmatched, Ambiguous, Undocumented };
const char* to_string(OperationStatus status);

struct OperationOutcome {
    IntendedOperation intended;
    RouteMatch match;
    Parameters parameters; // declared plus those in the URL's query
    OperationStatus status = OperationStatus::Unmatched;
};

struct Justification {
    PermissionId permission = 0;
    std::vector<std::size_t> operations;  // indexes into WorkspaceRecommendation::operations
    std::vector<PermissionId> parent_of;  // granted because these members need it as parent
};

struct WorkspaceRecommendation {
    std::string name;
    std::vector<OperationOutcome> operations;
    Solution solution;
    std::vector<Justification> justifications; // one per role member, in catalog order
};

struct Recommendation {
    std::string service;
    std::vector<WorkspaceRecommendation> workspaces;

    // From a scanned intent: sightings of unmatched paths it did not list (Intent::unmatched_left_out).
    std::uint64_t unmatched_left_out = 0;

    // True when every operation matched an endpoint with a documented requirement.
    [[nodiscard]] bool complete() const;
};

// Routes one intended operation (shared with audit and scan).
OperationOutcome route_operation(const Model& model, const Router& router, const IntendedOperation& operation);

// "N more sightings of unmatched paths left out: a scan lists at most 10000 distinct unmatched
// paths": the one wording every report uses for Recommendation::unmatched_left_out.
std::string unmatched_left_out_message(std::uint64_t sightings);

Recommendation recommend(const Model& model, const Router& router, const Intent& intent,
                         const SolveOptions& options = {});

} // namespace minrole
