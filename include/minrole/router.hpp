#pragma once
// Matches what an integration calls to the endpoint rules. Accepts:
//   "GET /rest/v1/leads.json"                          a template or a concrete path
//   "GET https://123-ABC-456.mktorest.com/rest/v1/lead/318581.json?fields=email"
//   "getLeadByIdUsingGET"                              an operationId
// Concrete paths match templates segment by segment; a literal segment beats a parameter.
// Query parameter names are kept, since some requirements depend on them (leadId).
#include "minrole/rules.hpp"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace minrole {

// A request reduced to what matters for permissions.
struct Request {
    std::string method;    // upper case; empty when the text gave none
    std::string path;      // normalised: decoded, no host, no query, no doubled or trailing slash
    Parameters parameters; // query (and form, for scans) parameter names
    bool method_overridden = false; // POST with _method=GET/DELETE...
};

// Parses "METHOD URL-or-path". Returns nullopt when the text does not look like a request.
std::optional<Request> parse_request(const std::string& text);

enum class MatchStatus { Matched, Unmatched, Ambiguous };

struct RouteMatch {
    MatchStatus status = MatchStatus::Unmatched;
    std::optional<EndpointId> endpoint;  // Matched
    std::vector<EndpointId> candidates;  // Ambiguous: every fit; Unmatched: the closest few
    Request request;
    std::string reason; // why it did not match, in words
};

// A Router reads the RuleSet it was built from without copying it: the rules must outlive it and
// stay unchanged. Every lookup checks that they did and throws std::logic_error otherwise.
class Router {
public:
    explicit Router(const RuleSet& rules);
    ~Router();
    Router(const Router&) = delete;
    Router& operator=(const Router&) = delete;

    // Any accepted form of operation text.
    [[nodiscard]] RouteMatch route(const std::string& text) const;
    // Whether an unmatched request gets the closest endpoints as candidates: a caller that will
    // not show them (scan, past its bound on distinct unmatched paths) skips the search.
    enum class Suggestions : std::uint8_t { Closest, None };
    // A parsed request; a missing method makes every method that fits a candidate.
    [[nodiscard]] RouteMatch route(const Request& request, Suggestions suggestions = Suggestions::Closest) const;
    // Template match only: the endpoint for this method and concrete path, if any.
    [[nodiscard]] std::optional<EndpointId> match(const std::string& method, const std::string& path) const;
    // Every endpoint whose template fits the concrete path, whatever its method.
    [[nodiscard]] std::vector<EndpointId> match_any_method(const std::string& path) const;
    [[nodiscard]] const RuleSet& rules() const { return rules_; }
    [[nodiscard]] std::vector<EndpointId> closest(const std::string& method, const std::string& path,
                                                  std::size_t how_many) const;

private:
    struct Trie;
    const RuleSet& rules_; // must outlive the Router and not change: the trie holds views into it
    std::uint64_t rules_version_; // rules_.version() when built; every lookup checks it
    std::unique_ptr<Trie> trie_;
    void check_rules_unchanged() const;
    std::string resolve_base(const std::string& path) const;
    RouteMatch route_owned(Request request, Suggestions suggestions = Suggestions::Closest) const;
    RouteMatch route_operation_id(const std::string& id) const;
};

} // namespace minrole
