#include "minrole/recommend.hpp"

#include "minrole/display.hpp"

#include <algorithm>
#include <string_view>
#include <unordered_map>

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

std::string unmatched_left_out_message(std::uint64_t sightings) {
    return std::to_string(sightings) + (sightings == 1 ? " more sighting" : " more sightings") +
           " of unmatched paths left out: a scan lists at most " + std::to_string(kUnmatchedListed) + " distinct unmatched paths";
}

bool Recommendation::complete() const {
    if (unmatched_left_out > 0) {
        return false;
    }
    for (const auto& w : workspaces) {
        for (const auto& op : w.operations) {
            if (op.status != OperationStatus::Matched) {
                return false;
            }
        }
    }
    return true;
}

namespace {

// Once routed, an operation is only shown: every report of every format echoes it, and an
// outcome holds it several times (as written, normalised, in the reason). A value longer than
// kEchoBytes is kept by its beginning (display.hpp), so what a report holds and prints stays in
// proportion to the number of operations, not to their length. A parameter name that long is
// no name a requirement tests.
void clip_echoes(OperationOutcome& outcome) {
    if (outcome.intended.text.size() > kEchoBytes) {
        outcome.intended.text = clip_echo(outcome.intended.text);
    }
    if (outcome.match.request.path.size() > kEchoBytes) {
        outcome.match.request.path = clip_echo(outcome.match.request.path);
    }
    const auto long_name = [](const std::string& name) { return name.size() > kEchoBytes; };
    if (std::any_of(outcome.parameters.begin(), outcome.parameters.end(), long_name)) {
        Parameters clipped;
        for (const auto& name : outcome.parameters) {
            clipped.insert(clip_echo(name));
        }
        outcome.parameters = std::move(clipped);
    }
}

} // namespace

OperationOutcome route_operation(const Model& model, const Router& router, const IntendedOperation& operation) {
    OperationOutcome outcome;
    outcome.intended = operation;
    outcome.match = router.route(operation.text);
    outcome.parameters = operation.parameters;
    outcome.parameters.insert(outcome.match.request.parameters.begin(), outcome.match.request.parameters.end());
    clip_echoes(outcome);
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
// Equivalent to testing satisfies(role minus member) for every operation, but an operation
// can only change its answer when its requirement names a permission whose effective status
// changes, so only those are re-evaluated.
std::vector<Justification> justify(const Model& model, const WorkspaceRecommendation& w) {
    const ImplicationGraph& graph = *model.graph;
    std::vector<Justification> out;
    const PermissionSet& role = w.solution.role;
    const PermissionSet full = graph.effective(role);
    // Per matched operation: satisfied by the whole role? And, per permission, the operations
    // whose requirement names it.
    std::vector<char> satisfied_full(w.operations.size(), 0);
    std::vector<std::size_t> failing_anyway;
    std::vector<std::vector<std::size_t>> by_atom(graph.size());
    std::unordered_map<const Requirement*, std::vector<PermissionId>> atoms_of;
    for (std::size_t i = 0; i < w.operations.size(); ++i) {
        const auto& op = w.operations[i];
        if (op.status != OperationStatus::Matched) {
            continue;
        }
        const Requirement& r = model.rules.at(*op.match.endpoint).requirement;
        satisfied_full[i] = satisfied_by_effective(full, r, op.parameters) ? 1 : 0;
        if (!satisfied_full[i]) {
            failing_anyway.push_back(i);
            continue;
        }
        auto [it, fresh] = atoms_of.try_emplace(&r);
        if (fresh) {
            r.collect_permissions(it->second);
            std::sort(it->second.begin(), it->second.end());
            it->second.erase(std::unique(it->second.begin(), it->second.end()), it->second.end());
        }
        for (PermissionId a : it->second) {
            by_atom[a].push_back(i);
        }
    }
    std::vector<std::size_t> candidates;
    for (auto id = role.find_first(); id != PermissionSet::npos; id = role.find_next(id)) {
        Justification j;
        j.permission = static_cast<PermissionId>(id);
        PermissionSet without = role;
        without.reset(id);
        const PermissionSet reduced = graph.effective(without);
        const PermissionSet changed = full ^ reduced;
        candidates = failing_anyway; // unsatisfied with the whole role, so without the member too
        for (auto a = changed.find_first(); a != PermissionSet::npos; a = changed.find_next(a)) {
            for (std::size_t i : by_atom[a]) {
                const auto& op = w.operations[i];
                if (!satisfied_by_effective(reduced, model.rules.at(*op.match.endpoint).requirement, op.parameters)) {
                    candidates.push_back(i);
                }
            }
        }
        std::sort(candidates.begin(), candidates.end());
        candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
        j.operations = candidates;
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
    result.unmatched_left_out = intent.unmatched_left_out;
    for (const auto& workspace : intent.workspaces) {
        WorkspaceRecommendation w;
        w.name = workspace.name;
        std::vector<SolveInput> inputs;
        // Intents repeat operations (and scans produce many repeats): route each text once.
        // Keyed by views into the intent, which outlives this loop: no copy of each text.
        std::unordered_map<std::string_view, std::size_t> routed; // text -> first operation with it
        routed.reserve(workspace.operations.size());
        w.operations.reserve(workspace.operations.size());
        for (const auto& op : workspace.operations) {
            auto [it, fresh] = routed.try_emplace(op.text, w.operations.size());
            if (fresh) {
                w.operations.push_back(route_operation(model, router, op));
                continue;
            }
            const OperationOutcome& same = w.operations[it->second];
            OperationOutcome outcome;
            outcome.intended = op;
            outcome.match = same.match;
            outcome.parameters = op.parameters;
            outcome.parameters.insert(outcome.match.request.parameters.begin(), outcome.match.request.parameters.end());
            clip_echoes(outcome);
            outcome.status = same.status;
            w.operations.push_back(std::move(outcome));
        }
        for (const auto& op : w.operations) {
            if (op.status == OperationStatus::Matched) {
                inputs.push_back(SolveInput{&model.rules.at(*op.match.endpoint).requirement, &op.parameters});
            }
        }
        w.solution = solve(model, inputs, options);
        w.justifications = justify(model, w);
        // Operations only tests call: which members would the role do without? Solved again
        // without them (only when there are some).
        std::vector<SolveInput> production;
        bool any_test_only = false;
        for (const auto& op : w.operations) {
            if (op.status == OperationStatus::Matched) {
                any_test_only = any_test_only || op.intended.test_only;
                if (!op.intended.test_only) {
                    production.push_back(SolveInput{&model.rules.at(*op.match.endpoint).requirement, &op.parameters});
                }
            }
        }
        if (any_test_only) {
            const Solution without_tests = solve(model, production, options);
            for (auto& j : w.justifications) {
                j.test_only = j.permission < without_tests.role.size() && !without_tests.role.test(j.permission);
            }
        }
        result.workspaces.push_back(std::move(w));
    }
    return result;
}

} // namespace minrole
