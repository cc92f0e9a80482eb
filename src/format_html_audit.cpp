// HTML pages for `audit --role` and `audit --instance`: verdict, findings (filterable by
// severity, status, rule, workspace and subject), the role or access matrix, the implication
// graph and the minimal role with its reasons.
#include "html/html.hpp"

#include "minrole/instance.hpp"
#include "report_model.hpp"

#include <map>
#include <set>

namespace minrole::html_format {

using html::text;

namespace {

constexpr std::size_t kEvidenceShown = 12;

std::string evidence_cell(const std::vector<std::string>& evidence) {
    std::vector<std::string> first;
    std::vector<std::string> rest;
    for (std::size_t i = 0; i < evidence.size(); ++i) {
        (i < kEvidenceShown ? first : rest).push_back(html::code(evidence[i]));
    }
    std::string out = html::list(first, "evidence");
    if (!rest.empty()) {
        out += "<details><summary>" + html::plural(rest.size(), "more", "more") + "</summary>" + html::list(rest, "evidence") +
               "</details>";
    }
    return out;
}

struct Counts {
    std::size_t errors = 0;
    std::size_t warnings = 0;
    std::size_t notes = 0;
    std::size_t suppressed = 0;
};

Counts count(const std::vector<Finding>& findings) {
    Counts c;
    for (const auto& f : findings) {
        if (!f.suppressed_by.empty()) {
            ++c.suppressed;
        } else if (f.severity == Severity::Error) {
            ++c.errors;
        } else if (f.severity == Severity::Warning) {
            ++c.warnings;
        } else {
            ++c.notes;
        }
    }
    return c;
}

std::string card(const char* css, std::size_t n, const std::string& label) {
    return "<div class=\"card " + std::string(css) + "\"><span class=\"n\">" + std::to_string(n) + "</span>" + label + "</div>";
}

// The verdict line and the cards: what a reviewer reads first.
std::string summary(const std::vector<Finding>& findings, std::size_t failing, Severity fail_on,
                    const std::vector<std::string>& extra_cards) {
    const Counts c = count(findings);
    std::string out = "<section id=\"summary\"><h2>Summary</h2>\n";
    const std::string threshold = fail_on == Severity::None ? std::string("--fail-on none")
                                                            : std::string("threshold <code>") + to_string(fail_on) + "</code>";
    if (failing > 0) {
        out += "<p class=\"verdict fail\" data-exit=\"1\">Fails: exit status 1 &mdash; " + html::plural(failing, "finding", "findings") +
               " at or above the " + threshold + "</p>\n";
    } else {
        out += "<p class=\"verdict pass\" data-exit=\"0\">Passes: exit status 0 &mdash; no unsuppressed finding at or above the " +
               threshold + "</p>\n";
    }
    out += "<div class=\"cards\">" + card("error", c.errors, "errors") + card("warning", c.warnings, "warnings") +
           card("note", c.notes, "notes") + card("suppressed", c.suppressed, "suppressed");
    for (const auto& extra : extra_cards) {
        out += extra;
    }
    return out + "</div></section>\n";
}

std::string findings_section(const Model& model, const std::vector<Finding>& findings, bool with_subject) {
    std::vector<html::Column> columns{{"Severity", "num"}, {"Rule", "text"}};
    if (with_subject) {
        columns.push_back({"Subject", "text"});
    }
    columns.insert(columns.end(), {{"Workspace", "text"}, {"Permission", "text"}, {"Finding", "text"}, {"Evidence", ""},
                                   {"Where", "text"}, {"Fix", ""}});
    html::Table table("findings", "", columns);
    std::set<std::string> rules;
    std::set<std::string> workspaces;
    std::set<std::string> subjects;
    for (const auto& f : findings) {
        rules.insert(f.rule);
        workspaces.insert(f.workspace);
        subjects.insert(f.subject);
        const bool suppressed = !f.suppressed_by.empty();
        std::string attributes = "data-severity=\"" + std::string(to_string(f.severity)) + "\" data-status=\"" +
                                 (suppressed ? "suppressed" : "active") + "\" data-rule=\"" + text(f.rule) +
                                 "\" data-workspace=\"" + text(f.workspace) + "\"";
        if (with_subject) {
            attributes += " data-subject=\"" + text(f.subject) + "\"";
        }
        if (suppressed) {
            attributes += " class=\"suppressed\"";
        }
        std::string cells = "<td data-key=\"" + std::to_string(static_cast<int>(f.severity)) + "\">" + html::severity_badge(f.severity) +
                            (suppressed ? " " + html::badge("suppressed", "suppressed") : "") + "</td><td class=\"nowrap\">" + html::code(f.rule) +
                            "</td>";
        if (with_subject) {
            cells += "<td>" + text(f.subject) + "</td>";
        }
        cells += "<td>" + text(f.workspace) + "</td><td>" + (f.permission ? text(model.catalog.at(*f.permission).name) : "") +
                 "</td><td class=\"message\">" + text(f.message) + "</td><td>" + evidence_cell(f.evidence) + "</td><td>" +
                 (f.where.known() ? html::code(f.where.to_string()) : "") + "</td><td>";
        if (suppressed) {
            cells += "<p><strong>Suppressed by an exception:</strong> " + text(f.suppressed_by) + "</p>";
        }
        if (const AuditRule* rule = find_audit_rule(f.rule)) {
            cells += "<details><summary>" + text(rule->title) + "</summary>" + text(rule->help) + "</details>";
        }
        table.add_row(attributes, cells + "</td>");
    }
    table.add_filter({"severity", "Severity", true, {{"error", "error"}, {"warning", "warning"}, {"note", "note"}}});
    table.add_filter({"status", "Status", true, {{"active", "active"}, {"suppressed", "suppressed"}}});
    const auto options = [](const std::set<std::string>& values) {
        std::vector<std::pair<std::string, std::string>> out;
        for (const auto& v : values) {
            if (!v.empty()) { // rows without a value show under "all"
                out.emplace_back(text(v), text(v));
            }
        }
        return out;
    };
    table.add_filter({"rule", "Rule", false, options(rules)});
    if (with_subject) {
        table.add_filter({"subject", "Subject", false, options(subjects)});
    }
    table.add_filter({"workspace", "Workspace", false, options(workspaces)});
    table.enable_search();
    return "<section id=\"findings-section\"><h2>Findings (" + std::to_string(findings.size()) + ")</h2>\n" +
           table.render("No findings.") + "</section>\n";
}

} // namespace

std::string audit(const Model& model, const AuditReport& report) {
    html::Page page;
    page.kind = "audit";
    const std::string name = report.role_name.empty() ? report.role_path : report.role_name;
    page.title = "Audit of role " + text(name);
    page.subtitle = "Role file " + html::code(report.role_path);

    // Workspaces: the role's, then those only the intent uses.
    std::vector<html::MatrixColumn> columns;
    const auto column_of = [&](const std::string& workspace) -> html::MatrixColumn& {
        for (auto& c : columns) {
            if (c.workspace == workspace) {
                return c;
            }
        }
        columns.push_back({workspace, model.graph->empty_set(), true, model.graph->empty_set()});
        return columns.back();
    };
    for (const auto& w : report.granted) {
        column_of(w.name).granted = w.set(*model.graph);
    }
    std::size_t needed_count = 0;
    for (const auto& w : report.needed.workspaces) {
        column_of(w.name).needed = w.solution.role;
        needed_count += w.solution.role.count();
    }

    std::string body = summary(report.findings, report.failing(report.fail_on), report.fail_on,
                               {"<div class=\"card\"><span class=\"n\">" + std::to_string(columns.size()) + "</span>workspaces</div>",
                                "<div class=\"card\"><span class=\"n\">" + std::to_string(needed_count) +
                                    "</span>permissions needed</div>"});
    body += findings_section(model, report.findings, false);
    body += "<section id=\"matrix-section\"><h2>Role matrix</h2>\n<p>What the role grants in each workspace against what the "
            "intent needs there.</p>\n" +
            html::role_matrix(model, columns, "matrix") + "</section>\n";
    body += "<section id=\"graph-section\"><h2>Implication graph</h2>\n" +
            html::implication_graph(model, html::graph_nodes(model, columns), "graph") + "</section>\n";
    body += "<section id=\"needed-section\"><h2>Minimal role for the intent</h2>\n" +
            html::recommendation_body(model, report.needed, "needed") + "</section>\n";
    page.sections = {{"summary", "Summary"},
                     {"findings-section", "Findings"},
                     {"matrix-section", "Role matrix"},
                     {"graph-section", "Implication graph"},
                     {"needed-section", "Minimal role"}};
    page.body = std::move(body);
    return html::render_page(page);
}

std::string instance_audit(const Model& model, const InstanceAuditReport& report) {
    html::Page page;
    page.kind = "audit";
    const std::string name = report.instance_name.empty() ? report.instance_path : report.instance_name;
    page.title = "Audit of instance " + text(name);
    page.subtitle = "Instance file " + html::code(report.instance_path);

    std::map<std::string, const ServiceReport*> services;
    for (const auto& s : report.services) {
        services[s.name] = &s;
    }
    std::string body = summary(report.findings, report.failing(report.fail_on), report.fail_on,
                               {"<div class=\"card\"><span class=\"n\">" + std::to_string(report.users.size()) + "</span>users</div>",
                                "<div class=\"card\"><span class=\"n\">" + std::to_string(report.services.size()) +
                                    "</span>services</div>",
                                "<div class=\"card\"><span class=\"n\">" + std::to_string(report.roles.size()) + "</span>roles</div>"});
    body += findings_section(model, report.findings, true);

    // Users and their services x workspaces: which roles are held where, and whether a service needs it.
    std::vector<html::Column> columns{{"User", "text"}, {"Services", "text"}};
    for (const auto& w : report.workspaces) {
        columns.push_back({text(w), "text"});
    }
    html::Table matrix("access", "Roles each user holds per workspace; green where one of its services needs the workspace.",
                       columns);
    matrix.add_filter({"state", "Cells", false, {{"granted", "held, needed"}, {"unused", "held, not needed"}, {"missing", "needed, not held"}}});
    for (const auto& u : report.users) {
        std::set<std::string> needed;
        for (const auto& s : u.services) {
            if (const auto it = services.find(s); it != services.end()) {
                for (const auto& w : it->second->needed.workspaces) {
                    needed.insert(w.name);
                }
            }
        }
        std::vector<std::string> names;
        for (const auto& s : u.services) {
            names.push_back(html::code(s));
        }
        std::string cells = "<th scope=\"row\">" + text(u.user) + (u.api_only ? " " + html::badge("risk-low", "API-only") : "") +
                            "</th><td>" + (names.empty() ? "<span class=\"muted\">none</span>" : report::join(names, " ")) + "</td>";
        std::string states;
        for (const auto& w : report.workspaces) {
            std::vector<std::string> held;
            for (const auto& [workspace, roles] : u.roles) {
                if (workspace == w) {
                    for (const auto& r : roles) {
                        held.push_back(text(r));
                    }
                }
            }
            const bool is_needed = needed.count(w) != 0;
            const char* state = held.empty() ? (is_needed ? "missing" : "none") : (is_needed ? "granted" : "unused");
            cells += "<td class=\"" + std::string(state) + "\">" +
                     (held.empty() ? (is_needed ? std::string("&#10006; needed") : std::string("&middot;")) : report::join(held, "<br>")) +
                     "</td>";
            if (states.find(state) == std::string::npos) {
                states += (states.empty() ? "" : "\n") + std::string(state);
            }
        }
        matrix.add_row("data-state=\"" + states + "\"", cells);
    }
    body += "<section id=\"access-section\"><h2>Access matrix</h2>\n" + matrix.render("The instance lists no users.") + "</section>\n";

    html::Table roles("roles", "", {{"Role", "text"}, {"Holders", "text"}, {"Services", "text"}, {"Minimal replacement", "text"},
                                    {"Granted beyond it", "num"}});
    for (const auto& r : report.roles) {
        std::vector<std::string> holders;
        for (const auto& h : r.holders) {
            holders.push_back(text(h));
        }
        std::vector<std::string> used_by;
        for (const auto& s : r.services) {
            used_by.push_back(html::code(s));
        }
        std::vector<std::string> minimal;
        for (const auto& p : report::names(model.catalog, r.minimal)) {
            minimal.push_back(text(p));
        }
        std::vector<std::string> excess;
        for (PermissionId p : r.excess) {
            excess.push_back(text(model.catalog.at(p).name) + " " + html::risk_badge(model.catalog.at(p).risk));
        }
        roles.add_row("", "<th scope=\"row\">" + text(r.name) + (r.api_only ? " " + html::badge("risk-low", "API-only holders") : "") +
                              "</th><td>" + html::list(holders) + "</td><td>" + html::list(used_by) + "</td><td>" +
                              (minimal.empty() ? "<span class=\"muted\">nothing</span>" : report::join(minimal, ", ")) +
                              "</td><td data-key=\"" + std::to_string(excess.size()) + "\">" + html::list(excess) + "</td>");
    }
    body += "<section id=\"roles-section\"><h2>Roles</h2>\n" + roles.render("The instance defines no roles.") + "</section>\n";

    html::Table service_table("services", "", {{"Service", "text"}, {"User", "text"}, {"Workspace", "text"}, {"Minimal role", "text"},
                                               {"Roles held there", "text"}, {"Intent from", "text"}});
    std::string partitions;
    for (const auto& s : report.services) {
        for (std::size_t i = 0; i < s.needed.workspaces.size(); ++i) {
            const auto& w = s.needed.workspaces[i];
            std::vector<std::string> minimal;
            for (const auto& p : report::names(model.catalog, w.solution.role)) {
                minimal.push_back(text(p));
            }
            std::vector<std::string> held;
            if (i < s.granted_roles.size()) {
                for (const auto& r : s.granted_roles[i].second) {
                    held.push_back(text(r));
                }
            }
            service_table.add_row("", "<th scope=\"row\">" + html::code(s.name) + "</th><td>" + text(s.user) + "</td><td>" +
                                          text(w.name) + "</td><td>" +
                                          (minimal.empty() ? "<span class=\"muted\">nothing</span>" : report::join(minimal, ", ")) +
                                          "</td><td>" + (held.empty() ? "<span class=\"muted\">none</span>" : report::join(held, ", ")) +
                                          "</td><td>" + text(s.source) + "</td>");
        }
        for (const auto& p : s.partitions) {
            std::vector<std::string> reaching;
            for (const auto& r : p.reaching) {
                reaching.push_back(html::code(r));
            }
            partitions += "<li>" + html::code(s.name) + ": partition " + html::code(p.partition) + " is reached by " +
                          report::join(reaching, ", ") + "; recommended workspace " + html::code(p.workspace) + "</li>";
        }
    }
    body += "<section id=\"services-section\"><h2>Services</h2>\n" + service_table.render("The instance lists no services.") +
            (partitions.empty() ? "" : "<ul>" + partitions + "</ul>\n") + "</section>\n";
    page.sections = {{"summary", "Summary"},
                     {"findings-section", "Findings"},
                     {"access-section", "Access matrix"},
                     {"roles-section", "Roles"},
                     {"services-section", "Services"}};
    page.body = std::move(body);
    return html::render_page(page);
}

} // namespace minrole::html_format
