// Terminal renderings: aligned columns, one fact per line, problems marked with '!'.
#include "report_model.hpp"

#include <fmt/format.h>

namespace minrole::text {

using report::join;

namespace {

std::string or_else(const std::vector<std::string>& items, const std::string& separator, const char* empty) {
    return items.empty() ? std::string(empty) : join(items, separator);
}

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
    out += "\n" + report::count_of(model.catalog.size(), "permission") + "\n";
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
    out += "\n" + report::count_of(ids.size(), "endpoint") + "\n";
    return out;
}

std::string explain_permission(const report::PermissionFacts& facts) {
    const Model& model = *facts.model;
    const Permission& p = model.catalog.at(facts.id);
    std::string out = fmt::format("{}\n  group:    {}\n  resource: {}\n  access:   {}\n  risk:     {} (cost {})\n  grants:   {}\n",
                                  p.name, p.group, p.resource, to_string(p.access), to_string(p.risk), p.cost(), p.grants);
    if (!p.aliases.empty()) {
        out += "  aliases:  " + join(p.aliases, ", ") + "\n";
    }
    out += "  implies:     " + or_else(facts.implies, ", ", "nothing else") + "\n";
    out += "  implied by:  " + or_else(facts.implied_by, ", ", "nothing") + "\n";
    if (!facts.parents.empty()) {
        out += "  needs parent: " + join(facts.parents, " -> ") + "\n";
    }
    out += fmt::format("  endpoints it takes part in ({}):\n", facts.endpoints.size());
    for (EndpointId e : facts.endpoints) {
        const Endpoint& ep = model.rules.at(e);
        out += fmt::format("    {:<6} {}  needs {}\n", ep.method, ep.path, describe(model.catalog, ep.requirement));
    }
    return out;
}

std::string explain_endpoint(const report::EndpointFacts& facts) {
    const Model& model = *facts.model;
    const Endpoint& e = model.rules.at(facts.id);
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
        out += "  superseded by: " + facts.replacement + "\n";
    }
    if (e.requirement.is_undocumented()) {
        out += "  ! Adobe documents no permission for this operation; verify it on your instance and record it in an overrides file.\n";
    }
    return out;
}

std::string lint(const report::LintView& view) {
    const LintReport& report = *view.source;
    std::string out;
    for (const auto& f : report.findings) {
        out += fmt::format("{}: {}: {} [{}]\n", f.where.to_string(), to_string(f.severity), f.message, f.check);
    }
    out += fmt::format("{}, {} from {}: {}, {}, {}\n", report::count_of(report.permissions, "permission"),
                       report::count_of(report.endpoints, "endpoint rule"), report::count_of(report.sources.size(), "file"),
                       report::count_of(view.errors, "error"), report::count_of(view.warnings, "warning"),
                       report::count_of(view.notes, "note"));
    return out;
}

// The '!' and '~' lines under a workspace: operations that did not resolve cleanly.
std::string operation_notes(const report::OperationView& op) {
    const OperationOutcome& outcome = *op.outcome;
    const std::string where = outcome.intended.evidence.empty() ? "" : " [" + outcome.intended.evidence + "]";
    if (op.unresolved()) {
        return fmt::format("  ! {}: {}{} - {}; {}: {}\n", to_string(outcome.status), outcome.intended.text, where,
                           outcome.match.reason, outcome.status == OperationStatus::Ambiguous ? "candidates" : "closest",
                           join(op.candidates, " | "));
    }
    if (outcome.status == OperationStatus::Undocumented) {
        return fmt::format("  ! undocumented: {}{} - Adobe states no permission; not included, verify by hand\n", op.label, where);
    }
    const Endpoint& e = *op.endpoint;
    std::string out;
    if (!e.superseded_by.empty() || e.deprecated) {
        out += fmt::format("  ~ {}: {}{}\n", e.deprecated ? "deprecated" : "superseded", e.key(),
                           op.replacement.empty() ? "" : " - use " + op.replacement);
    }
    if (!e.override_reason.empty()) {
        out += fmt::format("  ~ override in force for {}: {}\n", e.key(), e.override_reason);
    }
    return out;
}

