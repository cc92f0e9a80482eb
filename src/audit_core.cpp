#include "audit_core.hpp"

#include "vocabulary.hpp"

#include <algorithm>

namespace minrole::audit_core {

Findings::Findings(const Model& model, const Policy& policy, std::vector<Finding>& out)
    : model_(model), policy_(policy), out_(out) {}

void Findings::emit(RuleId rule, const std::string& subject, std::string message, const std::string& workspace,
                    std::optional<PermissionId> permission, std::vector<std::string> evidence, const Location& where) {
    Finding finding;
    finding.rule = audit_rule(rule).id;
    finding.subject = subject;
    finding.message = std::move(message);
    finding.workspace = workspace;
    finding.permission = permission;
    finding.evidence = std::move(evidence);
    finding.where = where;
    finding.severity = policy_severity(policy_, rule);
    if (finding.severity == Severity::None) {
        return;
    }
    // The same rule, subject, workspace, permission, place and words twice is one
    // finding (a policy naming a permission under two spellings, an operation
    // listed twice).
    std::string key = finding.rule + '\n' + finding.subject + '\n' + finding.workspace + '\n' +
                      (finding.permission ? std::to_string(*finding.permission) : "-") + '\n' +
                      finding.where.to_string() + '\n' + finding.message;
    if (!seen_.insert(std::move(key)).second) {
        return;
    }
    out_.push_back(std::move(finding));
}

void Findings::intent_problem(const OperationOutcome& op, const std::string& workspace, const std::string& subject,
                              const Location& where) {
    std::string in = workspace.empty() ? std::string() : " in workspace " + workspace;
    // An operation from --op or --scan has no line of its own to point at: the message says where
    // it was seen ("[src/sync.py:12 (1 sighting)]", "[--op #1]"), as recommend does.
    if (!op.intended.where.known() && !op.intended.evidence.empty()) {
        in += " [" + op.intended.evidence + "]";
    }
    if (op.status == OperationStatus::Unmatched || op.status == OperationStatus::Ambiguous) {
        std::vector<std::string> candidates;
        for (EndpointId c : op.match.candidates) {
            candidates.push_back(model_.rules.at(c).key());
        }
        emit(RuleId::UnmatchedOperation, subject, "'" + op.intended.text + "'" + in + ": " + op.match.reason, workspace,
             std::nullopt, candidates, where);
    } else if (op.status == OperationStatus::Undocumented) {
        emit(RuleId::UndocumentedEndpoint, subject,
             label(model_, op) + in + " has no documented permission; it is left out of the check", workspace,
             std::nullopt, {label(model_, op)}, where);
    } else {
        const Endpoint& e = model_.rules.at(*op.match.endpoint);
        if (!e.deprecated && e.superseded_by.empty()) {
            return;
        }
        std::string replacement;
        if (auto r = model_.rules.find_operation(e.superseded_by)) {
            replacement = "; use " + e.superseded_by + " (" + model_.rules.at(*r).key() + ")";
        }
        emit(RuleId::DeprecatedEndpoint, subject,
             e.key() + in + " is " + (e.deprecated ? "deprecated" : "superseded") + replacement, workspace,
             std::nullopt, {label(model_, op)}, where);
    }
}

void Findings::unmatched_left_out(std::uint64_t sightings, const std::string& subject, const Location& where) {
    if (sightings > 0) {
        emit(RuleId::UnmatchedOperation, subject, unmatched_left_out_message(sightings), "", std::nullopt, {}, where);
    }
}

std::string Fix::list() const { return vocab::join(add); }

Fix missing_fix(const Model& model, const PermissionSet& held, const Endpoint& endpoint, const Parameters& parameters) {
    const Solution solution = solve(model, {SolveInput{&endpoint.requirement, &parameters}});
    const PermissionSet effective = model.graph->effective(held);
    Fix fix;
    for (auto id = solution.role.find_first(); id != PermissionSet::npos; id = solution.role.find_next(id)) {
        if (!effective.test(id)) {
            fix.add.push_back(model.catalog.at(static_cast<PermissionId>(id)).name);
            fix.first = fix.first ? fix.first : std::optional<PermissionId>(static_cast<PermissionId>(id));
        }
    }
    return fix;
}

bool forbidden(const Model& model, const Policy& policy, PermissionId permission) {
    return std::any_of(policy.forbidden.begin(), policy.forbidden.end(), [&](const auto& entry) {
        return model.catalog.resolve(entry.first, entry.second) == permission;
    });
}

void check_policy_names(const Model& model, const Policy& policy) {
    for (const auto& [name, where] : policy.forbidden) {
        (void)model.catalog.resolve(name, where);
    }
    for (const auto& e : policy.exceptions) {
        if (!e.permission.empty()) {
            (void)model.catalog.resolve(e.permission, e.permission_where);
        }
    }
}

bool in_api_tree(const Model& model, PermissionId permission) {
    const Group* group = model.catalog.group(model.catalog.at(permission).group);
    return group != nullptr && group->api_tree;
}

std::string label(const Model& model, const OperationOutcome& op) {
    return op.match.endpoint ? model.rules.at(*op.match.endpoint).key() : op.intended.text;
}

} // namespace minrole::audit_core

namespace minrole {

namespace {

bool exception_matches(const Model& model, const PolicyException& e, const Finding& f) {
    if (e.rule != f.rule) {
        return false;
    }
    if (!e.workspace.empty() && e.workspace != f.workspace) {
        return false;
    }
    if (!e.subject.empty() && e.subject != f.subject) {
        return false;
    }
    if (e.permission.empty()) {
        return true;
    }
    return f.permission && model.catalog.resolve(e.permission, e.permission_where) == *f.permission;
}

} // namespace

void apply_exceptions(const Model& model, const Policy& policy, const std::string& today,
                      std::vector<Finding>& findings) {
    // Exceptions: suppress while valid; once expired, the finding stands and the
    // lapse is reported.
    for (auto& f : findings) {
        for (const auto& e : policy.exceptions) {
            if (e.expires >= today && exception_matches(model, e, f)) {
                f.suppressed_by = e.justification + " (until " + e.expires + ")";
            }
        }
    }
    audit_core::Findings sink(model, policy, findings);
    for (const auto& e : policy.exceptions) {
        if (e.expires < today) {
            sink.emit(RuleId::ExpiredException, "",
                      "exception for " + e.rule + (e.permission.empty() ? "" : " on '" + e.permission + "'") +
                          " expired on " + e.expires + " (" + e.justification + ")",
                      "", std::nullopt, {}, e.where);
        }
    }
    std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
        if (a.severity != b.severity) {
            return a.severity > b.severity;
        }
        if (a.where.file != b.where.file) {
            return a.where.file < b.where.file;
        }
        return a.where.line < b.where.line;
    });
}

} // namespace minrole
