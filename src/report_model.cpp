// Builds the report model (report_model.hpp): every fact a format shows, computed once.
#include "report_model.hpp"

#include <algorithm>
#include <map>

namespace minrole::report {

std::vector<std::string> names(const Catalog& catalog, const PermissionSet& set) {
    std::vector<std::string> out;
    for (auto id = set.find_first(); id != PermissionSet::npos; id = set.find_next(id)) {
        out.push_back(catalog.at(static_cast<PermissionId>(id)).name);
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<std::string> names(const Catalog& catalog, const std::vector<PermissionId>& ids) {
    std::vector<std::string> out;
    out.reserve(ids.size());
    for (PermissionId id : ids) {
        out.push_back(catalog.at(id).name);
    }
    return out;
}

std::vector<std::string> keys(const Model& model, const std::vector<EndpointId>& ids) {
    std::vector<std::string> out;
    out.reserve(ids.size());
    for (EndpointId id : ids) {
        out.push_back(model.rules.at(id).key());
    }
    return out;
}

std::vector<std::string> sorted(std::vector<std::string> items) {
    std::sort(items.begin(), items.end());
    items.erase(std::unique(items.begin(), items.end()), items.end());
    return items;
}

bool any_matched(const WorkspaceView& w) {
    return std::any_of(w.operations.begin(), w.operations.end(),
                       [](const OperationView& op) { return op.outcome->status == OperationStatus::Matched; });
}

std::string count_of(std::size_t n, const std::string& noun) {
    return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

std::vector<std::string> reasons(const JustificationView& j) {
    std::vector<std::string> out = j.operations;
    for (const auto& child : j.parent_of) {
        out.push_back("parent of " + child);
    }
    return out;
}

bool OperationView::unresolved() const {
    return outcome->status == OperationStatus::Unmatched || outcome->status == OperationStatus::Ambiguous;
}

namespace {

// Members of a closure other than `self`, catalog order.
std::vector<std::string> others(const Catalog& catalog, const PermissionSet& set, PermissionId self) {
    std::vector<std::string> out;
    for (auto t = set.find_first(); t != PermissionSet::npos; t = set.find_next(t)) {
        if (t != self) {
            out.push_back(catalog.at(static_cast<PermissionId>(t)).name);
        }
    }
    return out;
}

// Endpoints whose requirement names this permission or one it implies: the permission takes
// part in reaching them (alone, or with the others an all-of needs).
std::vector<EndpointId> endpoints_unlocked_by(const Model& model, PermissionId id) {
    std::vector<EndpointId> out;
    std::vector<PermissionId> named;
    for (EndpointId e = 0; e < model.rules.size(); ++e) {
        named.clear();
        model.rules.at(e).requirement.collect_permissions(named);
        if (std::any_of(named.begin(), named.end(), [&](PermissionId p) { return model.graph->implies(id, p); })) {
            out.push_back(e);
        }
    }
    return out;
}

// What to use instead of a superseded endpoint: its operationId and, when known, its key.
std::string replacement_of(const Model& model, const Endpoint& e) {
    std::string out = e.superseded_by;
    if (auto r = model.rules.find_operation(e.superseded_by)) {
        out += " (" + model.rules.at(*r).key() + ")";
    }
    return out;
}

OperationView operation_view(const Model& model, const OperationOutcome& op) {
    OperationView out;
    out.outcome = &op;
    out.label = op.match.endpoint ? model.rules.at(*op.match.endpoint).key() : op.intended.text;
    if (op.match.endpoint) {
        out.endpoint = &model.rules.at(*op.match.endpoint);
        out.replacement = replacement_of(model, *out.endpoint);
    }
    if (out.unresolved()) {
        out.candidates = keys(model, op.match.candidates);
    }
    return out;
}

WorkspaceView workspace_view(const Model& model, const WorkspaceRecommendation& w) {
    WorkspaceView out;
    out.source = &w;
    out.permissions = names(model.catalog, w.solution.role);
    for (const auto& alt : w.solution.alternatives) {
        out.alternatives.push_back(names(model.catalog, alt));
    }
    for (const auto& op : w.operations) {
        out.operations.push_back(operation_view(model, op));
    }
    for (const auto& j : w.justifications) {
        const Permission& p = model.catalog.at(j.permission);
        JustificationView view{p.name, p.risk, {}, names(model.catalog, j.parent_of)};
        view.test_only = j.test_only;
        for (std::size_t i : j.operations) {
            view.operations.push_back(out.operations[i].label);
        }
        view.operations = sorted(std::move(view.operations));
        out.justifications.push_back(std::move(view));
    }
    std::stable_sort(out.justifications.begin(), out.justifications.end(),
                     [](const JustificationView& a, const JustificationView& b) { return a.permission < b.permission; });
    return out;
}

std::vector<FindingView> finding_views(const Model& model, const std::vector<Finding>& findings, FindingCounts& counts) {
    std::vector<FindingView> out;
    for (const auto& f : findings) {
        const bool suppressed = !f.suppressed_by.empty();
        out.push_back({&f, f.permission ? model.catalog.at(*f.permission).name : std::string(), suppressed});
        ++counts.listed;
        if (suppressed) {
            ++counts.suppressed;
            continue;
        }
        ++counts.active;
        counts.errors += f.severity == Severity::Error ? 1 : 0;
        counts.warnings += f.severity == Severity::Warning ? 1 : 0;
        counts.notes += f.severity == Severity::Note ? 1 : 0;
    }
    return out;
}

} // namespace

PermissionFacts build_permission(const Model& model, PermissionId id) {
    PermissionFacts out;
    out.model = &model;
    out.id = id;
    out.implies = others(model.catalog, model.graph->implied_by_one(id), id);
    out.implied_by = others(model.catalog, model.graph->providers(id), id);
    out.parents = names(model.catalog, model.graph->ancestors(id));
    out.endpoints = endpoints_unlocked_by(model, id);
    return out;
}

EndpointFacts build_endpoint(const Model& model, EndpointId id) {
    return EndpointFacts{&model, id, replacement_of(model, model.rules.at(id))};
}

LintView build_lint(const LintReport& report) {
    LintView out;
    out.source = &report;
    for (const auto& f : report.findings) {
        out.errors += f.severity == LintFinding::Severity::Error ? 1 : 0;
        out.warnings += f.severity == LintFinding::Severity::Warning ? 1 : 0;
    }
    out.notes = report.findings.size() - out.errors - out.warnings;
    return out;
}

RecommendationView build_recommendation(const Model& model, const Recommendation& recommendation) {
    RecommendationView out;
    out.model = &model;
    out.source = &recommendation;
    for (const auto& w : recommendation.workspaces) {
        out.workspaces.push_back(workspace_view(model, w));
    }
    return out;
}

AllowsView build_allows(const Model& model, const Reach& reach) {
    AllowsView out;
    out.model = &model;
    out.source = &reach;
    for (const auto& w : reach.workspaces) {
        std::map<std::string, std::size_t> areas;
        std::map<Power, std::size_t> powers;
        for (const auto& r : w.endpoints) {
            ++areas[model.rules.at(r.endpoint).area];
            ++powers[r.power];
        }
        out.workspaces.push_back(ReachView{&w, names(model.catalog, w.granted), names(model.catalog, w.effective),
                                           {areas.begin(), areas.end()}, {powers.begin(), powers.end()}});
    }
    return out;
}

DiffView build_diff(const Model& model, const RoleDiff& diff) {
    DiffView out;
    out.model = &model;
    out.source = &diff;
    for (const auto& w : diff.workspaces) {
        out.workspaces.push_back(DiffWorkspaceView{&w, names(model.catalog, w.added), names(model.catalog, w.removed),
                                                   keys(model, w.newly_allowed), keys(model, w.no_longer_allowed)});
        out.widened += w.newly_allowed.size();
        out.narrowed += w.no_longer_allowed.size();
    }
    return out;
}

ScanView build_scan(const Model& model, const ScanResult& result) {
    ScanView out;
    out.model = &model;
    out.source = &result;
    for (const auto& a : result.ambiguous) {
        out.ambiguous_candidates.push_back(keys(model, a.candidates));
    }
    for (const auto& u : result.unmatched) {
        out.unmatched_closest.push_back(keys(model, u.closest));
    }
    return out;
}

AuditView build_audit(const Model& model, const AuditReport& report) {
    AuditView out;
    out.model = &model;
    out.source = &report;
    out.title = report.role_name.empty() ? report.role_path : report.role_name;
    out.findings = finding_views(model, report.findings, out.counts);
    for (const auto& w : report.needed.workspaces) {
        out.minimal.push_back({w.name, names(model.catalog, w.solution.role)});
    }
    return out;
}

InstanceAuditView build_instance_audit(const Model& model, const InstanceAuditReport& report) {
    InstanceAuditView out;
    out.model = &model;
    out.source = &report;
    out.title = report.instance_name.empty() ? report.instance_path : report.instance_name;
    out.findings = finding_views(model, report.findings, out.counts);
    for (const auto& s : report.services) {
        ServiceView service{&s, {}};
        for (std::size_t i = 0; i < s.needed.workspaces.size(); ++i) {
            const auto& w = s.needed.workspaces[i];
            std::vector<std::string> operations;
            for (const auto& op : w.operations) {
                operations.push_back(op.match.endpoint ? model.rules.at(*op.match.endpoint).key() : op.intended.text);
            }
            service.workspaces.push_back({w.name, names(model.catalog, w.solution.role), s.granted_roles[i].second,
                                          sorted(std::move(operations))});
        }
        out.services.push_back(std::move(service));
    }
    for (const auto& r : report.roles) {
        out.roles.push_back({&r, names(model.catalog, r.minimal), names(model.catalog, r.excess)});
    }
    return out;
}

} // namespace minrole::report
