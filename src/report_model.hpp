#pragma once
// The report model: what every format shows, computed once per result by report.cpp
// (build_*), so formats only render it. Names are resolved, lists sorted, counts counted and
// candidate lists turned into endpoint keys here; a format decides layout and escaping, never
// which facts exist. Private to the library (the format files and their unit tests).
//
// The seam for output formats: a format is a `Renderers` value (one function pointer per
// result type it supports, the others null) defined in src/format_<name>.cpp, and one row in
// kFormatTable (src/report.cpp). formats_for() reads that table, so the CLI offers exactly the
// formats a result can be rendered in.
#include "minrole/report.hpp"

#include "vocabulary.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace minrole::report {

// ---- catalog and rules ----------------------------------------------------------------------

// One permission as `explain` shows it.
struct PermissionFacts {
    const Model* model = nullptr;
    PermissionId id = 0;
    std::vector<std::string> implies;    // transitively, catalog order, without itself
    std::vector<std::string> implied_by; // permissions that imply it, catalog order
    std::vector<std::string> parents;    // the needs-parent chain, nearest first
    std::vector<EndpointId> endpoints;   // endpoints whose requirement it takes part in
};

// One endpoint as `explain` shows it.
struct EndpointFacts {
    const Model* model = nullptr;
    EndpointId id = 0;
    std::string replacement; // superseded_by, with the replacement's "METHOD /path" when known
};

struct LintView {
    const LintReport* source = nullptr;
    std::size_t errors = 0;
    std::size_t warnings = 0;
    std::size_t notes = 0;
};

// ---- recommend ------------------------------------------------------------------------------

struct OperationView {
    const OperationOutcome* outcome = nullptr;
    std::string label;                   // "GET /rest/v1/leads.json" when matched, else the input
    const Endpoint* endpoint = nullptr;  // the matched endpoint, if any
    std::vector<std::string> candidates; // unmatched/ambiguous: the closest endpoints' keys
    std::string replacement;             // deprecated/superseded endpoint: what to use instead
    [[nodiscard]] bool unresolved() const; // unmatched or ambiguous
};

struct JustificationView {
    std::string permission;
    Risk risk = Risk::Low;
    std::vector<std::string> operations; // labels, sorted
    std::vector<std::string> parent_of;  // permission names
    bool test_only = false; // Justification::test_only
};

// What reports print beside a test_only justification.
inline constexpr const char* kTestOnlyNote = "only because of test code";

struct WorkspaceView {
    const WorkspaceRecommendation* source = nullptr;
    std::vector<std::string> permissions;            // the role, sorted
    std::vector<JustificationView> justifications;   // sorted by permission name
    std::vector<std::vector<std::string>> alternatives;
    std::vector<OperationView> operations;           // intent order
};

struct RecommendationView {
    const Model* model = nullptr;
    const Recommendation* source = nullptr;
    std::vector<WorkspaceView> workspaces;
};

// ---- allows, diff, scan ---------------------------------------------------------------------

struct ReachView {
    const WorkspaceReach* source = nullptr;
    std::vector<std::string> granted;   // sorted
    std::vector<std::string> effective; // sorted
    std::vector<std::pair<std::string, std::size_t>> by_area;  // sorted by area
    std::vector<std::pair<Power, std::size_t>> by_power;       // least dangerous first
};

struct AllowsView {
    const Model* model = nullptr;
    const Reach* source = nullptr;
    std::vector<ReachView> workspaces;
};

struct DiffWorkspaceView {
    const WorkspaceDiff* source = nullptr;
    std::vector<std::string> added;   // permission names, diff order
    std::vector<std::string> removed;
    std::vector<std::string> newly_allowed; // endpoint keys
    std::vector<std::string> no_longer_allowed;
};

struct DiffView {
    const Model* model = nullptr;
    const RoleDiff* source = nullptr;
    std::vector<DiffWorkspaceView> workspaces;
    std::size_t widened = 0;  // endpoints newly allowed, all workspaces
    std::size_t narrowed = 0; // endpoints no longer allowed
};

struct ScanView {
    const Model* model = nullptr;
    const ScanResult* source = nullptr;
    std::vector<std::vector<std::string>> ambiguous_candidates; // per result.ambiguous entry
    std::vector<std::vector<std::string>> unmatched_closest;    // per result.unmatched entry
};

// ---- audits ---------------------------------------------------------------------------------

struct FindingView {
    const Finding* source = nullptr;
    std::string permission; // name, empty when the finding names none
    bool suppressed = false;
};

