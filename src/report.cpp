#include "minrole/report.hpp"

#include "report_common.hpp"

#include <array>
#include <utility>

namespace minrole {

// Each format's renderers, defined in its own file.
namespace text {
std::string permissions(const Model&);
std::string endpoints(const Model&, const std::vector<EndpointId>&);
std::string explain_permission(const Model&, PermissionId);
std::string explain_endpoint(const Model&, EndpointId);
std::string lint(const LintReport&);
std::string recommendation(const Model&, const Recommendation&);
std::string allows(const Model&, const Reach&);
std::string audit(const Model&, const AuditReport&);
std::string instance_audit(const Model&, const InstanceAuditReport&);
std::string diff(const Model&, const RoleDiff&);
std::string scan(const Model&, const ScanResult&);
} // namespace text
namespace json {
std::string permissions(const Model&);
std::string endpoints(const Model&, const std::vector<EndpointId>&);
std::string explain_permission(const Model&, PermissionId);
std::string explain_endpoint(const Model&, EndpointId);
std::string graph(const Model&);
std::string lint(const LintReport&);
std::string recommendation(const Model&, const Recommendation&);
std::string allows(const Model&, const Reach&);
std::string audit(const Model&, const AuditReport&);
std::string instance_audit(const Model&, const InstanceAuditReport&);
std::string diff(const Model&, const RoleDiff&);
std::string scan(const Model&, const ScanResult&);
} // namespace json
namespace yaml_format {
std::string recommendation(const Model&, const Recommendation&);
std::string scan(const Model&, const ScanResult&);
} // namespace yaml_format
namespace markdown {
std::string recommendation(const Model&, const Recommendation&);
std::string permissions(const Model&);
std::string audit(const Model&, const AuditReport&);
std::string instance_audit(const Model&, const InstanceAuditReport&);
std::string diff(const Model&, const RoleDiff&);
} // namespace markdown
namespace sarif {
std::string audit(const Model&, const AuditReport&);
std::string instance_audit(const Model&, const InstanceAuditReport&);
} // namespace sarif
namespace graph_format {
std::string dot(const Model&);
std::string mermaid(const Model&);
} // namespace graph_format
namespace html_format {
std::string recommendation(const Model&, const Recommendation&);
std::string allows(const Model&, const Reach&);
std::string audit(const Model&, const AuditReport&);
std::string instance_audit(const Model&, const InstanceAuditReport&);
std::string diff(const Model&, const RoleDiff&);
} // namespace html_format

namespace {
constexpr std::array<std::pair<Format, const char*>, 8> kFormats{{{Format::Text, "text"},
                                                                  {Format::Json, "json"},
                                                                  {Format::Yaml, "yaml"},
                                                                  {Format::Markdown, "md"},
                                                                  {Format::Sarif, "sarif"},
                                                                  {Format::Dot, "dot"},
                                                                  {Format::Mermaid, "mermaid"},
                                                                  {Format::Html, "html"}}};

[[noreturn]] void unsupported(Format format, const char* what) {
    throw Error(std::string("format '") + to_string(format) + "' is not available for " + what);
}
} // namespace

std::optional<Format> parse_format(const std::string& name) {
    for (const auto& [format, text] : kFormats) {
        if (name == text) {
            return format;
        }
    }
    return std::nullopt;
}

const char* to_string(Format format) {
    for (const auto& [f, text] : kFormats) {
        if (f == format) {
            return text;
        }
    }
    return "?";
}

namespace report {

std::vector<EndpointId> endpoints_unlocked_by(const Model& model, PermissionId id) {
    // An endpoint counts when its requirement names this permission or one it implies:
    // the permission takes part in reaching it (alone, or with the others an all-of needs).
    std::vector<EndpointId> out;
    std::vector<PermissionId> named;
    for (EndpointId e = 0; e < model.rules.size(); ++e) {
        named.clear();
        model.rules.at(e).requirement.collect_permissions(named);
        if (std::any_of(named.begin(), named.end(), [&](PermissionId p) { return model.graph->implies(id, p); })) {
            out.push_back(e);
        }
    }
    return out;
}

std::vector<std::string> justification_labels(const Model& model, const WorkspaceRecommendation& w,
                                              const Justification& j) {
    std::vector<std::string> out;
    for (std::size_t i : j.operations) {
        out.push_back(operation_label(model, w.operations[i]));
    }
    return sorted(out);
}

} // namespace report

std::string render_permissions(const Model& model, Format format) {
    switch (format) {
    case Format::Text:
        return text::permissions(model);
    case Format::Json:
        return json::permissions(model);
    case Format::Markdown:
        return markdown::permissions(model);
    default:
        unsupported(format, "permissions");
    }
}

std::string render_endpoints(const Model& model, const std::vector<EndpointId>& endpoints, Format format) {
    switch (format) {
    case Format::Text:
        return text::endpoints(model, endpoints);
    case Format::Json:
        return json::endpoints(model, endpoints);
    default:
        unsupported(format, "endpoints");
    }
}

std::string render_explain_permission(const Model& model, PermissionId id, Format format) {
    switch (format) {
    case Format::Text:
        return text::explain_permission(model, id);
    case Format::Json:
        return json::explain_permission(model, id);
    default:
        unsupported(format, "explain");
    }
}

std::string render_explain_endpoint(const Model& model, EndpointId id, Format format) {
    switch (format) {
    case Format::Text:
        return text::explain_endpoint(model, id);
    case Format::Json:
        return json::explain_endpoint(model, id);
    default:
        unsupported(format, "explain");
    }
}

std::string render_graph(const Model& model, Format format) {
    switch (format) {
    case Format::Dot:
        return graph_format::dot(model);
    case Format::Mermaid:
        return graph_format::mermaid(model);
    case Format::Json:
        return json::graph(model);
    default:
        unsupported(format, "graph");
    }
}

std::string render_lint(const LintReport& report, Format format) {
    switch (format) {
    case Format::Text:
        return text::lint(report);
    case Format::Json:
        return json::lint(report);
    default:
        unsupported(format, "lint");
    }
}

std::string render_recommendation(const Model& model, const Recommendation& recommendation, Format format) {
    switch (format) {
    case Format::Text:
        return text::recommendation(model, recommendation);
    case Format::Json:
        return json::recommendation(model, recommendation);
    case Format::Yaml:
        return yaml_format::recommendation(model, recommendation);
    case Format::Markdown:
        return markdown::recommendation(model, recommendation);
    case Format::Html:
        return html_format::recommendation(model, recommendation);
    default:
        unsupported(format, "recommend");
    }
}

} // namespace minrole

