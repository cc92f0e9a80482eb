// Folding sightings into a scan's operations: routing each request text once (through the
// route cache for log lines), and counting calls and evidence where it lands.
#include "scan_fold.hpp"

#include "minrole/display.hpp"

#include "minrole/redact.hpp"

#include <functional>
#include <string>

namespace minrole::scanning {

void Folder::add(Sighting&& s) {
    const std::string text = s.method.empty() ? s.target : s.method + " " + s.target;
    const Outcome outcome = resolve(text, s.snippet, s.raw);
    // One call in parsed code may send several texts that land on one operation (a query value
    // that is an argument or a reassigned local: ?sinceDatetime={x} and ?sinceDatetime=2020-...):
    // one call site, one sighting. (Log lines are requests: each one counts.)
    if (!s.derivation.empty()) {
        const void* where = outcome.operation != nullptr   ? static_cast<const void*>(outcome.operation)
                            : outcome.ambiguous != nullptr ? static_cast<const void*>(outcome.ambiguous)
                                                           : static_cast<const void*>(outcome.unmatched);
        if (where != nullptr && !code_sites_.emplace(where, s.file, s.line).second) {
            return;
        }
    }
    record(outcome, s.file, s.line);
    detail(outcome, s);
}

// A log line's request. Real logs repeat a few hundred request shapes millions of times, so
// each shape is parsed and routed once (route_key()); a repeat only counts the call.
void Folder::add(const std::string& file, const LogRequest& r) {
    if (!cache_routes_ || !route_key(r.method, r.target, fold_digits_, key_)) {
        add(Sighting{std::string(r.method), std::string(r.target), {}, file, r.line, {}, r.raw});
        return;
    }
    // A matched route holds for every path with the same folded digits; anything else (whose
    // report names the concrete path) only for the exact key.
    std::size_t hash = std::hash<std::string_view>{}(key_);
    const Outcome* hit = cache_.find(key_, hash);
    if (hit != nullptr && (hit->operation != nullptr || !fold_digits_)) {
        record(*hit, file, r.line);
        return;
    }
    if (fold_digits_) {
        route_key(r.method, r.target, false, key_);
        hash = std::hash<std::string_view>{}(key_);
        hit = cache_.find(key_, hash);
        if (hit != nullptr) {
            record(*hit, file, r.line);
            return;
        }
    }
    std::string text(r.method);
    if (!text.empty()) {
        text += ' ';
    }
    text += r.target;
    const Outcome outcome = resolve(text, {}, r.raw);
    if (outcome.operation != nullptr && fold_digits_) {
        route_key(r.method, r.target, true, key_);
        hash = std::hash<std::string_view>{}(key_);
    }
    cache_.insert(key_, hash, outcome);
    record(outcome, file, r.line);
}

void Folder::into(ScanResult& result) {
    for (auto& [key, op] : matched_) {
        result.operations.push_back(std::move(op));
    }
    for (auto& [key, a] : ambiguous_) {
        result.ambiguous.push_back(std::move(a));
    }
    for (auto& [key, u] : unmatched_) {
        result.unmatched.push_back(std::move(u));
    }
    result.unmatched_left_out = unmatched_left_out_;
}

// Parses and routes one request text. `snippet` (redacted) or else `raw` (redacted here)
// becomes the snippet of an operation seen for the first time.
Outcome Folder::resolve(const std::string& text, const std::string& snippet, std::string_view raw) {
    auto request = parse_request(text);
    if (!request) {
        // No query values in the report, whatever they hold.
        return {nullptr, nullptr, unmatched(redact(text.substr(0, text.find('?'))), {})};
    }
    // The closest endpoints are shown for an unmatched path the first time it is kept: none for
    // one already listed, or past the list's bound (a log of distinct junk paths would search
    // the rules for every line).
    const std::string unmatched_text = (request->method.empty() ? "" : request->method + " ") + request->path;
    const bool suggest = unmatched_.count(unmatched_text) == 0 && unmatched_.size() < kUnmatchedKept;
    const RouteMatch match = router_.route(*request, suggest ? Router::Suggestions::Closest : Router::Suggestions::None);
    if (match.status == MatchStatus::Matched) {
        const Endpoint& e = rules_.at(*match.endpoint);
        Parameters relevant;
        for (const auto& p : e.requirement.conditional_parameters()) {
            if (request->parameters.count(p) != 0) {
                relevant.insert(p);
            }
        }
        std::string joined;
        for (const auto& p : relevant) {
            joined += p + ",";
        }
        auto [it, inserted] = matched_.try_emplace(FoldKey{*match.endpoint, e.method, joined});
        ScannedOperation& op = it->second;
        if (inserted) {
            op.endpoint = *match.endpoint;
            op.method = e.method;
            op.parameters = relevant;
            op.snippet = snippet.empty() ? redact(raw) : snippet;
        }
        return {&op, nullptr, nullptr};
    }
    if (match.status == MatchStatus::Ambiguous) {
        const std::string target = clip_echo(request->path);
        AmbiguousSighting& a = ambiguous_[target];
        a.target = target;
        a.candidates = match.candidates;
        return {nullptr, &a, nullptr};
    }
    return {nullptr, nullptr, unmatched(unmatched_text, match.candidates)};
}

UnmatchedSighting* Folder::unmatched(const std::string& whole, const std::vector<EndpointId>& closest) {
    // Kept and listed by its first kEchoBytes (display.hpp): 10,000 distinct 64 KiB log paths
    // would otherwise be 640 MB (1,000 of 60 KB made a 60 MB report and a 295 MB peak).
    // Paths alike in that much fold into one.
    const std::string text = clip_echo(whole);
    // Bounded: a hostile log full of distinct junk paths must not grow memory without limit.
    if (unmatched_.size() >= kUnmatchedKept && unmatched_.count(text) == 0) {
        return nullptr;
    }
    UnmatchedSighting& u = unmatched_[text];
    u.text = text;
    if (u.closest.empty()) {
        u.closest = closest;
    }
    return &u;
}

// The structured evidence of a sighting from code (logs keep only file:line).
void Folder::detail(const Outcome& outcome, const Sighting& s) {
    const auto keep = [&](auto* into) {
        into->test_only = (into->calls == 1 || into->test_only) && s.test;
        if (into->sightings.size() < kEvidenceKept) {
            into->sightings.push_back(Evidence{s.file, s.line, s.function, s.derivation.empty() ? "literal" : s.derivation, s.test});
        }
    };
    if (outcome.operation != nullptr) {
        keep(outcome.operation);
    } else if (outcome.ambiguous != nullptr) {
        keep(outcome.ambiguous);
    } else if (outcome.unmatched != nullptr) {
        keep(outcome.unmatched);
    }
}

// Counts the call; the first few sightings are kept as evidence, formatted only then.
void Folder::record(const Outcome& outcome, const std::string& file, std::uint64_t line) {
    const auto count = [&](auto* into) {
        ++into->calls;
        if (into->evidence.size() < kEvidenceKept) {
            into->evidence.push_back(file + ":" + std::to_string(line));
        }
    };
    if (outcome.operation != nullptr) {
        count(outcome.operation);
    } else if (outcome.ambiguous != nullptr) {
        count(outcome.ambiguous);
    } else if (outcome.unmatched != nullptr) {
        count(outcome.unmatched);
    } else {
        ++unmatched_left_out_; // an unmatched path beyond the list's bound: counted, never silent
    }
}

} // namespace minrole::scanning
