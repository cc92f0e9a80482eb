// JSON renderings. These shapes are public contracts (see README "JSON shapes"): add keys,
// never rename or remove them.
#include "report_model.hpp"

#include <nlohmann/json.hpp>

#include <map>

namespace minrole::json {

using Json = nlohmann::ordered_json;

namespace {

// Scanned files may hold any bytes: invalid UTF-8 becomes U+FFFD instead of an exception.
std::string dump(const Json& document) { return document.dump(2, ' ', false, Json::error_handler_t::replace) + "\n"; }

// Which minrole wrote a report (the SARIF tool.driver of the JSON shapes); the version comes
// from the CMake project version, the one place it is set.
Json tool() { return Json{{"name", "minrole"}, {"version", MINROLE_LIBRARY_VERSION}}; }

Json permission_json(const Model& model, PermissionId id) {
    const Permission& p = model.catalog.at(id);
    Json implies = Json::array();
    for (PermissionId t : p.implies) {
        implies.push_back(model.catalog.at(t).name);
    }
    return Json{{"name", p.name},
                {"group", p.group},
                {"resource", p.resource},
                {"access", to_string(p.access)},
                {"risk", to_string(p.risk)},
                {"cost", p.cost()},
                {"grants", p.grants},
                {"aliases", p.aliases},
                {"implies", implies},
                {"parent", p.parent ? Json(model.catalog.at(*p.parent).name) : Json(nullptr)}};
}

Json requirement_json(const Catalog& catalog, const Requirement& r) {
    switch (r.kind) {
    case Requirement::Kind::None:
        return "none";
    case Requirement::Kind::Undocumented:
        return "undocumented";
    case Requirement::Kind::Permission:
        return catalog.at(r.permission).name;
    case Requirement::Kind::AnyOf:
    case Requirement::Kind::AllOf: {
        Json operands = Json::array();
        for (const auto& o : r.operands) {
            operands.push_back(requirement_json(catalog, o));
        }
        return Json{{r.kind == Requirement::Kind::AnyOf ? "any_of" : "all_of", operands}};
    }
    case Requirement::Kind::When:
        return Json{{"when", r.parameter}, {"require", requirement_json(catalog, r.operands.front())}};
    }
    return nullptr;
}

Json endpoint_json(const Model& model, EndpointId id) {
    const Endpoint& e = model.rules.at(id);
    return Json{{"operation_id", e.operation_id},
                {"method", e.method},
                {"path", e.path},
                {"endpoint", e.key()},
                {"area", e.area},
                {"summary", e.summary},
                {"requires", requirement_json(model.catalog, e.requirement)},
                {"requirement", describe(model.catalog, e.requirement)},
                {"undocumented", e.requirement.is_undocumented()},
                {"deprecated", e.deprecated},
                {"superseded_by", e.superseded_by.empty() ? Json(nullptr) : Json(e.superseded_by)},
                {"provenance", e.provenance},
                {"override", e.override_reason.empty() ? Json(nullptr) : Json(e.override_reason)}};
}

Json endpoint_refs(const Model& model, const std::vector<EndpointId>& ids) {
    Json out = Json::array();
    for (EndpointId id : ids) {
        const Endpoint& e = model.rules.at(id);
        out.push_back(Json{{"endpoint", e.key()}, {"operation_id", e.operation_id}});
    }
    return out;
}


Json location_json(const Location& where) {
    return Json{{"file", where.file}, {"line", where.line}, {"column", where.column}};
}

Json list(const std::vector<std::string>& items) {
    Json out = Json::array();
    for (const auto& item : items) {
        out.push_back(item);
    }
    return out;
}

std::string permissions(const Model& model) {
    Json all = Json::array();
    for (PermissionId id = 0; id < model.catalog.size(); ++id) {
        all.push_back(permission_json(model, id));
    }
    return dump(Json{{"permissions", all}});
}

std::string endpoints(const Model& model, const std::vector<EndpointId>& ids) {
    Json all = Json::array();
    for (EndpointId id : ids) {
        all.push_back(endpoint_json(model, id));
    }
    return dump(Json{{"endpoints", all}});
}

std::string explain_permission(const report::PermissionFacts& facts) {
    Json doc = permission_json(*facts.model, facts.id);
    doc["kind"] = "permission";
    doc["implies_transitively"] = list(facts.implies);
    doc["implied_by"] = list(facts.implied_by);
    doc["needs_parents"] = list(facts.parents);
    doc["endpoints"] = endpoint_refs(*facts.model, facts.endpoints);
    return dump(doc);
}

std::string explain_endpoint(const report::EndpointFacts& facts) {
    Json doc = endpoint_json(*facts.model, facts.id);
    doc["kind"] = "endpoint";
    return dump(doc);
}

std::string graph(const Model& model) {
    Json nodes = Json::array();
    Json edges = Json::array();
    for (PermissionId id = 0; id < model.catalog.size(); ++id) {
        const Permission& p = model.catalog.at(id);
        nodes.push_back(Json{{"name", p.name}, {"group", p.group}, {"risk", to_string(p.risk)}});
        for (PermissionId t : p.implies) {
            edges.push_back(Json{{"from", p.name}, {"to", model.catalog.at(t).name}, {"kind", "implies"}});
        }
        if (p.parent) {
            edges.push_back(Json{{"from", p.name}, {"to", model.catalog.at(*p.parent).name}, {"kind", "parent"}});
        }
    }
    return dump(Json{{"nodes", nodes}, {"edges", edges}});
}

std::string lint(const report::LintView& view) {
    const LintReport& report = *view.source;
    Json findings = Json::array();
    for (const auto& f : report.findings) {
        findings.push_back(Json{{"severity", to_string(f.severity)},
                                {"check", f.check},
                                {"message", f.message},
                                {"location", f.where.to_string()}});
    }
    return dump(Json{{"ok", !report.has_errors()},
                     {"sources", report.sources},
                     {"permissions", report.permissions},
                     {"endpoints", report.endpoints},
                     {"findings", findings}});
}

Json operation_json(const Catalog& catalog, const report::OperationView& op) {
    const OperationOutcome& outcome = *op.outcome;
    Json entry{{"input", outcome.intended.text}, {"status", to_string(outcome.status)}, {"evidence", outcome.intended.evidence}};
    if (op.endpoint) {
        const Endpoint& e = *op.endpoint;
        entry["endpoint"] = e.key();
        entry["operation_id"] = e.operation_id;
        entry["requirement"] = describe(catalog, e.requirement);
        entry["parameters"] = std::vector<std::string>(outcome.parameters.begin(), outcome.parameters.end());
        entry["deprecated"] = e.deprecated;
        entry["superseded_by"] = e.superseded_by.empty() ? Json(nullptr) : Json(e.superseded_by);
        if (!e.override_reason.empty()) {
            entry["override"] = e.override_reason;
        }
    }
    if (op.unresolved()) {
        entry["reason"] = outcome.match.reason;
        entry["candidates"] = list(op.candidates);
    }
    return entry;
}

Json workspace_json(const Catalog& catalog, const report::WorkspaceView& w) {
    Json justification = Json::array();
    for (const auto& j : w.justifications) {
        justification.push_back(Json{{"permission", j.permission},
                                     {"risk", to_string(j.risk)},
                                     {"operations", j.operations},
                                     {"parent_of", list(j.parent_of)},
                                     {"test_only", j.test_only}});
    }
    Json alternatives = Json::array();
    for (const auto& alt : w.alternatives) {
        alternatives.push_back(alt);
    }
    Json operations = Json::array();
    Json unmatched = Json::array();
    Json undocumented = Json::array();
    for (const auto& op : w.operations) {
        Json entry = operation_json(catalog, op);
        if (op.unresolved()) {
            unmatched.push_back(Json{{"input", op.outcome->intended.text},
                                     {"status", to_string(op.outcome->status)},
                                     {"reason", op.outcome->match.reason},
                                     {"candidates", entry["candidates"]}});
        }
        if (op.outcome->status == OperationStatus::Undocumented) {
            undocumented.push_back(Json{{"input", op.outcome->intended.text}, {"endpoint", entry["endpoint"]}});
        }
        operations.push_back(entry);
    }
    const Solution& s = w.source->solution;
    return Json{{"name", w.source->name},
                {"permissions", w.permissions},
                {"cost", s.cost},
                {"exact", s.exact},
                {"lower_bound", s.lower_bound},
                {"justification", justification},
                {"alternatives", alternatives},
                {"operations", operations},
                {"unmatched", unmatched},
                {"undocumented", undocumented}};
}

std::string recommendation(const report::RecommendationView& view) {
    Json workspaces = Json::array();
    for (const auto& w : view.workspaces) {
        workspaces.push_back(workspace_json(view.model->catalog, w));
    }
    return dump(Json{{"schema", "minrole/recommendation/v1"}, {"tool", tool()},
                     {"service", view.source->service},
                     {"complete", view.source->complete()},
                     {"unmatched_left_out", view.source->unmatched_left_out},
                     {"workspaces", workspaces}});
}

std::string allows(const report::AllowsView& view) {
    const Model& model = *view.model;
    Json workspaces = Json::array();
    for (const auto& w : view.workspaces) {
        Json endpoints = Json::array();
        for (const auto& r : w.source->endpoints) {
            const Endpoint& e = model.rules.at(r.endpoint);
            endpoints.push_back(Json{{"endpoint", e.key()},
                                     {"method", e.method},
                                     {"path", e.path},
                                     {"operation_id", e.operation_id},
                                     {"area", e.area},
                                     {"power", to_string(r.power)},
                                     {"denied_with_conditional_parameters", r.conditional_denied}});
        }
        Json by_area = Json::object();
        for (const auto& [area, count] : w.by_area) {
            by_area[area] = count;
        }
        std::map<std::string, std::size_t> powers; // keys sorted by name, as the shape always was
        for (const auto& [power, count] : w.by_power) {
            powers[to_string(power)] = count;
        }
        Json by_power = Json::object();
        for (const auto& [power, count] : powers) {
            by_power[power] = count;
        }
        workspaces.push_back(Json{{"name", w.source->name},
                                  {"permissions", w.granted},
                                  {"effective_permissions", w.effective},
                                  {"total", w.source->endpoints.size()},
                                  {"by_area", by_area},
                                  {"by_power", by_power},
                                  {"endpoints", endpoints}});
    }
    return dump(Json{{"schema", "minrole/allows/v1"}, {"tool", tool()},
                     {"role", view.source->role},
                     {"open_endpoints", view.source->open_endpoints},
                     {"workspaces", workspaces}});
}

// One finding; instance audits add the subject after the message.
Json finding_json(const report::FindingView& view, bool with_subject) {
    const Finding& f = *view.source;
    Json out{{"rule", f.rule}, {"severity", to_string(f.severity)}, {"message", f.message}};
    if (with_subject) {
        out["subject"] = f.subject;
    }
    out["workspace"] = f.workspace;
    out["permission"] = view.permission.empty() ? Json(nullptr) : Json(view.permission);
    out["evidence"] = f.evidence;
    out["location"] = location_json(f.where);
    out["suppressed"] = view.suppressed;
    out["suppressed_by"] = view.suppressed ? Json(f.suppressed_by) : Json(nullptr);
    return out;
}

Json findings_json(const std::vector<report::FindingView>& views, bool with_subject) {
    Json out = Json::array();
    for (const auto& view : views) {
        out.push_back(finding_json(view, with_subject));
    }
    return out;
}

std::string audit(const report::AuditView& view) {
    Json minimal = Json::array();
    for (const auto& m : view.minimal) {
        minimal.push_back(Json{{"name", m.workspace}, {"permissions", m.permissions}});
    }
    return dump(Json{{"schema", "minrole/audit/v1"}, {"tool", tool()},
                     {"role", view.source->role_name},
                     {"role_file", view.source->role_path},
                     {"findings", findings_json(view.findings, false)},
                     {"minimal_role", minimal}});
}

Json service_json(const report::ServiceView& service) {
    const ServiceReport& s = *service.source;
    Json partitions = Json::array();
    for (const auto& p : s.partitions) {
        partitions.push_back(Json{{"partition", p.partition}, {"reaching", p.reaching}, {"workspace", p.workspace}});
    }
    Json workspaces = Json::array();
    for (const auto& w : service.workspaces) {
        workspaces.push_back(Json{{"name", w.name}, {"permissions", w.minimal}, {"granted_roles", w.held}, {"operations", w.operations}});
    }
    return Json{{"name", s.name},
                {"user", s.user},
                {"intent", s.source},
                {"location", location_json(s.where)},
                {"complete", s.needed.complete()},
                {"partitions", partitions},
                {"workspaces", workspaces}};
}

std::string instance_audit(const report::InstanceAuditView& view) {
    Json services = Json::array();
    for (const auto& s : view.services) {
        services.push_back(service_json(s));
    }
    Json roles = Json::array();
    for (const auto& role : view.roles) {
        const RoleReport& r = *role.source;
        roles.push_back(Json{{"name", r.name},
                             {"holders", r.holders},
                             {"services", r.services},
                             {"api_only", r.api_only},
                             {"minimal_replacement", role.minimal},
                             {"excess", list(role.excess)},
                             {"location", location_json(r.where)}});
    }
    const auto& c = view.counts;
    return dump(Json{{"schema", "minrole/instance-audit/v1"}, {"tool", tool()},
                     {"instance", view.source->instance_name},
                     {"instance_file", view.source->instance_path},
                     {"summary", {{"errors", c.errors}, {"warnings", c.warnings}, {"notes", c.notes}, {"suppressed", c.suppressed}}},
                     {"findings", findings_json(view.findings, true)},
                     {"services", services},
                     {"roles", roles}});
}

std::string diff(const report::DiffView& view) {
    Json workspaces = Json::array();
    for (const auto& w : view.workspaces) {
        workspaces.push_back(Json{{"name", w.source->name},
                                  {"added_workspace", w.source->added_workspace},
                                  {"removed_workspace", w.source->removed_workspace},
                                  {"permissions_added", list(w.added)},
                                  {"permissions_removed", list(w.removed)},
                                  {"endpoints_newly_allowed", list(w.newly_allowed)},
                                  {"endpoints_no_longer_allowed", list(w.no_longer_allowed)}});
    }
    const RoleDiff& d = *view.source;
    return dump(Json{{"schema", "minrole/diff/v1"}, {"tool", tool()},
                     {"old", d.old_path},
                     {"new", d.new_path},
                     {"widens", d.widens()},
                     {"changed", d.changed()},
                     {"workspaces", workspaces}});
}

Json sightings_json(const std::vector<Evidence>& sightings) {
    Json out = Json::array();
    for (const auto& s : sightings) {
        out.push_back(Json{{"file", s.file}, {"line", s.line}, {"function", s.function}, {"derivation", s.derivation}, {"test", s.test}});
    }
    return out;
}

std::string scan(const report::ScanView& view) {
    const ScanResult& result = *view.source;
    Json operations = Json::array();
    for (const auto& op : result.operations) {
        const Endpoint& e = view.model->rules.at(op.endpoint);
        operations.push_back(Json{{"endpoint", e.key()},
                                  {"operation_id", e.operation_id},
                                  {"method", op.method},
                                  {"path", e.path},
                                  {"parameters", std::vector<std::string>(op.parameters.begin(), op.parameters.end())},
                                  {"calls", op.calls},
                                  {"evidence", op.evidence},
                                  {"snippet", op.snippet},
                                  {"sightings", sightings_json(op.sightings)},
                                  {"test_only", op.test_only}});
    }
    Json ambiguous = Json::array();
    for (std::size_t i = 0; i < result.ambiguous.size(); ++i) {
        const auto& a = result.ambiguous[i];
        ambiguous.push_back(Json{{"path", a.target},
                                 {"candidates", list(view.ambiguous_candidates[i])},
                                 {"calls", a.calls},
                                 {"evidence", a.evidence},
                                 {"sightings", sightings_json(a.sightings)},
                                 {"test_only", a.test_only}});
    }
    Json unmatched = Json::array();
    for (std::size_t i = 0; i < result.unmatched.size(); ++i) {
        const auto& u = result.unmatched[i];
        unmatched.push_back(Json{{"text", u.text},
                                 {"closest", list(view.unmatched_closest[i])},
                                 {"calls", u.calls},
                                 {"evidence", u.evidence},
                                 {"sightings", sightings_json(u.sightings)},
                                 {"test_only", u.test_only}});
    }
    Json skipped_directories = Json::array();
    for (const auto& d : result.skipped_directories) {
        skipped_directories.push_back(Json{{"path", d.path}, {"reason", d.reason}});
    }
    Json notes = Json::array();
    for (const auto& n : result.notes) {
        notes.push_back(Json{{"file", n.file}, {"note", n.note}});
    }
    return dump(Json{{"schema", "minrole/scan/v1"}, {"tool", tool()},
                     {"roots", result.roots},
                     {"files", result.files},
                     {"skipped_files", result.skipped_files},
                     {"skipped_directories", skipped_directories},
                     {"skipped_reports", result.skipped_reports},
                     {"bytes", result.bytes},
                     {"lines", result.lines},
                     {"parsed_files", result.parsed_files},
                     {"test_sightings_excluded", result.test_sightings_excluded},
                     {"notes", notes},
                     {"operations", operations},
                     {"ambiguous", ambiguous},
                     {"unmatched", unmatched},
                     {"unmatched_left_out", result.unmatched_left_out}});
}

} // namespace

} // namespace minrole::json

namespace minrole::report {

const Renderers kJsonRenderers{
    .permissions = json::permissions,
    .endpoints = json::endpoints,
    .explain_permission = json::explain_permission,
    .explain_endpoint = json::explain_endpoint,
    .graph = json::graph,
    .lint = json::lint,
    .recommendation = json::recommendation,
    .allows = json::allows,
    .audit = json::audit,
    .instance_audit = json::instance_audit,
    .diff = json::diff,
    .scan = json::scan,
};

} // namespace minrole::report