namespace minrole {

std::string render_allows(const Model& model, const Reach& reach, Format format) {
    switch (format) {
    case Format::Text:
        return text::allows(model, reach);
    case Format::Json:
        return json::allows(model, reach);
    case Format::Html:
        return html_format::allows(model, reach);
    default:
        unsupported(format, "allows");
    }
}

std::string render_audit(const Model& model, const AuditReport& report, Format format) {
    switch (format) {
    case Format::Text:
        return text::audit(model, report);
    case Format::Json:
        return json::audit(model, report);
    case Format::Markdown:
        return markdown::audit(model, report);
    case Format::Sarif:
        return sarif::audit(model, report);
    case Format::Html:
        return html_format::audit(model, report);
    default:
        unsupported(format, "audit");
    }
}

std::string render_instance_audit(const Model& model, const InstanceAuditReport& report, Format format) {
    switch (format) {
    case Format::Text:
        return text::instance_audit(model, report);
    case Format::Json:
        return json::instance_audit(model, report);
    case Format::Markdown:
        return markdown::instance_audit(model, report);
    case Format::Sarif:
        return sarif::instance_audit(model, report);
    case Format::Html:
        return html_format::instance_audit(model, report);
    default:
        unsupported(format, "audit --instance");
    }
}

std::string render_diff(const Model& model, const RoleDiff& diff, Format format) {
    switch (format) {
    case Format::Text:
        return text::diff(model, diff);
    case Format::Json:
        return json::diff(model, diff);
    case Format::Markdown:
        return markdown::diff(model, diff);
    case Format::Html:
        return html_format::diff(model, diff);
    default:
        unsupported(format, "diff");
    }
}

} // namespace minrole

namespace minrole {

std::string render_scan(const Model& model, const ScanResult& result, Format format) {
    switch (format) {
    case Format::Text:
        return text::scan(model, result);
    case Format::Json:
        return json::scan(model, result);
    case Format::Yaml:
        return yaml_format::scan(model, result);
    default:
        unsupported(format, "scan");
    }
}

} // namespace minrole
