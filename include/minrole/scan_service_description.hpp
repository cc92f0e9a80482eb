#pragma once
// Service descriptions: files that list a client's operations as data instead of building each
// request in code. A JSON, YAML or XML table whose records each carry an HTTP method and a URI,
// usually relative to a base set in the same file or in the project's code: Guzzle service
// descriptions (`operations: {name: {httpMethod, uri}}` with `baseUrl`), the OpenAPI/Swagger
// specs that generated clients and custom connectors ship (`paths` with `basePath` or
// `servers`), low-code connector manifests (`url_base`, `http_method`, `path`) and
// integration-server templates (`<http method="get" uri-template="{uri.var.base}/rest/..."/>`).
#include "minrole/scan.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace minrole {

struct DescribedOperation {
    std::string method;  // upper case: GET, POST, PUT, DELETE or PATCH
    std::string uri;     // as written, every placeholder form ({{ x }}, ${x}, #[x], :x) as {x}
    std::string name;    // the operation's name, or where it sits in the file
    std::uint64_t line = 0;
    std::string base;    // the base in scope in the same file (baseUrl, basePath, url_base, ...), as written
};

// At most this many operations are read from one description; the scan notes the rest.
inline constexpr std::size_t kMaxDescribedOperations = 100000;

struct ServiceDescription {
    std::string file;
    std::string format; // "json", "yaml" or "xml"
    bool mentions_marketo = false; // the text names Marketo (marketo, mktorest)
    std::vector<DescribedOperation> operations;
    // Operations past the 100,000 one description may list, not read (the scan notes them).
    std::uint64_t operations_left_out = 0;
};

// Whether `path` names a file that may hold a description (.json, .yaml, .yml, .xml).
bool is_service_description_file(std::string_view path);

// Whether the text is one of minrole's own reports (scan, recommend, allows, audit, diff, ...
// in JSON, YAML or SARIF: they carry `schema: minrole/<shape>/v1` or the tool name at the top,
// see schemas/). A report lists operations with methods and paths, but as evidence of an earlier
// run, never as calls the project makes: a scan skips it and says so.
bool is_minrole_report(std::string_view text);

// The operations of a description, or nullopt when the text is not one: one of minrole's own
// reports, no record with both a method and a URI (a URI has no whitespace), or text that does not parse. Any project file may be read here, so a
// malformed one is never bad input. Bounded: files over 2 MiB are not read as descriptions, the
// YAML reader's depth and node limits apply, expat caps XML entity expansion, and element
// nesting past 256 is ignored.
std::optional<ServiceDescription> read_service_description(const std::string& file, std::string_view text);

// A base the project's code defines for relative URIs: a string literal that ends at a Marketo
// API root ("https://" + host + ".mktorest.com/rest", sprintf('%s/rest/v%d', ...), "/bulk/v1/").
struct ApiBase {
    std::string path;  // "/rest", "/rest/v1", "/rest/asset/v1" or "/bulk/v1" (a version hole is v1:
                       // Marketo's REST and bulk APIs have no other version)
    std::string where; // file:line
};
void collect_api_bases(const std::string& file, std::string_view text, std::vector<ApiBase>& bases);

// Whether METHOD path is an operation the rules know (the router decides).
using OperationExists = std::function<bool(const std::string& method, const std::string& path)>;

// One sighting per operation, its URI resolved: an absolute path (/rest/..., /bulk/...,
// /identity/..., with any scheme, host or leading placeholder dropped) stands; a relative one is
// joined to the description's own base, else to each base the project defines, else to
// Marketo's usual roots (/rest/v1, /rest, /bulk/v1). Every join to a project base that `exists`
// is reported (several bases can each hold the operation: a lead import POSTs bulk/v1/leads.json,
// a sync rest/v1/leads.json); with the usual roots only the first that exists. When none
// does, the first join is, so that it is reported as unmatched. A description that never names
// Marketo only contributes URIs rooted at a Marketo API path.
void describe_sightings(const ServiceDescription& description, const std::vector<ApiBase>& project_bases,
                        const OperationExists& exists, const SightingSink& sink);

} // namespace minrole
