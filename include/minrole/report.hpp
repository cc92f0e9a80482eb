#pragma once
// Rendering. Computation never prints: commands build a result, these functions turn it into
// text in one format. Each render_* computes the report model once (src/report_model.hpp) and
// hands it to the chosen format's renderer; each format lives in its own source file
// (src/format_<name>.cpp) and is one row of the format table in src/report.cpp, which also
// answers which formats a result supports (formats_for). ARCHITECTURE.md: "Adding an output format".
#include "minrole/allows.hpp"
#include "minrole/audit.hpp"
#include "minrole/diff.hpp"
#include "minrole/instance.hpp"
#include "minrole/lint.hpp"
#include "minrole/scan.hpp"
#include "minrole/loader.hpp"
#include "minrole/recommend.hpp"

#include <optional>
#include <string>
#include <vector>

namespace minrole {

enum class Format { Text, Json, Yaml, Markdown, Sarif, Dot, Mermaid };

std::optional<Format> parse_format(const std::string& name);
const char* to_string(Format format);

// The results a subcommand renders. Explain covers permissions and endpoints.
enum class Result { Permissions, Endpoints, Explain, Graph, Lint, Recommendation, Allows, Audit, InstanceAudit, Diff, Scan };
// The formats a result can be rendered in, in format-table order (what `--format` accepts).
std::vector<Format> formats_for(Result result);
// The format a subcommand uses without --format (dot for graph, yaml for scan, else text).
Format default_format(Result result);

std::string render_permissions(const Model& model, Format format);
std::string render_endpoints(const Model& model, const std::vector<EndpointId>& endpoints, Format format);
std::string render_explain_permission(const Model& model, PermissionId id, Format format);
std::string render_explain_endpoint(const Model& model, EndpointId id, Format format);
std::string render_graph(const Model& model, Format format);
std::string render_lint(const LintReport& report, Format format);
std::string render_recommendation(const Model& model, const Recommendation& recommendation, Format format);
std::string render_allows(const Model& model, const Reach& reach, Format format);
std::string render_audit(const Model& model, const AuditReport& report, Format format);
std::string render_instance_audit(const Model& model, const InstanceAuditReport& report, Format format);
std::string render_diff(const Model& model, const RoleDiff& diff, Format format);
std::string render_scan(const Model& model, const ScanResult& result, Format format);

} // namespace minrole
