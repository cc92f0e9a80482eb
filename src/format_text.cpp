// Terminal renderings: aligned columns, one fact per line, problems marked with '!'.
#include "minrole/report.hpp"
#include "report_common.hpp"

#include <fmt/format.h>

#include <map>

namespace minrole::text {

using report::join;

std::string permissions(const Model& model) {
    std::size_t width = 4;
    for (const auto& p : model.catalog.all()) {
        width = std::max(width, p.name.size());
    }
    std::string out = fmt::format("{:<{}}  {:<13}  {:<8}  {:<8}  {}\n", "NAME", width, "GROUP", "ACCESS", "RISK", "IMPLIES / PARENT");
    for (const auto& p : model.catalog.all()) {
        std::vector<std::string> extra;
        for (PermissionId t : p.implies) {
            extra.push_back("=> " + model.catalog.at(t).name);
        }
        if (p.parent) {
            extra.push_back("needs " + model.catalog.at(*p.parent).name);
        }
        out += fmt::format("{:<{}}  {:<13}  {:<8}  {:<8}  {}\n", p.name, width, p.group, to_string(p.access),
                           to_string(p.risk), join(extra, ", "));
    }
    out += fmt::format("\n{} permissions\n", model.catalog.size());
    return out;
}

std::string endpoints(const Model& model, const std::vector<EndpointId>& ids) {
    std::string out;
    for (EndpointId id : ids) {
        const Endpoint& e = model.rules.at(id);
        std::string flags;
        if (e.deprecated) {
            flags += " [deprecated]";
        }
        if (!e.superseded_by.empty()) {
            flags += " [superseded by " + e.superseded_by + "]";
        }
        if (!e.override_reason.empty()) {
            flags += " [override]";
        }
        out += fmt::format("{:<6} {}  ({}){}\n       needs: {}\n", e.method, e.path, e.operation_id, flags,
                           describe(model.catalog, e.requirement));
    }
    out += fmt::format("\n{} endpoints\n", ids.size());
    return out;
}

std::string explain_permission(const Model& model, PermissionId id) {
    const Permission& p = model.catalog.at(id);
    std::string out = fmt::format("{}\n  group:    {}\n  resource: {}\n  access:   {}\n  risk:     {} (cost {})\n  grants:   {}\n",
                                  p.name, p.group, p.resource, to_string(p.access), to_string(p.risk), p.cost(), p.grants);
    if (!p.aliases.empty()) {
        out += "  aliases:  " + join(p.aliases, ", ") + "\n";
    }
    std::vector<std::string> implied;
    std::vector<std::string> implied_by;
    const auto& closure = model.graph->implied_by_one(id);
    for (auto t = closure.find_first(); t != PermissionSet::npos; t = closure.find_next(t)) {
        if (t != id) {
            implied.push_back(model.catalog.at(static_cast<PermissionId>(t)).name);
        }
    }
    const auto& providers = model.graph->providers(id);
    for (auto q = providers.find_first(); q != PermissionSet::npos; q = providers.find_next(q)) {
        if (q != id) {
            implied_by.push_back(model.catalog.at(static_cast<PermissionId>(q)).name);
        }
    }
    out += "  implies:     " + (implied.empty() ? std::string("nothing else") : join(implied, ", ")) + "\n";
    out += "  implied by:  " + (implied_by.empty() ? std::string("nothing") : join(implied_by, ", ")) + "\n";
    std::vector<std::string> parents;
    for (PermissionId a : model.graph->ancestors(id)) {
        parents.push_back(model.catalog.at(a).name);
    }
    if (!parents.empty()) {
        out += "  needs parent: " + join(parents, " -> ") + "\n";
    }
    const auto endpoints = report::endpoints_unlocked_by(model, id);
    out += fmt::format("  endpoints it takes part in ({}):\n", endpoints.size());
    for (EndpointId e : endpoints) {
        const Endpoint& ep = model.rules.at(e);
        out += fmt::format("    {:<6} {}  needs {}\n", ep.method, ep.path, describe(model.catalog, ep.requirement));
    }
    return out;
}

std::string explain_endpoint(const Model& model, EndpointId id) {
    const Endpoint& e = model.rules.at(id);
    std::string out = fmt::format("{} {}\n  operationId: {}\n  area:        {}\n  summary:     {}\n  needs:       {}\n",
                                  e.method, e.path, e.operation_id, e.area, e.summary, describe(model.catalog, e.requirement));
    out += "  source:      " + e.provenance + "\n";
    if (!e.override_reason.empty()) {
        out += "  override in force: " + e.override_reason + "\n";
    }
    if (e.deprecated) {
        out += "  deprecated:  yes\n";
    }
    if (!e.superseded_by.empty()) {
        std::string replacement = e.superseded_by;
        if (auto r = model.rules.find_operation(e.superseded_by)) {
            replacement += " (" + model.rules.at(*r).key() + ")";
        }
        out += "  superseded by: " + replacement + "\n";
    }
    if (e.requirement.is_undocumented()) {
        out += "  ! Adobe documents no permission for this operation; verify it on your instance and record it in an overrides file.\n";
    }
    return out;
}

std::string lint(const LintReport& report) {
    std::string out;
    for (const auto& f : report.findings) {
        out += fmt::format("{}: {}: {} [{}]\n", f.where.to_string(), to_string(f.severity), f.message, f.check);
    }
    std::size_t errors = 0;
    std::size_t warnings = 0;
    for (const auto& f : report.findings) {
        errors += f.severity == LintFinding::Severity::Error ? 1 : 0;
        warnings += f.severity == LintFinding::Severity::Warning ? 1 : 0;
    }
    out += fmt::format("{} permissions, {} endpoint rules from {} files: {} errors, {} warnings, {} notes\n",
                       report.permissions, report.endpoints, report.sources.size(), errors, warnings,
                       report.findings.size() - errors - warnings);
    return out;
}

std::string recommendation(const Model& model, const Recommendation& rec) {
    std::string out = rec.service.empty() ? "Minimal role\n" : "Minimal role for " + rec.service + "\n";
    for (const auto& w : rec.workspaces) {
        const auto& s = w.solution;
        out += fmt::format("\nworkspace {}: {} permission{}, cost {}{}\n", w.name, s.role.count(), s.role.count() == 1 ? "" : "s",
                           s.cost, s.exact ? "" : fmt::format(" (best found; lower bound {}, search budget exhausted)", s.lower_bound));
        std::size_t width = 0;
        for (const auto& j : w.justifications) {
            width = std::max(width, model.catalog.at(j.permission).name.size());
        }
        for (const Justification* j : report::sorted_justifications(model.catalog, w)) {
            const Permission& p = model.catalog.at(j->permission);
            std::vector<std::string> reasons = report::justification_labels(model, w, *j);
            for (PermissionId child : j->parent_of) {
                reasons.push_back("parent of " + model.catalog.at(child).name);
            }
            out += fmt::format("  {:<{}}  {:<8}  for {}\n", p.name, width, to_string(p.risk),
                               reasons.empty() ? std::string("(shared with a tie)") : join(reasons, ", "));
        }
        if (s.role.none()) {
            out += "  (no permission needed)\n";
        }
        for (const auto& alt : s.alternatives) {
            out += "  tie: " + join(report::names(model.catalog, alt), ", ") + " (same cost)\n";
        }
        for (const auto& op : w.operations) {
            const std::string where = op.intended.evidence.empty() ? "" : " [" + op.intended.evidence + "]";
            if (op.status == OperationStatus::Unmatched || op.status == OperationStatus::Ambiguous) {
                std::vector<std::string> candidates;
                for (EndpointId c : op.match.candidates) {
                    candidates.push_back(model.rules.at(c).key());
                }
                out += fmt::format("  ! {}: {}{} - {}; {}: {}\n", to_string(op.status), op.intended.text, where,
                                   op.match.reason, op.status == OperationStatus::Ambiguous ? "candidates" : "closest",
                                   join(candidates, " | "));
            } else if (op.status == OperationStatus::Undocumented) {
                out += fmt::format("  ! undocumented: {}{} - Adobe states no permission; not included, verify by hand\n",
                                   report::operation_label(model, op), where);
            } else {
                const Endpoint& e = model.rules.at(*op.match.endpoint);
                if (!e.superseded_by.empty() || e.deprecated) {
                    std::string replacement = e.superseded_by;
                    if (auto r = model.rules.find_operation(e.superseded_by)) {
                        replacement += " (" + model.rules.at(*r).key() + ")";
                    }
                    out += fmt::format("  ~ {}: {}{}\n", e.deprecated ? "deprecated" : "superseded", e.key(),
                                       replacement.empty() ? "" : " - use " + replacement);
                }
                if (!e.override_reason.empty()) {
                    out += fmt::format("  ~ override in force for {}: {}\n", e.key(), e.override_reason);
                }
            }
        }
    }
    return out;
}

std::string allows(const Model& model, const Reach& reach) {
    std::string out = "What role " + (reach.role.empty() ? std::string("(unnamed)") : reach.role) + " allows\n";
    for (const auto& w : reach.workspaces) {
        out += fmt::format("\nworkspace {}: {} endpoints reachable with {}\n", w.name, w.endpoints.size(),
                           join(report::names(model.catalog, w.granted), ", "));
        std::map<std::string, std::size_t> by_area;
        std::map<Power, std::size_t> by_power;
        for (const auto& r : w.endpoints) {
            ++by_area[model.rules.at(r.endpoint).area];
            ++by_power[r.power];
        }
        std::vector<std::string> powers;
        for (const auto& [power, count] : by_power) {
            powers.push_back(fmt::format("{} {}", count, to_string(power)));
        }
        std::vector<std::string> areas;
        for (const auto& [area, count] : by_area) {
            areas.push_back(fmt::format("{} {}", count, area));
        }
        out += "  by power: " + (powers.empty() ? std::string("none") : join(powers, ", ")) + "\n";
        out += "  by area:  " + (areas.empty() ? std::string("none") : join(areas, ", ")) + "\n";
        for (Power power : {Power::UserManagement, Power::Schema, Power::Campaign, Power::Approve, Power::Delete,
                            Power::Write, Power::Read}) {
            bool header = false;
            for (const auto& r : w.endpoints) {
                if (r.power != power) {
                    continue;
                }
                if (!header) {
                    out += fmt::format("  [{}]\n", to_string(power));
                    header = true;
                }
                const Endpoint& e = model.rules.at(r.endpoint);
                out += fmt::format("    {:<6} {}{}\n", e.method, e.path, r.conditional_denied ? "  (not with leadId)" : "");
            }
        }
    }
    out += fmt::format("\n{} more endpoints need no permission (identity, usage statistics).\n", reach.open_endpoints);
    return out;
}

std::string audit(const Model& model, const AuditReport& report) {
    std::string out;
    std::size_t shown = 0;
    for (const auto& f : report.findings) {
        const std::string where = f.where.known() ? f.where.to_string() + ": " : std::string();
        out += fmt::format("{}{}: {} [{}]{}\n", where, to_string(f.severity), f.message, f.rule,
                           f.suppressed_by.empty() ? "" : " (suppressed: " + f.suppressed_by + ")");
        if (!f.evidence.empty()) {
            out += "    evidence: " + join(f.evidence, ", ") + "\n";
        }
        shown += f.suppressed_by.empty() ? 1 : 0;
    }
    out += fmt::format("{} finding{} ({} suppressed) for role {}\n", shown, shown == 1 ? "" : "s",
                       report.findings.size() - shown, report.role_name.empty() ? report.role_path : report.role_name);
    for (const auto& w : report.needed.workspaces) {
        out += fmt::format("  minimal role in {}: {}\n", w.name,
                           w.solution.role.none() ? std::string("(nothing)") : join(report::names(model.catalog, w.solution.role), ", "));
    }
    return out;
}

std::string instance_audit(const Model& model, const InstanceAuditReport& report) {
    std::string out;
    std::size_t shown = 0;
    for (const auto& f : report.findings) {
        const std::string where = f.where.known() ? f.where.to_string() + ": " : std::string();
        out += fmt::format("{}{}: {} [{}]{}\n", where, to_string(f.severity), f.message, f.rule,
                           f.suppressed_by.empty() ? "" : " (suppressed: " + f.suppressed_by + ")");
        if (!f.evidence.empty()) {
            out += "    evidence: " + join(f.evidence, ", ") + "\n";
        }
        shown += f.suppressed_by.empty() ? 1 : 0;
    }
    out += fmt::format("{} finding{} ({} suppressed) for instance {}\n", shown, shown == 1 ? "" : "s",
                       report.findings.size() - shown, report.instance_name.empty() ? report.instance_path : report.instance_name);
    for (const auto& s : report.services) {
        out += fmt::format("\nservice {} (user {}; intent: {})\n", s.name, s.user, s.source);
        for (const auto& p : s.partitions) {
            out += fmt::format("  partition {} -> workspace {} (reached by {})\n", p.partition, p.workspace, join(p.reaching, ", "));
        }
        for (std::size_t i = 0; i < s.needed.workspaces.size(); ++i) {
            const auto& w = s.needed.workspaces[i];
            const auto& held = s.granted_roles[i].second;
            out += fmt::format("  minimal role in {}: {}  (holds: {})\n", w.name,
                               w.solution.role.none() ? std::string("(nothing)") : join(report::names(model.catalog, w.solution.role), ", "),
                               held.empty() ? std::string("no role") : join(held, ", "));
        }
    }
    bool header = false;
    for (const auto& r : report.roles) {
        if (r.excess.empty() || r.services.empty()) {
            continue;
        }
        if (!header) {
            out += "\nroles to narrow\n";
            header = true;
        }
        out += fmt::format("  {}: replace with {}\n", r.name,
                           r.minimal.none() ? std::string("(nothing)") : join(report::names(model.catalog, r.minimal), ", "));
    }
    return out;
}

std::string diff(const Model& model, const RoleDiff& d) {
    std::string out = fmt::format("{} -> {}\n", d.old_path, d.new_path);
    for (const auto& w : d.workspaces) {
        out += "\nworkspace " + w.name + (w.added_workspace ? " (new)" : w.removed_workspace ? " (removed)" : "") + "\n";
        for (PermissionId p : w.added) {
            out += "  + " + model.catalog.at(p).name + "\n";
        }
        for (PermissionId p : w.removed) {
            out += "  - " + model.catalog.at(p).name + "\n";
        }
        for (EndpointId e : w.newly_allowed) {
            out += "  + allows " + model.rules.at(e).key() + "\n";
        }
        for (EndpointId e : w.no_longer_allowed) {
            out += "  - no longer allows " + model.rules.at(e).key() + "\n";
        }
    }
    std::size_t widened = 0;
    std::size_t narrowed = 0;
    for (const auto& w : d.workspaces) {
        widened += w.newly_allowed.size();
        narrowed += w.no_longer_allowed.size();
    }
    out += fmt::format("\n{} endpoints newly allowed, {} no longer allowed\n", widened, narrowed);
    return out;
}

std::string scan(const Model& model, const ScanResult& result) {
    std::string out = fmt::format("scanned {} files ({} lines, {:.1f} MB, {} skipped)\n", result.files, result.lines,
                                  static_cast<double>(result.bytes) / 1e6, result.skipped_files);
    for (const auto& op : result.operations) {
        const Endpoint& e = model.rules.at(op.endpoint);
        out += fmt::format("  {:<6} {}{}  x{}  {}\n", e.method, e.path,
                           op.parameters.empty() ? "" : " [" + join({op.parameters.begin(), op.parameters.end()}, ",") + "]",
                           op.calls, join(op.evidence, ", ") + (op.test_only ? "  (test code only)" : ""));
    }
    for (const auto& a : result.ambiguous) {
        std::vector<std::string> candidates;
        for (EndpointId c : a.candidates) {
            candidates.push_back(model.rules.at(c).key());
        }
        out += fmt::format("  ! ambiguous: {} (method not inferred) - candidates: {}  {}\n", a.target,
                           join(candidates, " | "), join(a.evidence, ", "));
    }
    for (const auto& u : result.unmatched) {
        std::vector<std::string> closest;
        for (EndpointId c : u.closest) {
            closest.push_back(model.rules.at(c).key());
        }
        out += fmt::format("  ! unmatched: {} - closest: {}  {}\n", u.text, join(closest, " | "), join(u.evidence, ", "));
    }
    return out;
}

} // namespace minrole::text
