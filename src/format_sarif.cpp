// SARIF 2.1.0 for code-scanning UIs: every audit rule with its help text, results located in
// the role file at the permission's line so annotations land on the right line.
#include "report_model.hpp"

#include "minrole/display.hpp"

#include <nlohmann/json.hpp>

#include <cctype>
#include <string>

namespace minrole::sarif {

using Json = nlohmann::ordered_json;

namespace {
const char* level(Severity severity) {
    switch (severity) {
    case Severity::Error:
        return "error";
    case Severity::Warning:
        return "warning";
    case Severity::Note:
        return "note";
    case Severity::None:
        return "none";
    }
    return "none";
}
// SARIF1001: a rule's `name` must differ from its stable `id` and read as a name:
// "unused-permission" -> "UnusedPermission".
std::string rule_name(const std::string& id) {
    std::string out;
    bool upper = true;
    for (const char c : id) {
        if (c == '-' || c == '_') {
            upper = true;
        } else {
            out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
            upper = false;
        }
    }
    return out;
}

// The rules an audit of this scope can report, in table order; results index into this list.
std::string document(const std::vector<report::FindingView>& findings, unsigned scope, const std::string& default_uri) {
    Json rules = Json::array();
    std::vector<const AuditRule*> table;
    for (const auto& r : audit_rules()) {
        if ((r.scope & scope) != 0) {
            table.push_back(&r);
        }
    }
    for (const AuditRule* rule : table) {
        const AuditRule& r = *rule;
        rules.push_back(Json{{"id", r.id},
                             {"name", rule_name(r.id)},
                             {"shortDescription", {{"text", r.title}}},
                             {"fullDescription", {{"text", r.help}}},
                             {"help", {{"text", r.help}}},
                             {"defaultConfiguration", {{"level", level(r.severity)}}}});
    }
    Json results = Json::array();
    for (const auto& view : findings) {
        const Finding& f = *view.source;
        std::size_t index = 0;
        while (index < table.size() && f.rule != table[index]->id) {
            ++index;
        }
        Json region = Json::object();
        region["startLine"] = std::max(1, f.where.line);
        if (f.where.column > 0) {
            region["startColumn"] = f.where.column;
        }
        Json result{{"ruleId", f.rule},
                    {"ruleIndex", index},
                    {"level", level(f.severity)},
                    {"message", {{"text", f.message}}},
                    {"locations",
                     Json::array({Json{{"physicalLocation",
                                        {{"artifactLocation", {{"uri", minrole::path_uri(f.where.file.empty() ? default_uri : f.where.file)}}},
                                         {"region", region}}}}})}};
        Json properties = Json::object();
        if (!view.permission.empty()) {
            properties["permission"] = view.permission;
        }
        if (!f.workspace.empty()) {
            properties["workspace"] = f.workspace;
        }
        if (!f.subject.empty()) {
            properties["subject"] = f.subject;
        }
        if (!f.evidence.empty()) {
            properties["evidence"] = f.evidence;
        }
        if (!properties.empty()) {
            result["properties"] = properties;
        }
        if (view.suppressed) {
            result["suppressions"] = Json::array({Json{{"kind", "external"}, {"justification", f.suppressed_by}}});
        }
        results.push_back(result);
    }
    const Json out{
        {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
        {"version", "2.1.0"},
        {"runs", Json::array({Json{{"tool", {{"driver", {{"name", "minrole"},
                                                          {"version", MINROLE_LIBRARY_VERSION},
                                                          {"informationUri", MINROLE_HOMEPAGE_URL},
                                                          {"rules", rules}}}}},
                                   {"results", results}}})}};
    return out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}
std::string audit(const report::AuditView& view) {
    return document(view.findings, kRoleAudit, view.source->role_path);
}

std::string instance_audit(const report::InstanceAuditView& view) {
    return document(view.findings, kInstanceAudit, view.source->instance_path);
}

} // namespace

} // namespace minrole::sarif

namespace minrole::report {

const Renderers kSarifRenderers{
    .audit = sarif::audit,
    .instance_audit = sarif::instance_audit,
};

} // namespace minrole::report
