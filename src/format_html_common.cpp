// Pieces several HTML reports share: the role matrix, the graph's node states, the minimal
// role with its justifications, and badges.
#include "html/html.hpp"

#include "minrole/requirement.hpp"
#include "report_model.hpp"

#include <map>

#include <fmt/format.h>

namespace minrole::html {

std::string severity_badge(Severity severity) { return badge(to_string(severity), to_string(severity)); }

std::string risk_badge(Risk risk) { return badge(std::string("risk-") + to_string(risk), to_string(risk)); }

namespace {

// The first grant (catalog order) that implies `p`.
std::optional<PermissionId> implied_via(const Model& model, const PermissionSet& granted, PermissionId p) {
    for (auto q = granted.find_first(); q != PermissionSet::npos; q = granted.find_next(q)) {
        if (q != p && model.graph->implies(static_cast<PermissionId>(q), p)) {
            return static_cast<PermissionId>(q);
        }
    }
    return std::nullopt;
}

bool implies_any(const Model& model, PermissionId p, const PermissionSet& set) {
    for (auto q = set.find_first(); q != PermissionSet::npos; q = set.find_next(q)) {
        if (q != p && model.graph->implies(p, static_cast<PermissionId>(q))) {
            return true;
        }
    }
    return false;
}

struct Cell {
    const char* state; // css class and filter value
    std::string text;  // markup
};

Cell cell_of(const Model& model, const MatrixColumn& c, const PermissionSet& effective, PermissionId p) {
    const bool granted = p < c.granted.size() && c.granted.test(p);
    const bool needed = c.has_needs && p < c.needed.size() && c.needed.test(p);
    if (granted && (!c.has_needs || needed)) {
        return {"granted", c.recommended ? "&#10004; in the role" : c.has_needs ? "&#10004; granted, needed" : "&#10004; granted"};
    }
    if (granted) {
        return {"unused", implies_any(model, p, c.needed) ? "&#10010; broader than needed" : "&#10010; not needed"};
    }
    if (effective.test(p)) {
        const auto via = implied_via(model, c.granted, p);
        std::string out = "&#8627; via " + (via ? text(model.catalog.at(*via).name) : std::string("a grant"));
        return {"implied", needed ? out + " (needed)" : out};
    }
    if (needed) {
        return {"missing", "&#10006; missing"};
    }
    return {"none", "&middot;"};
}

} // namespace

std::string role_matrix(const Model& model, const std::vector<MatrixColumn>& columns, const std::string& id) {
    std::vector<PermissionSet> effective;
    PermissionSet rows = model.graph->empty_set();
    for (const auto& c : columns) {
        effective.push_back(model.graph->effective(c.granted));
        rows |= effective.back();
        rows |= c.granted;
        if (c.has_needs) {
            rows |= model.graph->with_parents(c.needed);
        }
    }
    std::vector<Column> header{{"Permission", "text"}, {"Risk", "num"}, {"Access", "text"}};
    for (const auto& c : columns) {
        header.push_back({"<span title=\"workspace\">" + text(c.workspace) + "</span>", "text"});
    }
    Table table(id, "Rows: every permission granted, implied or needed; columns: workspaces.", header);
    Filter state{"state", "Cells", false, {}};
    bool any_needs = false;
    for (const auto& c : columns) {
        any_needs = any_needs || c.has_needs;
    }
    state.values = {{"granted", "granted"}, {"implied", "implied"}};
    if (any_needs) {
        state.values.insert(state.values.begin() + 1, {"unused", "granted, not needed"});
        state.values.push_back({"missing", "missing"});
    }
    table.add_filter(state);
    for (auto id_bit = rows.find_first(); id_bit != PermissionSet::npos; id_bit = rows.find_next(id_bit)) {
        const auto p = static_cast<PermissionId>(id_bit);
        const Permission& permission = model.catalog.at(p);
        std::string cells = "<th scope=\"row\">" + text(permission.name) + "</th><td data-key=\"" +
                            std::to_string(static_cast<int>(permission.risk)) + "\">" + risk_badge(permission.risk) +
                            "</td><td>" + to_string(permission.access) + "</td>";
        std::string states;
        for (std::size_t k = 0; k < columns.size(); ++k) {
            const Cell cell = cell_of(model, columns[k], effective[k], p);
            cells += "<td class=\"" + std::string(cell.state) + "\">" + cell.text + "</td>";
            if (states.find(cell.state) == std::string::npos) {
                states += (states.empty() ? "" : "\n") + std::string(cell.state);
            }
        }
        table.add_row("data-permission=\"" + text(permission.name) + "\" data-state=\"" + states + "\"", cells);
    }
    const bool recommended = !columns.empty() && columns.front().recommended;
    std::string out = "<div class=\"legend\"><span><span class=\"key granted\">&#10004;</span>" +
                      std::string(recommended ? "in the recommended role" : any_needs ? "granted and needed" : "granted") + "</span>";
    if (any_needs) {
        out += "<span><span class=\"key unused\">&#10010;</span>granted, not needed (or broader than needed)</span>";
    }
    out += "<span><span class=\"key implied\">&#8627;</span>implied by a grant</span>";
    if (any_needs) {
        out += "<span><span class=\"key missing\">&#10006;</span>needed, not granted</span>";
    }
    out += "</div>\n";
    return out + table.render("No permission is granted, implied or needed.");
}

std::vector<GraphNode> graph_nodes(const Model& model, const std::vector<MatrixColumn>& columns) {
    std::map<PermissionId, GraphNode> nodes;
    for (const auto& c : columns) {
        const PermissionSet effective = model.graph->effective(c.granted);
        for (auto b = c.granted.find_first(); b != PermissionSet::npos; b = c.granted.find_next(b)) {
            const auto p = static_cast<PermissionId>(b);
            const bool needed = !c.has_needs || (p < c.needed.size() && c.needed.test(p));
            const NodeState state = c.recommended ? NodeState::Needed : needed ? NodeState::Granted : NodeState::Unused;
            auto [it, fresh] = nodes.try_emplace(p, GraphNode{p, state, ""});
            if (!fresh && needed && !c.recommended) {
                it->second.state = NodeState::Granted; // needed in at least one workspace
            }
        }
        if (!c.has_needs) {
            continue;
        }
        for (auto b = c.needed.find_first(); b != PermissionSet::npos; b = c.needed.find_next(b)) {
            const auto p = static_cast<PermissionId>(b);
            if (c.granted.test(p)) {
                continue;
            }
            if (effective.test(p)) {
                nodes.try_emplace(p, GraphNode{p, NodeState::Implied, "needed, and implied by a grant"});
            } else {
                nodes[p] = GraphNode{p, NodeState::Missing, "needed in workspace " + c.workspace};
            }
        }
    }
    std::vector<GraphNode> out;
    for (auto& [p, node] : nodes) {
        out.push_back(std::move(node));
    }
    return out;
}

std::string recommendation_body(const Model& model, const Recommendation& rec, const std::string& prefix) {
    const report::RecommendationView view = report::build_recommendation(model, rec);
    std::string out;
    for (std::size_t wi = 0; wi < view.workspaces.size(); ++wi) {
        const report::WorkspaceView& w = view.workspaces[wi];
        const std::string anchor = prefix + "-w" + std::to_string(wi);
        out += "<h3 id=\"" + anchor + "\">Workspace " + code(w.source->name) + "</h3>\n";
        if (w.permissions.empty()) {
            out += "<p>No permission needed.</p>\n";
        } else {
            std::vector<std::string> items;
            for (const auto& name : w.permissions) {
                items.push_back(text(name));
            }
            out += "<p>Minimal role (cost " + std::to_string(w.source->solution.cost) + "): <strong>" + report::join(items, ", ") +
                   "</strong></p>\n";
            Table table(anchor + "-why", "Why each permission is in the role", {{"Permission", "text"}, {"Risk", "num"}, {"Needed for", "text"}});
            for (const auto& j : w.justifications) {
                std::vector<std::string> reasons;
                for (const auto& label : j.operations) {
                    reasons.push_back(code(label));
                }
                for (const auto& parent : j.parent_of) {
                    reasons.push_back("parent of " + text(parent));
                }
                if (j.test_only) {
                    reasons.push_back(std::string("<em>(") + report::kTestOnlyNote + ")</em>");
                }
                table.add_row("", "<th scope=\"row\">" + text(j.permission) + "</th><td data-key=\"" +
                                      std::to_string(static_cast<int>(j.risk)) + "\">" + risk_badge(j.risk) + "</td><td>" +
                                      list(reasons) + "</td>");
            }
            out += table.render("");
        }
        if (!w.source->solution.exact) {
            out += "<p class=\"verdict fail\">Best role found within the search budget; proven lower bound on its cost: " +
                   std::to_string(w.source->solution.lower_bound) + ".</p>\n";
        }
        for (const auto& alt : w.alternatives) {
            std::vector<std::string> items;
            for (const auto& name : alt) {
                items.push_back(text(name));
            }
            out += "<p>Equally minimal alternative: " + report::join(items, ", ") + "</p>\n";
        }
        Table ops(anchor + "-ops", "The intent's operations in this workspace",
                  {{"Operation", "text"}, {"Status", "text"}, {"Needs", "text"}, {"From", "text"}});
        ops.add_filter({"status", "Status", true,
                        {{"matched", "matched"}, {"unmatched", "unmatched"}, {"ambiguous", "ambiguous"}, {"undocumented", "undocumented"}}});
        ops.enable_search();
        for (const auto& op : w.operations) {
            const OperationOutcome& outcome = *op.outcome;
            const char* status = to_string(outcome.status);
            std::string needs;
            if (op.endpoint) {
                needs = text(describe(model.catalog, op.endpoint->requirement));
                if (!op.replacement.empty()) {
                    needs += "<br><span class=\"muted\">deprecated; use " + code(op.replacement) + "</span>";
                }
            } else {
                std::vector<std::string> candidates;
                for (const auto& c : op.candidates) {
                    candidates.push_back(code(c));
                }
                needs = text(outcome.match.reason) + (candidates.empty() ? "" : "; closest: " + report::join(candidates, ", "));
            }
            const std::string from = outcome.intended.where.known() ? outcome.intended.where.to_string() : outcome.intended.evidence;
            ops.add_row("data-status=\"" + std::string(status) + "\"",
                        "<td>" + code(op.label) + "</td><td>" +
                            badge(outcome.status == OperationStatus::Matched ? "risk-low" : "warning", status) + "</td><td>" + needs +
                            "</td><td>" + text(from) + "</td>");
        }
        out += ops.render("No operations in this workspace.");
    }
    return out;
}

} // namespace minrole::html
