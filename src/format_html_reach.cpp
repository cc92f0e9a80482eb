// HTML pages for `allows` (blast radius), `diff` (access added and removed, side by side) and
// `recommend` (the minimal role per workspace with its reasons).
#include "html/html.hpp"

#include "minrole/allows.hpp"
#include "minrole/diff.hpp"
#include "minrole/requirement.hpp"
#include "report_model.hpp"

#include <array>
#include <fmt/format.h>

namespace minrole::html_format {

using html::text;

namespace {

constexpr std::array<Power, 7> kPowers{Power::Read,     Power::Write,  Power::Delete,        Power::Approve,
                                       Power::Campaign, Power::Schema, Power::UserManagement};

const char* power_words(Power power) {
    switch (power) {
    case Power::Read:
        return "read";
    case Power::Write:
        return "write";
    case Power::Delete:
        return "delete";
    case Power::Approve:
        return "approve";
    case Power::Campaign:
        return "campaign";
    case Power::Schema:
        return "schema";
    case Power::UserManagement:
        return "user management";
    }
    return "?";
}

// A table of endpoints; `power` adds a column with each one's kind of power.
std::string endpoint_table(const Model& model, const std::string& id, const std::vector<EndpointId>& endpoints,
                           const std::vector<bool>& conditional, bool power) {
    std::vector<html::Column> columns{{"Method", "text"}, {"Path", "text"}, {"Area", "text"}};
    if (power) {
        columns.push_back({"Power", "text"});
    }
    columns.push_back({"Needs", "text"});
    html::Table table(id, "", columns);
    if (endpoints.size() > 20) {
        table.enable_search();
    }
    for (std::size_t i = 0; i < endpoints.size(); ++i) {
        const Endpoint& e = model.rules.at(endpoints[i]);
        std::string cells = "<td>" + text(e.method) + "</td><td>" + html::code(e.path) + "</td><td>" + text(e.area) + "</td>";
        if (power) {
            cells += "<td>" + std::string(power_words(power_of(model, e))) + "</td>";
        }
        cells += "<td>" + text(describe(model.catalog, e.requirement));
        if (i < conditional.size() && conditional[i]) {
            cells += "<br><span class=\"muted\">not with its conditional parameter (leadId)</span>";
        }
        table.add_row("", cells + "</td>");
    }
    return table.render("None.");
}

std::string bar(std::size_t n, std::size_t max) {
    const double width = max == 0 ? 0 : 220.0 * static_cast<double>(n) / static_cast<double>(max);
    return "<svg width=\"220\" height=\"8\" aria-hidden=\"true\"><rect width=\"220\" height=\"8\" rx=\"3\" fill=\"#eef1f6\"/><rect width=\"" +
           fmt::format("{:.1f}", width) + "\" height=\"8\" rx=\"3\" fill=\"#2f5fb3\"/></svg>";
}

std::string names_markup(const Catalog& catalog, const PermissionSet& set) {
    std::vector<std::string> out;
    for (const auto& n : report::names(catalog, set)) {
        out.push_back(text(n));
    }
    return out.empty() ? "<span class=\"muted\">nothing</span>" : report::join(out, ", ");
}

} // namespace

std::string allows(const Model& model, const Reach& reach) {
    html::Page page;
    page.kind = "allows";
    page.title = "What role " + text(reach.role) + " allows";
    page.subtitle = "Blast radius: every endpoint a holder of the role's Client Id and Secret can call";

    std::string body = "<section id=\"summary\"><h2>Summary</h2>\n<div class=\"cards\">";
    std::vector<html::MatrixColumn> columns;
    for (const auto& w : reach.workspaces) {
        body += "<div class=\"card\"><span class=\"n\">" + std::to_string(w.endpoints.size()) + "</span>endpoints in " + text(w.name) +
                "</div>";
        columns.push_back({w.name, w.granted, false, {}, false});
    }
    body += "<div class=\"card\"><span class=\"n\">" + std::to_string(reach.open_endpoints) +
            "</span>open to any role</div></div></section>\n";

    body += "<section id=\"radius-section\"><h2>Blast radius</h2>\n";
    for (std::size_t wi = 0; wi < reach.workspaces.size(); ++wi) {
        const WorkspaceReach& w = reach.workspaces[wi];
        body += "<h3>Workspace " + html::code(w.name) + ": " + html::plural(w.endpoints.size(), "endpoint", "endpoints") + "</h3>\n";
        body += "<p>Granted: " + names_markup(model.catalog, w.granted) + "</p>\n<div class=\"powers\">";
        std::size_t max = 0;
        std::array<std::vector<EndpointId>, kPowers.size()> grouped;
        std::array<std::vector<bool>, kPowers.size()> conditional;
        for (const auto& r : w.endpoints) {
            grouped[static_cast<std::size_t>(r.power)].push_back(r.endpoint);
            conditional[static_cast<std::size_t>(r.power)].push_back(r.conditional_denied);
        }
        for (const auto& g : grouped) {
            max = std::max(max, g.size());
        }
        for (Power power : kPowers) {
            const auto& list = grouped[static_cast<std::size_t>(power)];
            const std::string css = to_string(power);
            body += "<div class=\"power p-" + css + "\" data-power=\"" + css + "\" data-count=\"" + std::to_string(list.size()) +
                    "\"><span class=\"n\">" + std::to_string(list.size()) + "</span> " + power_words(power) + bar(list.size(), max);
            if (!list.empty()) {
                body += "<details><summary>" + html::plural(list.size(), "endpoint", "endpoints") + "</summary>" +
                        endpoint_table(model, "reach-w" + std::to_string(wi) + "-" + css, list,
                                       conditional[static_cast<std::size_t>(power)], false) +
                        "</details>";
            }
            body += "</div>";
        }
        body += "</div>\n";
    }
    body += "</section>\n";
    body += "<section id=\"matrix-section\"><h2>Role matrix</h2>\n" + html::role_matrix(model, columns, "matrix") + "</section>\n";
    body += "<section id=\"graph-section\"><h2>Implication graph</h2>\n" +
            html::implication_graph(model, html::graph_nodes(model, columns), "graph") + "</section>\n";
    page.sections = {{"summary", "Summary"}, {"radius-section", "Blast radius"}, {"matrix-section", "Role matrix"}, {"graph-section", "Implication graph"}};
    page.body = std::move(body);
    return html::render_page(page);
}

std::string diff(const Model& model, const RoleDiff& d) {
    html::Page page;
    page.kind = "diff";
    page.title = "Role change " + text(d.old_path) + " &rarr; " + text(d.new_path);
    page.subtitle = "Old " + html::code(d.old_path) + ", new " + html::code(d.new_path);
    std::size_t widened = 0;
    std::size_t narrowed = 0;
    std::size_t added = 0;
    std::size_t removed = 0;
    for (const auto& w : d.workspaces) {
        widened += w.newly_allowed.size();
        narrowed += w.no_longer_allowed.size();
        added += w.added.size();
        removed += w.removed.size();
    }
    std::string body = "<section id=\"summary\"><h2>Summary</h2>\n";
    if (d.widens()) {
        body += "<p class=\"verdict fail\" data-widens=\"true\">Widens access: " + html::plural(widened, "endpoint", "endpoints") +
                " newly reachable (<code>--fail-on-new-access</code> exits 1)</p>\n";
    } else {
        body += "<p class=\"verdict pass\" data-widens=\"false\">Does not widen access: no endpoint newly reachable</p>\n";
    }
    body += "<div class=\"cards\"><div class=\"card error\"><span class=\"n\">" + std::to_string(widened) +
            "</span>newly allowed</div><div class=\"card\"><span class=\"n\">" + std::to_string(narrowed) +
            "</span>no longer allowed</div><div class=\"card warning\"><span class=\"n\">" + std::to_string(added) +
            "</span>permissions added</div><div class=\"card\"><span class=\"n\">" + std::to_string(removed) +
            "</span>permissions removed</div></div></section>\n";
    body += "<section id=\"changes-section\"><h2>Changes per workspace</h2>\n";
    if (!d.changed()) {
        body += "<p>The two roles grant the same access.</p>\n";
    }
    for (std::size_t wi = 0; wi < d.workspaces.size(); ++wi) {
        const WorkspaceDiff& w = d.workspaces[wi];
        body += "<h3>Workspace " + html::code(w.name) +
                (w.added_workspace ? " (new)" : w.removed_workspace ? " (removed)" : "") + "</h3>\n<div class=\"split\">";
        const auto side = [&](const char* heading, const char* css, const std::vector<PermissionId>& permissions,
                              const std::vector<EndpointId>& endpoints, const std::string& id, const char* endpoint_words) {
            std::string out = "<div class=\"" + std::string(css) + "-side\"><h3>" + heading + "</h3>";
            std::vector<std::string> items;
            for (PermissionId p : permissions) {
                items.push_back("<span class=\"" + std::string(css) + "\">" + text(model.catalog.at(p).name) + "</span> " +
                                html::risk_badge(model.catalog.at(p).risk));
            }
            out += items.empty() ? "<p class=\"muted\">No permission.</p>" : html::list(items);
            out += "<p><strong>" + html::plural(endpoints.size(), "endpoint", "endpoints") + "</strong> " + endpoint_words + "</p>";
            if (!endpoints.empty()) {
                out += "<details" + std::string(endpoints.size() <= 25 ? " open" : "") + "><summary>Endpoints</summary>" +
                       endpoint_table(model, id, endpoints, {}, true) + "</details>";
            }
            return out + "</div>";
        };
        body += side("Removed (only in old)", "removed", w.removed, w.no_longer_allowed, "gone-w" + std::to_string(wi),
                     "no longer allowed");
        body += side("Added (only in new)", "added", w.added, w.newly_allowed, "new-w" + std::to_string(wi), "newly allowed");
        body += "</div>\n";
    }
    body += "</section>\n";
    page.sections = {{"summary", "Summary"}, {"changes-section", "Changes"}};
    page.body = std::move(body);
    return html::render_page(page);
}

std::string recommendation(const Model& model, const Recommendation& rec) {
    html::Page page;
    page.kind = "recommend";
    page.title = "Minimal Marketo API role" + (rec.service.empty() ? std::string() : " for " + text(rec.service));
    page.subtitle = "Least privilege per workspace, with the operations each permission is needed for";
    std::size_t operations = 0;
    std::size_t unresolved = 0;
    std::vector<html::MatrixColumn> columns;
    for (const auto& w : rec.workspaces) {
        operations += w.operations.size();
        for (const auto& op : w.operations) {
            unresolved += op.status == OperationStatus::Matched ? 0 : 1;
        }
        columns.push_back({w.name, w.solution.role, false, {}, true});
    }
    std::string body = "<section id=\"summary\"><h2>Summary</h2>\n";
    if (rec.complete()) {
        body += "<p class=\"verdict pass\" data-exit=\"0\">Complete: exit status 0 &mdash; every operation matched a documented "
                "endpoint</p>\n";
    } else {
        body += "<p class=\"verdict fail\" data-exit=\"1\">Incomplete: exit status 1 &mdash; " +
                html::plural(unresolved, "operation is", "operations are") +
                " unmatched, ambiguous or undocumented; the role covers the rest</p>\n";
    }
    if (rec.unmatched_left_out > 0) {
        body += "<p class=\"verdict fail\">" + text(unmatched_left_out_message(rec.unmatched_left_out)) + "</p>\n";
    }
    body += "<div class=\"cards\"><div class=\"card\"><span class=\"n\">" + std::to_string(rec.workspaces.size()) +
            "</span>workspaces</div><div class=\"card\"><span class=\"n\">" + std::to_string(operations) +
            "</span>operations</div><div class=\"card warning\"><span class=\"n\">" + std::to_string(unresolved) +
            "</span>unresolved</div></div></section>\n";
    body += "<section id=\"roles-section\"><h2>Role per workspace</h2>\n" + html::recommendation_body(model, rec, "rec") + "</section>\n";
    body += "<section id=\"matrix-section\"><h2>Role matrix</h2>\n" + html::role_matrix(model, columns, "matrix") + "</section>\n";
    body += "<section id=\"graph-section\"><h2>Implication graph</h2>\n" +
            html::implication_graph(model, html::graph_nodes(model, columns), "graph") + "</section>\n";
    page.sections = {{"summary", "Summary"}, {"roles-section", "Role per workspace"}, {"matrix-section", "Role matrix"}, {"graph-section", "Implication graph"}};
    page.body = std::move(body);
    return html::render_page(page);
}

} // namespace minrole::html_format