std::string recommendation(const report::RecommendationView& view) {
    const Recommendation& rec = *view.source;
    std::string out = rec.service.empty() ? "Minimal role\n" : "Minimal role for " + rec.service + "\n";
    for (const auto& w : view.workspaces) {
        const auto& s = w.source->solution;
        out += fmt::format("\nworkspace {}: {} permission{}, cost {}{}\n", w.source->name, s.role.count(), s.role.count() == 1 ? "" : "s",
                           s.cost, s.exact ? "" : fmt::format(" (best found; lower bound {}, search budget exhausted)", s.lower_bound));
        std::size_t width = 0;
        for (const auto& j : w.justifications) {
            width = std::max(width, j.permission.size());
        }
        for (const auto& j : w.justifications) {
            const auto reasons = report::reasons(j);
            out += fmt::format("  {:<{}}  {:<8}  for {}{}\n", j.permission, width, to_string(j.risk),
                               reasons.empty() ? std::string("(shared with a tie)") : join(reasons, ", "),
                               j.test_only ? std::string("  (") + report::kTestOnlyNote + ")" : "");
        }
        if (s.role.none()) {
            out += report::any_matched(w) ? "  (no permission needed)\n" : "  (nothing matched: no operation to work a role out from)\n";
        }
        for (const auto& alt : w.alternatives) {
            out += "  tie: " + join(alt, ", ") + " (same cost)\n";
        }
        for (const auto& op : w.operations) {
            out += operation_notes(op);
        }
    }
    if (rec.unmatched_left_out > 0) {
        out += "\n! " + unmatched_left_out_message(rec.unmatched_left_out) + "\n";
    }
    return out;
}

