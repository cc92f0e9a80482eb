// Markdown renderings, for pull-request comments.
#include "minrole/report.hpp"
#include "report_common.hpp"

#include <fmt/format.h>

namespace minrole::markdown {

namespace {
std::string cell(std::string text) {
    std::string out;
    for (char c : text) {
        if (c == '|') {
            out += "\\|";
        } else if (c == '\n') {
            out += ' ';
        } else {
            out += c;
        }
    }
    return out;
}
} // namespace

std::string permissions(const Model& model) {
    std::string out = "| Permission | Group | Access | Risk | Grants |\n|---|---|---|---|---|\n";
    for (const auto& p : model.catalog.all()) {
        out += fmt::format("| {} | {} | {} | {} | {} |\n", cell(p.name), cell(p.group), to_string(p.access),
                           to_string(p.risk), cell(p.grants));
    }
    return out;
}

std::string recommendation(const Model& model, const Recommendation& rec) {
    std::string out = "## Minimal Marketo API role" + (rec.service.empty() ? std::string() : " for `" + rec.service + "`") + "\n";
    for (const auto& w : rec.workspaces) {
        out += fmt::format("\n### Workspace `{}`\n\n", w.name);
        if (w.solution.role.none()) {
            out += "No permission needed.\n";
        } else {
            out += "| Permission | Risk | Needed for |\n|---|---|---|\n";
            for (const Justification* j : report::sorted_justifications(model.catalog, w)) {
                std::vector<std::string> reasons;
                for (const auto& label : report::justification_labels(model, w, *j)) {
                    reasons.push_back("`" + label + "`");
                }
                for (PermissionId child : j->parent_of) {
                    reasons.push_back("parent of " + model.catalog.at(child).name);
                }
                out += fmt::format("| {} | {} | {} |\n", cell(model.catalog.at(j->permission).name),
                                   to_string(model.catalog.at(j->permission).risk), cell(report::join(reasons, "<br>")));
            }
        }
        if (!w.solution.exact) {
            out += fmt::format("\n> Best role found within the search budget; proven lower bound on cost: {}.\n",
                               w.solution.lower_bound);
        }
        for (const auto& alt : w.solution.alternatives) {
            out += "\nEqually minimal alternative: " + report::join(report::names(model.catalog, alt), ", ") + "\n";
        }
        std::vector<std::string> problems;
        for (const auto& op : w.operations) {
            if (op.status == OperationStatus::Unmatched || op.status == OperationStatus::Ambiguous) {
                std::vector<std::string> candidates;
                for (EndpointId c : op.match.candidates) {
                    candidates.push_back("`" + model.rules.at(c).key() + "`");
                }
                problems.push_back(fmt::format("- **{}** `{}`: {}; closest: {}", to_string(op.status), cell(op.intended.text),
                                               op.match.reason, report::join(candidates, ", ")));
            } else if (op.status == OperationStatus::Undocumented) {
                problems.push_back(fmt::format("- **undocumented** `{}`: Adobe states no permission; verify by hand",
                                               report::operation_label(model, op)));
            } else if (!model.rules.at(*op.match.endpoint).superseded_by.empty()) {
                problems.push_back(fmt::format("- **superseded** `{}`: use `{}`", report::operation_label(model, op),
                                               model.rules.at(*op.match.endpoint).superseded_by));
            }
        }
        if (!problems.empty()) {
            out += "\n" + report::join(problems, "\n") + "\n";
        }
    }
    return out;
}

std::string audit(const Model& model, const AuditReport& report) {
    std::string out = "## minrole audit of `" + (report.role_name.empty() ? report.role_path : report.role_name) + "`\n\n";
    std::size_t active = 0;
    for (const auto& f : report.findings) {
        active += f.suppressed_by.empty() ? 1 : 0;
    }
    if (report.findings.empty()) {
        out += "No findings.\n";
    } else {
        out += fmt::format("{} finding(s), {} suppressed.\n\n| Severity | Rule | Finding | Where |\n|---|---|---|---|\n", active,
                           report.findings.size() - active);
        for (const auto& f : report.findings) {
            std::string message = cell(f.message);
            if (!f.suppressed_by.empty()) {
                message = "~~" + message + "~~ (suppressed: " + cell(f.suppressed_by) + ")";
            }
            out += fmt::format("| {} | `{}` | {} | `{}` |\n", to_string(f.severity), f.rule, message, f.where.to_string());
        }
    }
    out += "\n**Minimal role for the intent**\n\n";
    for (const auto& w : report.needed.workspaces) {
        out += "- `" + w.name + "`: " +
               (w.solution.role.none() ? std::string("nothing") : report::join(report::names(model.catalog, w.solution.role), ", ")) +
               "\n";
    }
    return out;
}

std::string instance_audit(const Model& model, const InstanceAuditReport& report) {
    std::string out = "## minrole audit of instance `" +
                      (report.instance_name.empty() ? report.instance_path : report.instance_name) + "`\n\n";
    std::size_t active = 0;
    for (const auto& f : report.findings) {
        active += f.suppressed_by.empty() ? 1 : 0;
    }
    if (report.findings.empty()) {
        out += "No findings.\n";
    } else {
        out += fmt::format("{} finding(s), {} suppressed.\n\n| Severity | Rule | Subject | Finding | Where |\n|---|---|---|---|---|\n",
                           active, report.findings.size() - active);
        for (const auto& f : report.findings) {
            std::string message = cell(f.message);
            if (!f.suppressed_by.empty()) {
                message = "~~" + message + "~~ (suppressed: " + cell(f.suppressed_by) + ")";
            }
            out += fmt::format("| {} | `{}` | {} | {} | `{}` |\n", to_string(f.severity), f.rule, cell(f.subject), message,
                               f.where.to_string());
        }
    }
    out += "\n**Minimal role per service and workspace**\n\n| Service | User | Workspace | Minimal role | Holds |\n|---|---|---|---|---|\n";
    for (const auto& s : report.services) {
        for (std::size_t i = 0; i < s.needed.workspaces.size(); ++i) {
            const auto& w = s.needed.workspaces[i];
            out += fmt::format("| `{}` | {} | `{}` | {} | {} |\n", s.name, cell(s.user), w.name,
                               w.solution.role.none() ? std::string("nothing")
                                                      : cell(report::join(report::names(model.catalog, w.solution.role), ", ")),
                               cell(report::join(s.granted_roles[i].second, ", ")));
        }
        for (const auto& p : s.partitions) {
            out += fmt::format("\n> `{}`: partition `{}` is reached by {}; recommended workspace `{}`.\n", s.name, p.partition,
                               report::join(p.reaching, ", "), p.workspace);
        }
    }
    return out;
}

std::string diff(const Model& model, const RoleDiff& d) {
    std::string out = "## Role change `" + d.old_path + "` → `" + d.new_path + "`\n";
    if (!d.changed()) {
        out += "\nNo change.\n";
    }
    for (const auto& w : d.workspaces) {
        if (!w.changed()) {
            continue; // a heading with nothing under it reads as a change
        }
        out += "\n### Workspace `" + w.name + "`" + (w.added_workspace ? " (new)" : w.removed_workspace ? " (removed)" : "") + "\n\n";
        for (PermissionId p : w.added) {
            out += "- ➕ " + model.catalog.at(p).name + "\n";
        }
        for (PermissionId p : w.removed) {
            out += "- ➖ " + model.catalog.at(p).name + "\n";
        }
        if (!w.newly_allowed.empty()) {
            out += fmt::format("\n**Newly allowed ({}):**\n", w.newly_allowed.size());
            for (EndpointId e : w.newly_allowed) {
                out += "- `" + model.rules.at(e).key() + "`\n";
            }
        }
        if (!w.no_longer_allowed.empty()) {
            out += fmt::format("\n**No longer allowed ({}):**\n", w.no_longer_allowed.size());
            for (EndpointId e : w.no_longer_allowed) {
                out += "- `" + model.rules.at(e).key() + "`\n";
            }
        }
    }
    return out;
}

} // namespace minrole::markdown
