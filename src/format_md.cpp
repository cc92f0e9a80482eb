// Markdown renderings, for pull-request comments.
#include "report_model.hpp"

#include "minrole/display.hpp"

#include <fmt/format.h>

namespace minrole::markdown {

using report::join;

namespace {

// Every string from an input or the catalog goes through one of these two (display.hpp):
// names, operations, notes, reasons and paths can hold HTML, links or table pipes.
std::string text(const std::string& s) { return markdown_text(s); }
std::string code(const std::string& s) { return markdown_code(s); }

std::string permissions(const Model& model) {
    std::string out = "| Permission | Group | Access | Risk | Grants |\n|---|---|---|---|---|\n";
    for (const auto& p : model.catalog.all()) {
        out += fmt::format("| {} | {} | {} | {} | {} |\n", text(p.name), text(p.group), to_string(p.access),
                           to_string(p.risk), text(p.grants));
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
                candidates.push_back(code(c));
            }
            out.push_back(fmt::format("- **{}** {}: {}; closest: {}", to_string(outcome.status), code(outcome.intended.text),
                                      text(outcome.match.reason), join(candidates, ", ")));
        } else if (outcome.status == OperationStatus::Undocumented) {
            out.push_back(fmt::format("- **undocumented** {}: Adobe states no permission; verify by hand", code(op.label)));
        } else if (!op.endpoint->superseded_by.empty()) {
            out.push_back(fmt::format("- **superseded** {}: use {}", code(op.label), code(op.endpoint->superseded_by)));
        }
    }
    return out.empty() ? std::string() : "\n" + join(out, "\n") + "\n";
}

std::string recommendation(const report::RecommendationView& view) {
    const Recommendation& rec = *view.source;
    std::string out = "## Minimal Marketo API role" + (rec.service.empty() ? std::string() : " for " + code(rec.service)) + "\n";
    for (const auto& w : view.workspaces) {
        out += fmt::format("\n### Workspace {}\n\n", code(w.source->name));
        if (w.permissions.empty()) {
            out += report::any_matched(w) ? "No permission needed.\n" : "Nothing matched: no operation to work a role out from.\n";
        } else {
            out += "| Permission | Risk | Needed for |\n|---|---|---|\n";
            for (const auto& j : w.justifications) {
                std::vector<std::string> reasons;
                for (const auto& label : j.operations) {
                    reasons.push_back(code(label));
                }
                for (const auto& child : j.parent_of) {
                    reasons.push_back("parent of " + text(child));
                }
                out += fmt::format("| {} | {} | {} |\n", text(j.permission), to_string(j.risk), join(reasons, "<br>"));
            }
        }
        if (!w.source->solution.exact) {
            out += fmt::format("\n> Best role found within the search budget; proven lower bound on cost: {}.\n",
                               w.source->solution.lower_bound);
        }
        for (const auto& alt : w.alternatives) {
            std::vector<std::string> names;
            for (const auto& name : alt) {
                names.push_back(text(name));
            }
            out += "\nEqually minimal alternative: " + join(names, ", ") + "\n";
        }
        out += problems(w);
    }
    if (rec.unmatched_left_out > 0) {
        out += "\n> " + text(unmatched_left_out_message(rec.unmatched_left_out)) + ".\n";
    }
    return out;
}

// "N finding(s), M suppressed." and the table; `subject` adds the Subject column.
std::string findings_table(const std::vector<report::FindingView>& list, const report::FindingCounts& counts, bool subject) {
    if (list.empty()) {
        return "No findings.\n";
    }
    std::string out = fmt::format("{} finding(s), {} suppressed.\n\n", counts.listed, counts.suppressed);
    out += subject ? "| Severity | Rule | Subject | Finding | Where |\n|---|---|---|---|---|\n"
                   : "| Severity | Rule | Finding | Where |\n|---|---|---|---|\n";
    for (const auto& view : list) {
        const Finding& f = *view.source;
        std::string message = text(f.message);
        if (view.suppressed) {
            message = "~~" + message + "~~ (suppressed: " + text(f.suppressed_by) + ")";
        }
        out += fmt::format("| {} | {} | {}{} | {} |\n", to_string(f.severity), code(f.rule),
                           subject ? text(f.subject) + " | " : std::string(), message, code(f.where.to_string()));
    }
    return out;
}

std::string audit(const report::AuditView& view) {
    std::string out = "## minrole audit of " + code(view.title) + "\n\n";
    out += findings_table(view.findings, view.counts, false);
    out += "\n**Minimal role for the intent**\n\n";
    for (const auto& m : view.minimal) {
        std::vector<std::string> names;
        for (const auto& name : m.permissions) {
            names.push_back(text(name));
        }
        out += "- " + code(m.workspace) + ": " + (names.empty() ? std::string("nothing") : join(names, ", ")) + "\n";
    }
    return out;
}

std::string instance_audit(const report::InstanceAuditView& view) {
    std::string out = "## minrole audit of instance " + code(view.title) + "\n\n";
    out += findings_table(view.findings, view.counts, true);
    out += "\n**Minimal role per service and workspace**\n\n| Service | User | Workspace | Minimal role | Holds |\n|---|---|---|---|---|\n";
    for (const auto& service : view.services) {
        const ServiceReport& s = *service.source;
        for (const auto& w : service.workspaces) {
            out += fmt::format("| {} | {} | {} | {} | {} |\n", code(s.name), text(s.user), code(w.name),
                               w.minimal.empty() ? std::string("nothing") : text(join(w.minimal, ", ")), text(join(w.held, ", ")));
        }
        for (const auto& p : s.partitions) {
            out += fmt::format("\n> {}: partition {} is reached by {}; recommended workspace {}.\n", code(s.name), code(p.partition),
                               text(join(p.reaching, ", ")), code(p.workspace));
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
        out += "- " + code(key) + "\n";
    }
    return out;
}

std::string diff(const report::DiffView& view) {
    std::string out = "## Role change " + code(view.source->old_path) + " → " + code(view.source->new_path) + "\n";
    if (!view.source->changed()) {
        out += "\nNo change.\n";
    }
    for (const auto& w : view.workspaces) {
        if (!w.source->changed()) {
            continue; // a heading with nothing under it reads as a change
        }
        out += "\n### Workspace " + code(w.source->name) +
               (w.source->added_workspace ? " (new)" : w.source->removed_workspace ? " (removed)" : "") + "\n\n";
        for (const auto& p : w.added) {
            out += "- ➕ " + text(p) + "\n";
        }
        for (const auto& p : w.removed) {
            out += "- ➖ " + text(p) + "\n";
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