std::string allows(const report::AllowsView& view) {
    const Reach& reach = *view.source;
    const Model& model = *view.model;
    std::string out = "What role " + (reach.role.empty() ? std::string("(unnamed)") : reach.role) + " allows\n";
    for (const auto& w : view.workspaces) {
        out += fmt::format("\nworkspace {}: {} reachable with {}\n", w.source->name,
                           report::count_of(w.source->endpoints.size(), "endpoint"), join(w.granted, ", "));
        std::vector<std::string> powers;
        for (const auto& [power, count] : w.by_power) {
            powers.push_back(fmt::format("{} {}", count, to_string(power)));
        }
        std::vector<std::string> areas;
        for (const auto& [area, count] : w.by_area) {
            areas.push_back(fmt::format("{} {}", count, area));
        }
        out += "  by power: " + or_else(powers, ", ", "none") + "\n";
        out += "  by area:  " + or_else(areas, ", ", "none") + "\n";
        for (Power power : {Power::UserManagement, Power::Schema, Power::Campaign, Power::Approve, Power::Delete,
                            Power::Write, Power::Read}) {
            bool header = false;
            for (const auto& r : w.source->endpoints) {
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
    out += fmt::format("\n{} more {} no permission (identity, usage statistics).\n", reach.open_endpoints,
                       reach.open_endpoints == 1 ? "endpoint needs" : "endpoints need");
    return out;
}

// Every finding, then the count line; shared by role and instance audits.
std::string findings(const std::vector<report::FindingView>& list, const report::FindingCounts& counts,
                     const std::string& subject) {
    std::string out;
    for (const auto& view : list) {
        const Finding& f = *view.source;
        const std::string where = f.where.known() ? f.where.to_string() + ": " : std::string();
        out += fmt::format("{}{}: {} [{}]{}\n", where, to_string(f.severity), f.message, f.rule,
                           view.suppressed ? " (suppressed: " + f.suppressed_by + ")" : "");
        if (!f.evidence.empty()) {
            // An unmatched operation's list is the endpoints closest to it, not calls that need something.
            out += std::string(f.rule == "unmatched-operation" ? "    candidates: " : "    evidence: ") +
                   join(f.evidence, ", ") + "\n";
        }
    }
    // The count is of the lines above, so a reader can check it; the suppressed ones are among them.
    out += fmt::format("{} finding{} ({} suppressed) for {}\n", counts.listed, counts.listed == 1 ? "" : "s",
                       counts.suppressed, subject);
    return out;
}

std::string audit(const report::AuditView& view) {
    std::string out = findings(view.findings, view.counts, "role " + view.title);
    for (const auto& m : view.minimal) {
        out += fmt::format("  minimal role in {}: {}\n", m.workspace, or_else(m.permissions, ", ", "(nothing)"));
    }
    return out;
}

std::string instance_audit(const report::InstanceAuditView& view) {
    std::string out = findings(view.findings, view.counts, "instance " + view.title);
    for (const auto& service : view.services) {
        const ServiceReport& s = *service.source;
        out += fmt::format("\nservice {} (user {}; intent: {})\n", s.name, s.user, s.source);
        for (const auto& p : s.partitions) {
            out += fmt::format("  partition {} -> workspace {} (reached by {})\n", p.partition, p.workspace, join(p.reaching, ", "));
        }
        for (const auto& w : service.workspaces) {
            out += fmt::format("  minimal role in {}: {}  (holds: {})\n", w.name, or_else(w.minimal, ", ", "(nothing)"),
                               or_else(w.held, ", ", "no role"));
        }
    }
    bool header = false;
    for (const auto& role : view.roles) {
        if (role.source->excess.empty() || role.source->services.empty()) {
            continue;
        }
        if (!header) {
            out += "\nroles to narrow\n";
            header = true;
        }
        out += fmt::format("  {}: replace with {}\n", role.source->name, or_else(role.minimal, ", ", "(nothing)"));
    }
    return out;
}

std::string diff(const report::DiffView& view) {
    const RoleDiff& d = *view.source;
    std::string out = fmt::format("{} -> {}\n", d.old_path, d.new_path);
    for (const auto& w : view.workspaces) {
        if (!w.source->changed()) {
            continue; // a heading with nothing under it reads as a change
        }
        out += "\nworkspace " + w.source->name +
               (w.source->added_workspace ? " (new)" : w.source->removed_workspace ? " (removed)" : "") + "\n";
        for (const auto& p : w.added) {
            out += "  + " + p + "\n";
        }
        for (const auto& p : w.removed) {
            out += "  - " + p + "\n";
        }
        for (const auto& e : w.newly_allowed) {
            out += "  + allows " + e + "\n";
        }
        for (const auto& e : w.no_longer_allowed) {
            out += "  - no longer allows " + e + "\n";
        }
    }
    if (!d.changed()) {
        out += "\nno change\n";
    }
    out += fmt::format("\n{} newly allowed, {} no longer allowed\n", report::count_of(view.widened, "endpoint"), view.narrowed);
    return out;
}

std::string scan(const report::ScanView& view) {
    const ScanResult& result = *view.source;
    std::string out = fmt::format("scanned {} ({}, {:.1f} MB, {} skipped)\n", report::count_of(result.files, "file"),
                                  report::count_of(result.lines, "line"),
                                  static_cast<double>(result.bytes) / 1e6, result.skipped_files);
    for (const auto& d : result.skipped_directories) {
        out += fmt::format("  ! skipped directory: {} ({})\n", d.path, d.reason);
    }
    for (const auto& r : result.skipped_reports) {
        out += fmt::format("  ! skipped minrole report: {} (an earlier run's output, not a service description)\n", r);
    }
    for (const auto& n : result.notes) {
        out += fmt::format("  note: {}: {}\n", n.file, n.note);
    }
    for (const auto& op : result.operations) {
        const Endpoint& e = view.model->rules.at(op.endpoint);
        out += fmt::format("  {:<6} {}{}  x{}  {}\n", e.method, e.path,
                           op.parameters.empty() ? "" : " [" + join({op.parameters.begin(), op.parameters.end()}, ",") + "]",
                           op.calls, join(op.evidence, ", ") + (op.test_only ? "  (test code only)" : ""));
    }
    for (std::size_t i = 0; i < result.ambiguous.size(); ++i) {
        const auto& a = result.ambiguous[i];
        out += fmt::format("  ! ambiguous: {} (method not inferred) - candidates: {}  {}\n", a.target,
                           join(view.ambiguous_candidates[i], " | "), join(a.evidence, ", "));
    }
    for (std::size_t i = 0; i < result.unmatched.size(); ++i) {
        const auto& u = result.unmatched[i];
        const auto& closest = view.unmatched_closest[i];
        out += fmt::format("  ! unmatched: {}{}  {}\n", u.text, closest.empty() ? "" : " - closest: " + join(closest, " | "),
                           join(u.evidence, ", "));
    }
    if (result.unmatched_left_out > 0) {
        out += "  ! " + unmatched_left_out_message(result.unmatched_left_out) + "\n";
    }
    return out;
}

} // namespace

} // namespace minrole::text

namespace minrole::report {

const Renderers kTextRenderers{
    .permissions = text::permissions,
    .endpoints = text::endpoints,
    .explain_permission = text::explain_permission,
    .explain_endpoint = text::explain_endpoint,
    .lint = text::lint,
    .recommendation = text::recommendation,
    .allows = text::allows,
    .audit = text::audit,
    .instance_audit = text::instance_audit,
    .diff = text::diff,
    .scan = text::scan,
};

} // namespace minrole::report
