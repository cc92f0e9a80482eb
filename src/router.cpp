// Router: operation text to endpoint. Request parsing is router_request.cpp, the trie of
// templates router_trie.{hpp,cpp}, the nearest match for what matches nothing router_nearest.
#include "minrole/router.hpp"

#include "minrole/display.hpp"

#include "router_nearest.hpp"
#include "router_trie.hpp"
#include "vocabulary.hpp"

#include <stdexcept>

namespace minrole {

Router::Router(const RuleSet& rules)
    : rules_(rules), rules_version_(rules.version()), trie_(std::make_unique<Trie>()) {
    Trie& trie = *trie_;
    std::vector<std::string_view> segments;
    for (EndpointId id = 0; id < rules.size(); ++id) {
        const Endpoint& e = rules.at(id);
        std::uint32_t node = 0;
        segments.clear();
        routing::split_segments(e.path, segments);
        for (const auto segment : segments) {
            node = routing::is_literal(segment) ? trie.literal_child(node, segment) : trie.pattern_child(node, segment);
        }
        trie.set_method(node, e.method, id);
    }
}

Router::~Router() = default;

void Router::check_rules_unchanged() const {
    if (rules_.version() != rules_version_) {
        throw std::logic_error("the rules changed after the Router was built from them; build a new Router");
    }
}

namespace {

// The longest endpoint template is about 100 characters; the nearest ones to a longer path are
// found from its first 256 (README "Hardening: guarantees and limits").
constexpr std::size_t kMaxClosestText = 256;

// The segments of the path resolved against its API base (see resolve_base): views into `path`,
// or into `storage` in the odd case of a relative path that does not start with a slash.
std::vector<std::string_view> resolved_segments(const std::string& path, std::string& storage) {
    std::vector<std::string_view> segments;
    if (vocab::has_api_base(path)) {
        routing::split_segments(path, segments);
        return segments;
    }
    if (!path.empty() && path.front() != '/') {
        storage = "/rest" + path; // "/rest" + "v1/x" is "/restv1/x"
        routing::split_segments(storage, segments);
        return segments;
    }
    segments.push_back(vocab::kDefaultBase);
    routing::split_segments(path, segments);
    return segments;
}

} // namespace

std::string Router::resolve_base(const std::string& path) const {
    return vocab::has_api_base(path) ? path : "/rest" + path;
}

std::optional<EndpointId> Router::match(const std::string& method, const std::string& path) const {
    check_rules_unchanged();
    std::string storage;
    const auto segments = resolved_segments(path, storage);
    const EndpointId* hit = trie_->walk(0, segments, 0, method);
    if (hit == nullptr) {
        return std::nullopt;
    }
    return *hit;
}

std::vector<EndpointId> Router::match_any_method(const std::string& path) const {
    check_rules_unchanged();
    // Each method on its own: a literal template may fit one method while a parameter template
    // fits another (GET .../email/ccFields.json vs POST .../email/{id}.json).
    std::string storage;
    const auto segments = resolved_segments(path, storage);
    std::vector<EndpointId> out;
    for (std::string_view method : vocab::kMethods) {
        if (const EndpointId* hit = trie_->walk(0, segments, 0, method)) {
            out.push_back(*hit);
        }
    }
    return out;
}

std::vector<EndpointId> Router::closest(const std::string& method, const std::string& path,
                                        std::size_t how_many) const {
    check_rules_unchanged();
    trie_->prepare_closest(rules_);
    // Compared by its first kMaxClosestText characters: every template is far shorter, and a
    // path of kilobytes (a hostile concatenation, read from a minified bundle) would otherwise
    // cost an edit distance of kilobytes against every endpoint.
    std::string wanted = vocab::to_lower(resolve_base(path));
    if (wanted.size() > kMaxClosestText) {
        wanted.resize(kMaxClosestText);
    }
    routing::Distance distance(std::move(wanted));
    const routing::CharCounts wanted_counts = routing::count_chars(distance.wanted);
    const std::uint8_t wanted_method = vocab::method_index(method);
    // The method and the character counts (small arrays, not the endpoints) give each endpoint a
    // lower bound; only the few with the smallest bounds get the edit distance.
    const auto penalty = [&](EndpointId id) -> std::size_t {
        if (method.empty()) {
            return 0;
        }
        const std::uint8_t m = trie_->method_of[id];
        const bool same = m == vocab::kOtherMethod || wanted_method == vocab::kOtherMethod ? rules_.at(id).method == method
                                                                                           : m == wanted_method;
        return same ? 0 : 3;
    };
    return routing::nearest(
        how_many, rules_.size(),
        [&](EndpointId id) { return penalty(id) + routing::counts_bound(wanted_counts, trie_->path_counts[id]); },
        [&](EndpointId id, std::size_t limit) {
            const std::size_t p = penalty(id);
            return p > limit ? limit + 1 : distance(trie_->lower_path(id), limit - p) + p;
        });
}

RouteMatch Router::route(const Request& request, Suggestions suggestions) const { return route_owned(Request(request), suggestions); }

RouteMatch Router::route_owned(Request request, Suggestions suggestions) const {
    RouteMatch result;
    if (request.method.empty()) {
        result.candidates = match_any_method(request.path);
        if (result.candidates.size() == 1) {
            result.status = MatchStatus::Matched;
            result.endpoint = result.candidates.front();
            result.candidates.clear();
            result.request = std::move(request);
            return result;
        }
        if (!result.candidates.empty()) {
            result.status = MatchStatus::Ambiguous;
            result.reason = "no HTTP method given and the path fits several operations";
            result.request = std::move(request);
            return result;
        }
    } else if (auto id = match(request.method, request.path)) {
        result.status = MatchStatus::Matched;
        result.endpoint = id;
        result.request = std::move(request);
        return result;
    }
    result.status = MatchStatus::Unmatched;
    result.reason = "no endpoint rule matches " + (request.method.empty() ? "" : request.method + " ") + clip_echo(request.path);
    if (suggestions == Suggestions::Closest) {
        result.candidates = closest(request.method, request.path, 3);
    }
    result.request = std::move(request);
    return result;
}

RouteMatch Router::route(const std::string& text) const {
    check_rules_unchanged();
    if (auto request = parse_request(text)) {
        if (request->path != "/" || text.find('/') != std::string::npos) {
            return route_owned(std::move(*request));
        }
    }
    return route_operation_id(std::string(vocab::trim(text, " \t")));
}

RouteMatch Router::route_operation_id(const std::string& id) const {
    RouteMatch result;
    if (auto endpoint = rules_.find_operation(id)) {
        result.status = MatchStatus::Matched;
        result.endpoint = endpoint;
        result.request.method = rules_.at(*endpoint).method;
        result.request.path = rules_.at(*endpoint).path;
        return result;
    }
    result.status = MatchStatus::Unmatched;
    result.reason = "'" + clip_echo(id) + "' is neither a known operationId nor a METHOD /path";
    routing::Distance distance(vocab::to_lower(id));
    const auto gap = [&](EndpointId e) {
        const std::size_t size = rules_.at(e).operation_id.size();
        return size > distance.wanted.size() ? size - distance.wanted.size() : distance.wanted.size() - size;
    };
    result.candidates = routing::nearest(3, rules_.size(), gap, [&](EndpointId e, std::size_t limit) {
        return distance(vocab::to_lower(rules_.at(e).operation_id), limit);
    });
    return result;
}

} // namespace minrole
