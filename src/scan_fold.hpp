#pragma once
// Where every sighting of a scan ends up (scan_fold.cpp): each request text is parsed and
// routed, and folded into one operation per endpoint, method and relevant parameters (or one
// ambiguous or unmatched entry per text), counting calls and keeping the first few sightings as
// evidence.
#include "scan_route_cache.hpp"

#include "minrole/router.hpp"
#include "minrole/scan.hpp"

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace minrole::scanning {

struct FoldKey {
    EndpointId endpoint;
    std::string method;
    std::string parameters;
    bool operator<(const FoldKey& o) const {
        return std::tie(endpoint, method, parameters) < std::tie(o.endpoint, o.method, o.parameters);
    }
};

constexpr std::size_t kEvidenceKept = 3;
constexpr std::size_t kUnmatchedKept = kUnmatchedListed;

// One scan's operations, ambiguous and unmatched sightings, filled by add() and moved out by into().
class Folder {
public:
    Folder(const Router& router, const RuleSet& rules, bool cache_routes)
        : router_(router), rules_(rules), cache_routes_(cache_routes), fold_digits_(digits_fold(rules)) {}

    void add(Sighting&& s);

    // A log line's request. Real logs repeat a few hundred request shapes millions of times, so
    // each shape is parsed and routed once (route_key()); a repeat only counts the call.
    void add(const std::string& file, const LogRequest& r);

    void into(ScanResult& result);

private:
    const Router& router_;
    const RuleSet& rules_;
    const bool cache_routes_;
    const bool fold_digits_;
    std::map<FoldKey, ScannedOperation> matched_;
    std::map<std::string, AmbiguousSighting> ambiguous_;
    std::map<std::string, UnmatchedSighting> unmatched_;
    std::uint64_t unmatched_left_out_ = 0; // sightings of unmatched paths beyond kUnmatchedKept
    RouteCache cache_;
    std::string key_;
    std::set<std::tuple<const void*, std::string, std::uint64_t>> code_sites_; // (where it landed, file, line) of parsed-code sightings

    // Parses and routes one request text. `snippet` (redacted) or else `raw` (redacted here)
    // becomes the snippet of an operation seen for the first time.
    Outcome resolve(const std::string& text, const std::string& snippet, std::string_view raw);
    UnmatchedSighting* unmatched(const std::string& text, const std::vector<EndpointId>& closest);
    // The structured evidence of a sighting from code (logs keep only file:line).
    static void detail(const Outcome& outcome, const Sighting& s);
    // Counts the call; the first few sightings are kept as evidence, formatted only then.
    void record(const Outcome& outcome, const std::string& file, std::uint64_t line);
};

} // namespace minrole::scanning
