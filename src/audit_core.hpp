#pragma once
// What role audits (audit.cpp) and instance audits (instance_audit.cpp) share:
// one place that turns a rule and its facts into a Finding (the policy's
// severity, exact duplicates dropped), the intent problems both report, the
// missing-permission fix, the forbidden check and the policy's own checks.
// Private to the library.
#include "minrole/audit.hpp"

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace minrole::audit_core {

class Findings {
public:
    Findings(const Model& model, const Policy& policy, std::vector<Finding>& out);

    // Adds the finding under `rule` with its severity after the policy; a rule
    // the policy sets to `none`, and a finding identical to one already added,
    // are dropped. `subject` names the user, role or service (instance audits),
    // `workspace` the workspace it is about.
    void emit(RuleId rule, const std::string& subject, std::string message, const std::string& workspace,
              std::optional<PermissionId> permission, std::vector<std::string> evidence, const Location& where);

    // An unmatched, ambiguous, undocumented, deprecated or superseded operation
    // in the intent.
    void intent_problem(const OperationOutcome& op, const std::string& workspace, const std::string& subject,
                        const Location& where);
    // One unmatched-operation finding saying how many sightings of unmatched paths a scan left
    // out of its list (Recommendation::unmatched_left_out); nothing when it left none out.
    void unmatched_left_out(std::uint64_t sightings, const std::string& subject, const Location& where);

private:
    const Model& model_;
    const Policy& policy_;
    std::vector<Finding>& out_;
    std::set<std::string> seen_;
};

// The least-cost permissions to add so `held` meets the endpoint's requirement
// for the call.
struct Fix {
    std::vector<std::string> add;           // names, catalog order
    std::optional<PermissionId> first;      // the first of them, for the finding's permission
    [[nodiscard]] std::string list() const; // "A, B"
};
Fix missing_fix(const Model& model, const PermissionSet& held, const Endpoint& endpoint, const Parameters& parameters);

// Does the policy forbid this permission (under any of its spellings)?
bool forbidden(const Model& model, const Policy& policy, PermissionId permission);

// Unknown permission names in the policy are bad input even when nothing would
// use them.
void check_policy_names(const Model& model, const Policy& policy);

// Is the permission in the Access API tree (the only tree an API-Only user can
// use)?
bool in_api_tree(const Model& model, PermissionId permission);

// "GET /rest/v1/leads.json" for a matched operation, the input text otherwise.
std::string label(const Model& model, const OperationOutcome& op);

} // namespace minrole::audit_core
