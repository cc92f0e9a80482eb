// JSON renderings. These shapes are public contracts (see README "JSON shapes"): add keys,
// never rename or remove them.
#include "minrole/report.hpp"
#include "report_common.hpp"

#include <nlohmann/json.hpp>

#include <map>

namespace minrole::json {

using Json = nlohmann::ordered_json;

namespace {

std::string dump(const Json& document) { return document.dump(2) + "\n"; }

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

} // namespace

std::string permissions(const Model& model) {
    Json list = Json::array();
    for (PermissionId id = 0; id < model.catalog.size(); ++id) {
        list.push_back(permission_json(model, id));
    }
    return dump(Json{{"permissions", list}});
}

std::string endpoints(const Model& model, const std::vector<EndpointId>& ids) {
    Json list = Json::array();
    for (EndpointId id : ids) {
        list.push_back(endpoint_json(model, id));
    }
    return dump(Json{{"endpoints", list}});
}

std::string explain_permission(const Model& model, PermissionId id) {
    Json doc = permission_json(model, id);
    Json implied = Json::array();
    Json implied_by = Json::array();
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
    Json ancestors = Json::array();
    for (PermissionId a : model.graph->ancestors(id)) {
        ancestors.push_back(model.catalog.at(a).name);
    }
    doc["kind"] = "permission";
    doc["implies_transitively"] = implied;
    doc["implied_by"] = implied_by;
    doc["needs_parents"] = ancestors;
    doc["endpoints"] = endpoint_refs(model, report::endpoints_unlocked_by(model, id));
    return dump(doc);
}

std::string explain_endpoint(const Model& model, EndpointId id) {
    Json doc = endpoint_json(model, id);
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

std::string lint(const LintReport& report) {
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

std::string recommendation(const Model& model, const Recommendation& rec) {
    Json workspaces = Json::array();
    for (const auto& w : rec.workspaces) {
        Json justification = Json::array();
        for (const Justification* j : report::sorted_justifications(model.catalog, w)) {
            Json parents = Json::array();
            for (PermissionId p : j->parent_of) {
                parents.push_back(model.catalog.at(p).name);
            }
            justification.push_back(Json{{"permission", model.catalog.at(j->permission).name},
                                         {"risk", to_string(model.catalog.at(j->permission).risk)},
                                         {"operations", report::justification_labels(model, w, *j)},
                                         {"parent_of", parents}});
        }
        Json alternatives = Json::array();
        for (const auto& alt : w.solution.alternatives) {
            alternatives.push_back(report::names(model.catalog, alt));
        }
        Json operations = Json::array();
        Json unmatched = Json::array();
        Json undocumented = Json::array();
        for (const auto& op : w.operations) {
            Json entry{{"input", op.intended.text}, {"status", to_string(op.status)}, {"evidence", op.intended.evidence}};
            if (op.match.endpoint) {
                const Endpoint& e = model.rules.at(*op.match.endpoint);
                entry["endpoint"] = e.key();
                entry["operation_id"] = e.operation_id;
                entry["requirement"] = describe(model.catalog, e.requirement);
                entry["parameters"] = std::vector<std::string>(op.parameters.begin(), op.parameters.end());
                entry["deprecated"] = e.deprecated;
                entry["superseded_by"] = e.superseded_by.empty() ? Json(nullptr) : Json(e.superseded_by);
                if (!e.override_reason.empty()) {
                    entry["override"] = e.override_reason;
                }
            }
            if (op.status == OperationStatus::Unmatched || op.status == OperationStatus::Ambiguous) {
                Json candidates = Json::array();
                for (EndpointId c : op.match.candidates) {
                    candidates.push_back(model.rules.at(c).key());
                }
                entry["reason"] = op.match.reason;
                entry["candidates"] = candidates;
                unmatched.push_back(Json{{"input", op.intended.text},
                                         {"status", to_string(op.status)},
                                         {"reason", op.match.reason},
                                         {"candidates", candidates}});
            }
            if (op.status == OperationStatus::Undocumented) {
                undocumented.push_back(Json{{"input", op.intended.text}, {"endpoint", entry["endpoint"]}});
            }
            operations.push_back(entry);
        }
        workspaces.push_back(Json{{"name", w.name},
                                  {"permissions", report::names(model.catalog, w.solution.role)},
                                  {"cost", w.solution.cost},
                                  {"exact", w.solution.exact},
                                  {"lower_bound", w.solution.lower_bound},
                                  {"justification", justification},
                                  {"alternatives", alternatives},
                                  {"operations", operations},
                                  {"unmatched", unmatched},
                                  {"undocumented", undocumented}});
    }
    return dump(Json{{"schema", "minrole/recommendation/v1"},
                     {"service", rec.service},
                     {"complete", rec.complete()},
                     {"workspaces", workspaces}});
}

namespace {
Json location_json(const Location& where) {
    return Json{{"file", where.file}, {"line", where.line}, {"column", where.column}};
}
} // namespace

std::string allows(const Model& model, const Reach& reach) {
    Json workspaces = Json::array();
    for (const auto& w : reach.workspaces) {
        Json endpoints = Json::array();
        Json by_area = Json::object();
        Json by_power = Json::object();
        std::map<std::string, int> areas;
        std::map<std::string, int> powers;
        for (const auto& r : w.endpoints) {
            const Endpoint& e = model.rules.at(r.endpoint);
            endpoints.push_back(Json{{"endpoint", e.key()},
                                     {"method", e.method},
                                     {"path", e.path},
                                     {"operation_id", e.operation_id},
                                     {"area", e.area},
                                     {"power", to_string(r.power)},
                                     {"denied_with_conditional_parameters", r.conditional_denied}});
            ++areas[e.area];
            ++powers[to_string(r.power)];
        }
        for (const auto& [k, v] : areas) {
            by_area[k] = v;
        }
        for (const auto& [k, v] : powers) {
            by_power[k] = v;
        }
        workspaces.push_back(Json{{"name", w.name},
                                  {"permissions", report::names(model.catalog, w.granted)},
                                  {"effective_permissions", report::names(model.catalog, w.effective)},
                                  {"total", w.endpoints.size()},
                                  {"by_area", by_area},
                                  {"by_power", by_power},
                                  {"endpoints", endpoints}});
    }
    return dump(Json{{"schema", "minrole/allows/v1"},
                     {"role", reach.role},
                     {"open_endpoints", reach.open_endpoints},
                     {"workspaces", workspaces}});
}

namespace {
Json finding_json(const Model& model, const Finding& f, bool with_subject) {
    Json out{{"rule", f.rule}, {"severity", to_string(f.severity)}, {"message", f.message}};
    if (with_subject) {
        out["subject"] = f.subject;
    }
    out["workspace"] = f.workspace;
    out["permission"] = f.permission ? Json(model.catalog.at(*f.permission).name) : Json(nullptr);
    out["evidence"] = f.evidence;
    out["location"] = location_json(f.where);
    out["suppressed"] = !f.suppressed_by.empty();
    out["suppressed_by"] = f.suppressed_by.empty() ? Json(nullptr) : Json(f.suppressed_by);
    return out;
}
} // namespace

std::string instance_audit(const Model& model, const InstanceAuditReport& report) {
    Json findings = Json::array();
    for (const auto& f : report.findings) {
        findings.push_back(finding_json(model, f, true));
    }
    Json services = Json::array();
    for (const auto& s : report.services) {
        Json partitions = Json::array();
        for (const auto& p : s.partitions) {
            partitions.push_back(Json{{"partition", p.partition}, {"reaching", p.reaching}, {"workspace", p.workspace}});
        }
        Json workspaces = Json::array();
        for (std::size_t i = 0; i < s.needed.workspaces.size(); ++i) {
            const auto& w = s.needed.workspaces[i];
            std::vector<std::string> operations;
            for (const auto& op : w.operations) {
                operations.push_back(report::operation_label(model, op));
            }
            workspaces.push_back(Json{{"name", w.name},
                                      {"permissions", report::names(model.catalog, w.solution.role)},
                                      {"granted_roles", s.granted_roles[i].second},
                                      {"operations", report::sorted(operations)}});
        }
        services.push_back(Json{{"name", s.name},
                                {"user", s.user},
                                {"intent", s.source},
                                {"location", location_json(s.where)},
                                {"complete", s.needed.complete()},
                                {"partitions", partitions},
                                {"workspaces", workspaces}});
    }
    Json roles = Json::array();
    for (const auto& r : report.roles) {
        Json excess = Json::array();
        for (PermissionId p : r.excess) {
            excess.push_back(model.catalog.at(p).name);
        }
        roles.push_back(Json{{"name", r.name},
                             {"holders", r.holders},
                             {"services", r.services},
                             {"api_only", r.api_only},
                             {"minimal_replacement", report::names(model.catalog, r.minimal)},
                             {"excess", excess},
                             {"location", location_json(r.where)}});
    }
    std::map<std::string, std::size_t> counts{{"error", 0}, {"warning", 0}, {"note", 0}};
    std::size_t suppressed = 0;
    for (const auto& f : report.findings) {
        if (f.suppressed_by.empty()) {
            ++counts[to_string(f.severity)];
        } else {
            ++suppressed;
        }
    }
    return dump(Json{{"schema", "minrole/instance-audit/v1"},
                     {"instance", report.instance_name},
                     {"instance_file", report.instance_path},
                     {"summary",
                      {{"errors", counts["error"]}, {"warnings", counts["warning"]}, {"notes", counts["note"]}, {"suppressed", suppressed}}},
                     {"findings", findings},
                     {"services", services},
                     {"roles", roles}});
}

std::string audit(const Model& model, const AuditReport& report) {
    Json findings = Json::array();
    for (const auto& f : report.findings) {
        findings.push_back(Json{{"rule", f.rule},
                                {"severity", to_string(f.severity)},
                                {"message", f.message},
                                {"workspace", f.workspace},
                                {"permission", f.permission ? Json(model.catalog.at(*f.permission).name) : Json(nullptr)},
                                {"evidence", f.evidence},
                                {"location", location_json(f.where)},
                                {"suppressed", !f.suppressed_by.empty()},
                                {"suppressed_by", f.suppressed_by.empty() ? Json(nullptr) : Json(f.suppressed_by)}});
    }
    Json minimal = Json::array();
    for (const auto& w : report.needed.workspaces) {
        minimal.push_back(Json{{"name", w.name}, {"permissions", report::names(model.catalog, w.solution.role)}});
    }
    return dump(Json{{"schema", "minrole/audit/v1"},
                     {"role", report.role_name},
                     {"role_file", report.role_path},
                     {"findings", findings},
                     {"minimal_role", minimal}});
}

std::string diff(const Model& model, const RoleDiff& d) {
    Json workspaces = Json::array();
    auto names = [&](const std::vector<PermissionId>& ids) {
        Json out = Json::array();
        for (PermissionId p : ids) {
            out.push_back(model.catalog.at(p).name);
        }
        return out;
    };
    auto keys = [&](const std::vector<EndpointId>& ids) {
        Json out = Json::array();
        for (EndpointId e : ids) {
            out.push_back(model.rules.at(e).key());
        }
        return out;
    };
    for (const auto& w : d.workspaces) {
        workspaces.push_back(Json{{"name", w.name},
                                  {"added_workspace", w.added_workspace},
                                  {"removed_workspace", w.removed_workspace},
                                  {"permissions_added", names(w.added)},
                                  {"permissions_removed", names(w.removed)},
                                  {"endpoints_newly_allowed", keys(w.newly_allowed)},
                                  {"endpoints_no_longer_allowed", keys(w.no_longer_allowed)}});
    }
    return dump(Json{{"schema", "minrole/diff/v1"},
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

std::string scan(const Model& model, const ScanResult& result) {
    Json operations = Json::array();
    for (const auto& op : result.operations) {
        const Endpoint& e = model.rules.at(op.endpoint);
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
    for (const auto& a : result.ambiguous) {
        Json candidates = Json::array();
        for (EndpointId c : a.candidates) {
            candidates.push_back(model.rules.at(c).key());
        }
        ambiguous.push_back(Json{{"path", a.target},
                                 {"candidates", candidates},
                                 {"calls", a.calls},
                                 {"evidence", a.evidence},
                                 {"sightings", sightings_json(a.sightings)},
                                 {"test_only", a.test_only}});
    }
    Json unmatched = Json::array();
    for (const auto& u : result.unmatched) {
        Json closest = Json::array();
        for (EndpointId c : u.closest) {
            closest.push_back(model.rules.at(c).key());
        }
        unmatched.push_back(Json{{"text", u.text},
                                 {"closest", closest},
                                 {"calls", u.calls},
                                 {"evidence", u.evidence},
                                 {"sightings", sightings_json(u.sightings)},
                                 {"test_only", u.test_only}});
    }
    return dump(Json{{"schema", "minrole/scan/v1"},
                     {"roots", result.roots},
                     {"files", result.files},
                     {"skipped_files", result.skipped_files},
                     {"bytes", result.bytes},
                     {"lines", result.lines},
                     {"parsed_files", result.parsed_files},
                     {"test_sightings_excluded", result.test_sightings_excluded},
                     {"operations", operations},
                     {"ambiguous", ambiguous},
                     {"unmatched", unmatched}});
}

} // namespace minrole::json
