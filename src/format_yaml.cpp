// YAML renderings: a role spec that `audit --role` accepts back unchanged.
#include "minrole/report.hpp"
#include "report_common.hpp"

#include <yaml-cpp/yaml.h>

namespace minrole::yaml_format {

std::string recommendation(const Model& model, const Recommendation& rec) {
    YAML::Emitter out;
    out << YAML::BeginMap;
    out << YAML::Key << "kind" << YAML::Value << "role";
    out << YAML::Key << "role" << YAML::Value << (rec.service.empty() ? std::string("minimal-role") : rec.service);
    out << YAML::Key << "workspaces" << YAML::Value << YAML::BeginSeq;
    for (const auto& w : rec.workspaces) {
        out << YAML::BeginMap;
        out << YAML::Key << "name" << YAML::Value << w.name;
        out << YAML::Key << "permissions" << YAML::Value << YAML::BeginSeq;
        for (const Justification* j : report::sorted_justifications(model.catalog, w)) {
            out << model.catalog.at(j->permission).name;
            std::vector<std::string> reasons = report::justification_labels(model, w, *j);
            for (PermissionId child : j->parent_of) {
                reasons.push_back("parent of " + model.catalog.at(child).name);
            }
            if (!reasons.empty()) {
                out << YAML::Comment(report::join(reasons, "; "));
            }
        }
        out << YAML::EndSeq << YAML::EndMap;
    }
    out << YAML::EndSeq << YAML::EndMap;
    return std::string(out.c_str()) + "\n";
}

} // namespace minrole::yaml_format
