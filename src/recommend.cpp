#include "minrole/recommend.hpp"

namespace minrole {

const char* to_string(OperationStatus status) {
    switch (status) {
    case OperationStatus::Matched:
        return "matched";
    case OperationStatus::Unmatched:
        return "unmatched";
    case OperationStatus::Ambiguous:
        return "ambiguous";
    case OperationStatus::Undocumented:
        return "undocumented";
    }
    return "?";
}

bool Recommendation::complete() const {
    for (const auto& w : workspaces) {
        for (const auto& op : w.operations) {
            if (op.status != OperationStatus::Matched) {
                return false;
            }
        }
    }
    return true;
}

OperationOutcome route_operation(const Model& model, const Router& router, const IntendedOperation& operation) {
    OperationOutcome outcome;
    outcome.intended = operation;
    outcome.match = router.route(operation.text);
    outcome.parameters = operation.parameters;
    outcome.parameters.insert(outcome.match.request.parameters.begin(), outcome.match.request.parameters.end());
    switch (outcome.match.status) {
    case MatchStatus::Matched:
        outcome.status = model.rules.at(*outcome.match.endpoint).requirement.is_undocumented()
                             ? OperationStatus::Undocumented
                             : OperationStatus::Matched;
        break;
    case MatchStatus::Ambiguous:
        outcome.status = OperationStatus::Ambiguous;
        break;
    case MatchStatus::Unmatched:
        outcome.status = OperationStatus::Unmatched;
        break;
    }
    return outcome;
}

namespace {

// Why each member is in the role: the operations that fail without it (or, when an operation
// is satisfied several ways, that it serves), and the members that need it as their parent.
std::vector<Justification> justify(const Model& model, const WorkspaceRecommendation& w) {
    const ImplicationGraph& graph = *model.graph;
    std::vector<Justification> out;
    const PermissionSet& role = w.solution.role;
    for (auto id = role.find_first(); id != PermissionSet::npos; id = role.find_next(id)) {
        Justification j;
        j.permission = static_cast<PermissionId>(id);
        PermissionSet without = role;
        without.reset(id);
        for (std::size_t i = 0; i < w.operations.size(); ++i) {
            const auto& op = w.operations[i];
            if (op.status != OperationStatus::Matched) {
                continue;
            }
            const Requirement& r = model.rules.at(*op.match.endpoint).requirement;
            if (!satisfies(graph, without, r, op.parameters)) {
                j.operations.push_back(i);
            }
        }
        for (auto other = role.find_first(); other != PermissionSet::npos; other = role.find_next(other)) {
            const auto& chain = graph.ancestors(static_cast<PermissionId>(other));
            if (std::find(chain.begin(), chain.end(), j.permission) != chain.end()) {
                j.parent_of.push_back(static_cast<PermissionId>(other));
            }
        }
        out.push_back(std::move(j));
    }
    return out;
}

} // namespace

Recommendation recommend(const Model& model, const Router& router, const Intent& intent, const SolveOptions& options) {
    Recommendation result;
    result.service = intent.service;
    for (const auto& workspace : intent.workspaces) {
        WorkspaceRecommendation w;
        w.name = workspace.name;
        std::vector<SolveInput> inputs;
        for (const auto& op : workspace.operations) {
            w.operations.push_back(route_operation(model, router, op));
        }
        for (const auto& op : w.operations) {
            if (op.status == OperationStatus::Matched) {
                inputs.push_back(SolveInput{&model.rules.at(*op.match.endpoint).requirement, &op.parameters});
            }
        }
        w.solution = solve(model, inputs, options);
        w.justifications = justify(model, w);
        result.workspaces.push_back(std::move(w));
    }
    return result;
}

} // namespace minrole
