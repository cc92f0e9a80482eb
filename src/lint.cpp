#include "minrole/lint.hpp"

#include <algorithm>

namespace minrole {

const char* to_string(LintFinding::Severity severity) {
    switch (severity) {
    case LintFinding::Severity::Error:
        return "error";
    case LintFinding::Severity::Warning:
        return "warning";
    case LintFinding::Severity::Note:
        return "note";
    }
    return "?";
}

bool LintReport::has_errors() const {
    return std::any_of(findings.begin(), findings.end(),
                       [](const LintFinding& f) { return f.severity == LintFinding::Severity::Error; });
}

LintReport lint(const Model& model) {
    LintReport report;
    report.sources = model.sources;
    report.permissions = model.catalog.size();
    report.endpoints = model.rules.size();
    const Catalog& catalog = model.catalog;
    // The solver's minimality argument needs every implication to go strictly downhill in cost.
    for (PermissionId id = 0; id < catalog.size(); ++id) {
        const Permission& p = catalog.at(id);
        for (PermissionId t : p.implies) {
            if (catalog.at(t).cost() >= p.cost()) {
                report.findings.push_back({LintFinding::Severity::Error, "cost-order",
                                           "'" + p.name + "' implies '" + catalog.at(t).name +
                                               "' but does not cost more (" + std::to_string(p.cost()) +
                                               " vs " + std::to_string(catalog.at(t).cost()) + ")",
                                           p.where});
            }
        }
    }
    std::vector<char> used(catalog.size(), 0);
    for (const auto& e : model.rules.all()) {
        std::vector<PermissionId> named;
        e.requirement.collect_permissions(named);
        for (PermissionId id : named) {
            used[id] = 1;
            for (PermissionId a : model.graph->ancestors(id)) {
                used[a] = 1;
            }
        }
        if (e.requirement.is_undocumented()) {
            report.findings.push_back({LintFinding::Severity::Note, "undocumented",
                                       e.key() + " (" + e.operation_id + "): Adobe states no required permission",
                                       e.where});
        }
    }
    for (PermissionId id = 0; id < catalog.size(); ++id) {
        // A permission no rule names can still matter if it implies one that is named.
        bool reaches = false;
        const auto& closure = model.graph->implied_by_one(id);
        for (auto t = closure.find_first(); t != PermissionSet::npos; t = closure.find_next(t)) {
            reaches = reaches || used[t] != 0;
        }
        if (!reaches) {
            report.findings.push_back({LintFinding::Severity::Warning, "unused-permission",
                                       "no endpoint rule needs '" + catalog.at(id).name + "'", catalog.at(id).where});
        }
    }
    return report;
}

} // namespace minrole