struct FindingCounts {
    std::size_t listed = 0; // every finding the report lists, suppressed ones included
    std::size_t active = 0; // not suppressed
    std::size_t suppressed = 0;
    std::size_t errors = 0; // active ones by severity
    std::size_t warnings = 0;
    std::size_t notes = 0;
};

struct MinimalRoleView {
    std::string workspace;
    std::vector<std::string> permissions; // sorted; empty = nothing needed
};

struct AuditView {
    const Model* model = nullptr;
    const AuditReport* source = nullptr;
    std::string title; // the role's name, else its file
    std::vector<FindingView> findings;
    FindingCounts counts;
    std::vector<MinimalRoleView> minimal;
};

struct ServiceWorkspaceView {
    std::string name;
    std::vector<std::string> minimal;    // sorted
    std::vector<std::string> held;       // roles the user holds there
    std::vector<std::string> operations; // labels, sorted, unique
};

struct ServiceView {
    const ServiceReport* source = nullptr;
    std::vector<ServiceWorkspaceView> workspaces;
};

struct RoleView {
    const RoleReport* source = nullptr;
    std::vector<std::string> minimal; // sorted
    std::vector<std::string> excess;  // names, report order
};

struct InstanceAuditView {
    const Model* model = nullptr;
    const InstanceAuditReport* source = nullptr;
    std::string title; // the instance's name, else its file
    std::vector<FindingView> findings;
    FindingCounts counts;
    std::vector<ServiceView> services;
    std::vector<RoleView> roles;
};

// ---- builders (report_model.cpp) ------------------------------------------------------------

PermissionFacts build_permission(const Model& model, PermissionId id);
EndpointFacts build_endpoint(const Model& model, EndpointId id);
LintView build_lint(const LintReport& report);
RecommendationView build_recommendation(const Model& model, const Recommendation& recommendation);
AllowsView build_allows(const Model& model, const Reach& reach);
DiffView build_diff(const Model& model, const RoleDiff& diff);
ScanView build_scan(const Model& model, const ScanResult& result);
AuditView build_audit(const Model& model, const AuditReport& report);
InstanceAuditView build_instance_audit(const Model& model, const InstanceAuditReport& report);

// ---- the format seam ------------------------------------------------------------------------

// One output format: a renderer per result type it supports; null = not available.
struct Renderers {
    std::string (*permissions)(const Model&) = nullptr;
    std::string (*endpoints)(const Model&, const std::vector<EndpointId>&) = nullptr;
    std::string (*explain_permission)(const PermissionFacts&) = nullptr;
    std::string (*explain_endpoint)(const EndpointFacts&) = nullptr;
    std::string (*graph)(const Model&) = nullptr;
    std::string (*lint)(const LintView&) = nullptr;
    std::string (*recommendation)(const RecommendationView&) = nullptr;
    std::string (*allows)(const AllowsView&) = nullptr;
    std::string (*audit)(const AuditView&) = nullptr;
    std::string (*instance_audit)(const InstanceAuditView&) = nullptr;
    std::string (*diff)(const DiffView&) = nullptr;
    std::string (*scan)(const ScanView&) = nullptr;
};

// A row of the format table.
struct FormatRow {
    Format format;
    const char* name; // as --format spells it
    const Renderers* renderers;
};
// The table itself, in the order `--help` lists formats.
const std::vector<FormatRow>& format_table();

// Each format's renderers, defined in its src/format_<name>.cpp.
extern const Renderers kTextRenderers;
extern const Renderers kJsonRenderers;
extern const Renderers kYamlRenderers;
extern const Renderers kMarkdownRenderers;
extern const Renderers kSarifRenderers;
extern const Renderers kDotRenderers;
extern const Renderers kMermaidRenderers;
extern const Renderers kHtmlRenderers;

// ---- helpers every format shares ------------------------------------------------------------

// Role members by name, sorted: the order every format prints.
std::vector<std::string> names(const Catalog& catalog, const PermissionSet& set);
std::vector<std::string> names(const Catalog& catalog, const std::vector<PermissionId>& ids);
std::vector<std::string> keys(const Model& model, const std::vector<EndpointId>& ids);
std::vector<std::string> sorted(std::vector<std::string> items); // sorted, duplicates dropped
using vocab::join;
// Whether any operation of the workspace matched an endpoint: an empty role then means "no
// permission needed", otherwise only that nothing could be worked out.
bool any_matched(const WorkspaceView& w);
// "1 endpoint", "2 endpoints": a count and its noun, singular for exactly one.
std::string count_of(std::size_t n, const std::string& noun);
// "text and its reasons": a justification's operations, then "parent of X" for each child.
std::vector<std::string> reasons(const JustificationView& j);

} // namespace minrole::report
