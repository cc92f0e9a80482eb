// YAML renderings: a role spec that `audit --role` accepts back unchanged.
#include "report_model.hpp"

#include "minrole/schema.hpp"

#include <yaml-cpp/yaml.h>

namespace minrole::yaml_format {

namespace {

std::string recommendation(const report::RecommendationView& view) {
    const Recommendation& rec = *view.source;
    YAML::Emitter out;
    if (rec.unmatched_left_out > 0) {
        out << YAML::Comment(unmatched_left_out_message(rec.unmatched_left_out)) << YAML::Newline;
    }
    out << YAML::BeginMap;
    out << YAML::Key << "kind" << YAML::Value << "role";
    out << YAML::Key << "role" << YAML::Value << (rec.service.empty() ? std::string("minimal-role") : rec.service);
    out << YAML::Key << "workspaces" << YAML::Value << YAML::BeginSeq;
    for (const auto& w : view.workspaces) {
        out << YAML::BeginMap;
        out << YAML::Key << "name" << YAML::Value << w.source->name;
        out << YAML::Key << "permissions" << YAML::Value << YAML::BeginSeq;
        for (const auto& j : w.justifications) {
            out << j.permission;
            const std::vector<std::string> reasons = report::reasons(j);
            if (!reasons.empty()) {
                out << YAML::Comment(report::join(reasons, "; ") + (j.test_only ? std::string(" (") + report::kTestOnlyNote + ")" : ""));
            }
        }
        out << YAML::EndSeq;
        if (w.justifications.empty()) {
            // A role spec must grant something (audit refuses an empty workspace): say why it is empty.
            out << YAML::Comment(report::any_matched(w) ? "no permission needed: leave this workspace out of the role"
                                                        : "nothing matched: fix the intent's operations first");
        }
        out << YAML::EndMap;
    }
    out << YAML::EndSeq << YAML::EndMap;
    return yaml_schema_modeline("role") + "\n" + out.c_str() + "\n";
}

// An intent `recommend` and `audit --intent` accept: every operation with its evidence.
std::string scan(const report::ScanView& view) {
    const ScanResult& result = *view.source;
    const Intent intent = scan_to_intent(view.model->rules, result);
    YAML::Emitter out;
    out << YAML::Comment("Intent derived by `minrole scan` from: " + report::join(result.roots, ", "));
    for (const auto& d : result.skipped_directories) {
        out << YAML::Newline << YAML::Comment("not scanned: " + d.path + " (" + d.reason + ")");
    }
    for (const auto& r : result.skipped_reports) {
        out << YAML::Newline << YAML::Comment("not scanned: " + r + " (a minrole report, not a service description)");
    }
    if (result.unmatched_left_out > 0) {
        out << YAML::Newline << YAML::Comment(unmatched_left_out_message(result.unmatched_left_out));
    }
    for (const auto& n : result.notes) {
        out << YAML::Newline << YAML::Comment("note: " + n.file + ": " + n.note);
    }
    out << YAML::BeginMap;
    out << YAML::Key << "kind" << YAML::Value << "intent";
    out << YAML::Key << "service" << YAML::Value << intent.service;
    out << YAML::Key << "operations" << YAML::Value << YAML::BeginSeq;
    for (const auto& op : intent.workspaces.front().operations) {
        out << YAML::BeginMap;
        out << YAML::Key << "op" << YAML::Value << YAML::DoubleQuoted << op.text;
        if (!op.parameters.empty()) {
            out << YAML::Key << "params" << YAML::Value << YAML::Flow
                << std::vector<std::string>(op.parameters.begin(), op.parameters.end());
        }
        out << YAML::Key << "note" << YAML::Value << op.note;
        out << YAML::EndMap;
    }
    out << YAML::EndSeq << YAML::EndMap;
    return yaml_schema_modeline("intent") + "\n" + out.c_str() + "\n";
}

} // namespace

} // namespace minrole::yaml_format

namespace minrole::report {

const Renderers kYamlRenderers{
    .recommendation = yaml_format::recommendation,
    .scan = yaml_format::scan,
};

} // namespace minrole::report
