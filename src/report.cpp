// Dispatch: each render_* builds the report model once and hands it to the chosen format.
// The format table below is the one place that says which formats exist and (through the
// renderers each row points to) which results each supports; the CLI reads it through
// formats_for() and default_format().
#include "minrole/report.hpp"

#include "report_model.hpp"

#include <algorithm>

namespace minrole {

namespace report {

// One row per output format, in the order `--help` lists them. Adding a format: its file
// (src/format_<name>.cpp defining a Renderers value), its Format enumerator and one row here.
const std::vector<FormatRow>& format_table() {
    static const std::vector<FormatRow> table{
        {Format::Text, "text", &kTextRenderers},        {Format::Json, "json", &kJsonRenderers},
        {Format::Yaml, "yaml", &kYamlRenderers},        {Format::Markdown, "md", &kMarkdownRenderers},
        {Format::Sarif, "sarif", &kSarifRenderers},     {Format::Dot, "dot", &kDotRenderers},
        {Format::Mermaid, "mermaid", &kMermaidRenderers},
    };
    return table;
}

} // namespace report

namespace {

using report::Renderers;

// Per result: how errors name it, the format used without --format, and whether a format's
// renderers include it.
struct ResultRow {
    Result result;
    const char* what;
    Format fallback;
    bool (*supported)(const Renderers&);
};

const ResultRow kResults[] = {
    {Result::Permissions, "permissions", Format::Text, [](const Renderers& r) { return r.permissions != nullptr; }},
    {Result::Endpoints, "endpoints", Format::Text, [](const Renderers& r) { return r.endpoints != nullptr; }},
    {Result::Explain, "explain", Format::Text, [](const Renderers& r) { return r.explain_permission != nullptr; }},
    {Result::Graph, "graph", Format::Dot, [](const Renderers& r) { return r.graph != nullptr; }},
    {Result::Lint, "lint", Format::Text, [](const Renderers& r) { return r.lint != nullptr; }},
    {Result::Recommendation, "recommend", Format::Text, [](const Renderers& r) { return r.recommendation != nullptr; }},
    {Result::Allows, "allows", Format::Text, [](const Renderers& r) { return r.allows != nullptr; }},
    {Result::Audit, "audit", Format::Text, [](const Renderers& r) { return r.audit != nullptr; }},
    {Result::InstanceAudit, "audit --instance", Format::Text, [](const Renderers& r) { return r.instance_audit != nullptr; }},
    {Result::Diff, "diff", Format::Text, [](const Renderers& r) { return r.diff != nullptr; }},
    {Result::Scan, "scan", Format::Yaml, [](const Renderers& r) { return r.scan != nullptr; }},
};

const ResultRow& row_of(Result result) {
    return *std::find_if(std::begin(kResults), std::end(kResults), [&](const ResultRow& r) { return r.result == result; });
}

// The chosen format's renderers, or the located "not available" error.
const Renderers& renderers(Format format, Result result) {
    for (const auto& row : report::format_table()) {
        if (row.format == format && row_of(result).supported(*row.renderers)) {
            return *row.renderers;
        }
    }
    throw Error(std::string("format '") + to_string(format) + "' is not available for " + row_of(result).what);
}

} // namespace

std::optional<Format> parse_format(const std::string& name) {
    for (const auto& row : report::format_table()) {
        if (name == row.name) {
            return row.format;
        }
    }
    return std::nullopt;
}

const char* to_string(Format format) {
    for (const auto& row : report::format_table()) {
        if (row.format == format) {
            return row.name;
        }
    }
    return "?";
}

std::vector<Format> formats_for(Result result) {
    std::vector<Format> out;
    for (const auto& row : report::format_table()) {
        if (row_of(result).supported(*row.renderers)) {
            out.push_back(row.format);
        }
    }
    return out;
}

Format default_format(Result result) { return row_of(result).fallback; }

std::string render_permissions(const Model& model, Format format) {
    return renderers(format, Result::Permissions).permissions(model);
}

std::string render_endpoints(const Model& model, const std::vector<EndpointId>& endpoints, Format format) {
    return renderers(format, Result::Endpoints).endpoints(model, endpoints);
}

std::string render_explain_permission(const Model& model, PermissionId id, Format format) {
    return renderers(format, Result::Explain).explain_permission(report::build_permission(model, id));
}

std::string render_explain_endpoint(const Model& model, EndpointId id, Format format) {
    return renderers(format, Result::Explain).explain_endpoint(report::build_endpoint(model, id));
}

std::string render_graph(const Model& model, Format format) { return renderers(format, Result::Graph).graph(model); }

std::string render_lint(const LintReport& report, Format format) {
    return renderers(format, Result::Lint).lint(report::build_lint(report));
}

std::string render_recommendation(const Model& model, const Recommendation& recommendation, Format format) {
    return renderers(format, Result::Recommendation).recommendation(report::build_recommendation(model, recommendation));
}

std::string render_allows(const Model& model, const Reach& reach, Format format) {
    return renderers(format, Result::Allows).allows(report::build_allows(model, reach));
}

std::string render_audit(const Model& model, const AuditReport& report, Format format) {
    return renderers(format, Result::Audit).audit(report::build_audit(model, report));
}

std::string render_instance_audit(const Model& model, const InstanceAuditReport& report, Format format) {
    return renderers(format, Result::InstanceAudit).instance_audit(report::build_instance_audit(model, report));
}

std::string render_diff(const Model& model, const RoleDiff& diff, Format format) {
    return renderers(format, Result::Diff).diff(report::build_diff(model, diff));
}

std::string render_scan(const Model& model, const ScanResult& result, Format format) {
    return renderers(format, Result::Scan).scan(report::build_scan(model, result));
}

} // namespace minrole
