#pragma once
// SDK maps (`kind: sdk`, data/sdks/*.yaml): every public method of a Marketo client library and
// the REST operations it sends, so that scanning an application that calls the SDK (and holds
// no path of its own) still finds its operations. `import_sdk` writes such a map by scanning
// the SDK's own source and attributing each call to its enclosing public method.
#include "minrole/source.hpp"

#include <string>
#include <vector>

namespace minrole {

struct SdkMethod {
    std::string name;                    // "lead.find" (node-marketo-rest), "get_lead_by_id" (marketorestpython)
    std::vector<std::string> operations; // "GET /rest/v1/leads.json"
    // What the method sends that no rule matches ("DELETE /rest/v1/leads.json"): kept so that an
    // application calling the method reports it as unmatched rather than losing it.
    std::vector<std::string> unmatched;
    std::string source;                  // "lib/api/lead.js:18": where the SDK defines it
};

struct SdkMap {
    std::string name;     // package name: node-marketo-rest
    std::string version;
    std::string language; // javascript, python ...
    std::vector<std::string> modules;   // import / require names that mean the SDK is used
    // How applications call a method: "member" (client.lead.find(...): the last components of the
    // callee name the method) or "dispatch" (client.execute(method='get_lead_by_id'): the
    // method's name is an argument of `dispatch_function`, keyword `dispatch_argument` or first).
    std::string style = "member";
    std::string dispatch_function;
    std::string dispatch_argument;
    std::vector<SdkMethod> methods;
    std::string file;     // where the map was read from
};

// Parses a `kind: sdk` YAML document; located Error on bad input.
SdkMap parse_sdk_map(const SourceFile& source);
// The maps shipped with minrole (data/sdks/, compiled in).
const std::vector<SdkMap>& builtin_sdk_maps();
// Renders a map as YAML, deterministically (what import-sdk writes and its --check compares).
std::string render_sdk_map(const SdkMap& map);

struct SdkImportOptions {
    std::string name;
    std::string version;
    std::string style = "member";          // or "dispatch"
    std::string dispatch_function;         // with style dispatch
    std::string dispatch_argument;
    std::vector<std::string> modules;      // default: {name}
};

class Router;
// Scans an SDK's source tree and maps each public method to the operations sent inside it
// (through the SDK's own wrappers). Paths in the map are relative to `directory`. A folder below
// it that cannot be read is an Error (a map missing its methods must not be written); a file
// not parsed (over a parse limit) or whose evaluation stopped (over its step budget) gets a
// note in `notes` when given: methods it defines may be missing.
SdkMap import_sdk(const Router& router, const std::string& directory, const SdkImportOptions& options,
                  std::vector<ScanNote>* notes = nullptr);

} // namespace minrole
