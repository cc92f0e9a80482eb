// Markdown renderings, for pull-request comments.
#include "report_model.hpp"

#include <fmt/format.h>

namespace minrole::markdown {

using report::join;

namespace {

std::string cell(const std::string& text) {
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

std::string permissions(const Model& model) {
    std::string out = "| Permission | Group | Access | Risk | Grants |\n|---|---|---|---|---|\n";
    for (const auto& p : model.catalog.all()) {
        out += fmt::format("| {} | {} | {} | {} | {} |\n", cell(p.name), cell(p.group), to_string(p.access),
                           to_string(p.risk), cell(p.grants));
    }
    return out;
}

// The bullet list of operations that need a reader's attention.
std::string problems(const report::WorkspaceView& w) {
    std::vector<std::string> out;
    for (const auto& op : w.operations) {
        const OperationOutcome& outcome = *op.outcome;
        if (op.unresolved()) {
            std::vector<std::string> candidates;
            for (const auto& c : op.candidates) {
                candidates.push_back("`" + c + "`");
            }
            out.push_back(fmt::format("- **{}** `{}`: {}; closest: {}", to_string(outcome.status), cell(outcome.intended.text),
                                      outcome.match.reason, join(candidates, ", ")));
        } else if (outcome.status == OperationStatus::Undocumented) {
            out.push_back(fmt::format("- **undocumented** `{}`: Adobe states no permission; verify by hand", op.label));
        } else if (!op.endpoint->superseded_by.empty()) {
            out.push_back(fmt::format("- **superseded** `{}`: use `{}`", op.label, op.endpoint->superseded_by));
        }
    }
    return out.empty() ? std::string() : "\n" + join(out, "\n") + "\n";
}

std::string recommendation(const report::RecommendationView& view) {
    const Recommendation& rec = *view.source;
    std::string out = "## Minimal Marketo API role" + (rec.service.empty() ? std::string() : " for `" + rec.service + "`") + "\n";
    for (const auto& w : view.workspaces) {
        out += fmt::format("\n### Workspace `{}`\n\n", w.source->name);
        if (w.permissions.empty()) {
            out += "No permission needed.\n";
        } else {
            out += "| Permission | Risk | Needed for |\n|---|---|---|\n";
            for (const auto& j : w.justifications) {
                std::vector<std::string> reasons;
                for (const auto& label : j.operations) {
                    reasons.push_back("`" + label + "`");
                }
                for (const auto& child : j.parent_of) {
                    reasons.push_back("parent of " + child);
                }
                out += fmt::format("| {} | {} | {} |\n", cell(j.permission), to_string(j.risk), cell(join(reasons, "<br>")));
            }
        }
        if (!w.source->solution.exact) {
            out += fmt::format("\n> Best role found within the search budget; proven lower bound on cost: {}.\n",
                               w.source->solution.lower_bound);
        }
        for (const auto& alt : w.alternatives) {
            out += "\nEqually minimal alternative: " + join(alt, ", ") + "\n";
        }
        out += problems(w);
    }
    return out;
}

// "N finding(s), M suppressed." and the table; `subject` adds the Subject column.
std::string findings_table(const std::vector<report::FindingView>& list, const report::FindingCounts& counts, bool subject) {
    if (list.empty()) {
        return "No findings.\n";
    }
    std::string out = fmt::format("{} finding(s), {} suppressed.\n\n", counts.active, counts.suppressed);
    out += subject ? "| Severity | Rule | Subject | Finding | Where |\n|---|---|---|---|---|\n"
                   : "| Severity | Rule | Finding | Where |\n|---|---|---|---|\n";
    for (const auto& view : list) {
        const Finding& f = *view.source;
        std::string message = cell(f.message);
        if (view.suppressed) {
            message = "~~" + message + "~~ (suppressed: " + cell(f.suppressed_by) + ")";
        }
        out += fmt::format("| {} | `{}` | {}{} | `{}` |\n", to_string(f.severity), f.rule,
                           subject ? cell(f.subject) + " | " : std::string(), message, f.where.to_string());
    }
    return out;
}

std::string audit(const report::AuditView& view) {
    std::string out = "## minrole audit of `" + view.title + "`\n\n";
    out += findings_table(view.findings, view.counts, false);
    out += "\n**Minimal role for the intent**\n\n";
    for (const auto& m : view.minimal) {
        out += "- `" + m.workspace + "`: " + (m.permissions.empty() ? std::string("nothing") : join(m.permissions, ", ")) + "\n";
    }
    return out;
}

std::string instance_audit(const report::InstanceAuditView& view) {
    std::string out = "## minrole audit of instance `" + view.title + "`\n\n";
    out += findings_table(view.findings, view.counts, true);
    out += "\n**Minimal role per service and workspace**\n\n| Service | User | Workspace | Minimal role | Holds |\n|---|---|---|---|---|\n";
    for (const auto& service : view.services) {
        const ServiceReport& s = *service.source;
        for (const auto& w : service.workspaces) {
            out += fmt::format("| `{}` | {} | `{}` | {} | {} |\n", s.name, cell(s.user), w.name,
                               w.minimal.empty() ? std::string("nothing") : cell(join(w.minimal, ", ")), cell(join(w.held, ", ")));
        }
        for (const auto& p : s.partitions) {
            out += fmt::format("\n> `{}`: partition `{}` is reached by {}; recommended workspace `{}`.\n", s.name, p.partition,
                               join(p.reaching, ", "), p.workspace);
        }
    }
    return out;
}

std::string endpoint_list(const char* title, const std::vector<std::string>& keys) {
    if (keys.empty()) {
        return {};
    }
    std::string out = fmt::format("\n**{} ({}):**\n", title, keys.size());
    for (const auto& key : keys) {
        out += "- `" + key + "`\n";
    }
    return out;
}

std::string diff(const report::DiffView& view) {
    std::string out = "## Role change `" + view.source->old_path + "` → `" + view.source->new_path + "`\n";
    for (const auto& w : view.workspaces) {
        out += "\n### Workspace `" + w.source->name + "`" +
               (w.source->added_workspace ? " (new)" : w.source->removed_workspace ? " (removed)" : "") + "\n\n";
        for (const auto& p : w.added) {
            out += "- ➕ " + p + "\n";
        }
        for (const auto& p : w.removed) {
            out += "- ➖ " + p + "\n";
        }
        out += endpoint_list("Newly allowed", w.newly_allowed);
        out += endpoint_list("No longer allowed", w.no_longer_allowed);
    }
    return out;
}

} // namespace

} // namespace minrole::markdown

namespace minrole::report {

const Renderers kMarkdownRenderers{
    .permissions = markdown::permissions,
    .recommendation = markdown::recommendation,
    .audit = markdown::audit,
    .instance_audit = markdown::instance_audit,
    .diff = markdown::diff,
};

} // namespace minrole::report
