// Finds Marketo REST calls in source code of any language: string literals (quotes, backticks,
// f-strings), concatenations and interpolations become a path with {x} placeholders; the HTTP
// method comes from the surrounding call (.post(, HttpPost, method: 'POST', curl -X ...).
//
// Linear in the size of the text, with memory bounded by the longest line: a minified bundle
// is one line of megabytes holding hundreds of thousands of literals, so nothing here searches
// the whole line once per literal. Literals are read as a stream (a concatenation joins at most
// kMaxChain of them, kMaxAssembled bytes), each line's method clues are found once, and the
// searches a sighting makes around its literal go through forward-only cursors.
#include "code_marketo_path.hpp"
#include "minrole/redact.hpp"
#include "minrole/scan.hpp"
#include "vocabulary.hpp"

#include <array>
#include <algorithm>
#include <cctype>
#include <deque>
#include <iterator>
#include <optional>

namespace minrole {

namespace {

// A concatenation of literals is assembled from at most this many literals and grows no longer
// than this (the evaluator's kMaxText): what a path needs, and the bound on the work per literal.
constexpr std::size_t kMaxChain = 64;
constexpr std::size_t kMaxAssembled = 4096;

struct Literal {
    std::size_t begin; // position of the opening quote
    std::size_t end;   // one past the closing quote
    std::string text;  // content with interpolations replaced by {x}
    bool joined = false;     // only a concatenation (+ or .) separates it from the literal before
    bool identifier = false; // ... and that concatenation names something (`" + id + "`)
};

// Replaces ${..} #{..} {..} %s %d $var with {x}: whatever the code fills in at run time.
std::string neutralise(std::string_view raw, char quote) {
    std::string out;
    for (std::size_t i = 0; i < raw.size(); ++i) {
        const char c = raw[i];
        if ((c == '$' || c == '#') && i + 1 < raw.size() && raw[i + 1] == '{') {
            const std::size_t close = raw.find('}', i + 2);
            out += "{x}";
            i = close == std::string_view::npos ? raw.size() : close;
        } else if (c == '{') {
            const std::size_t close = raw.find('}', i + 1);
            out += "{x}";
            i = close == std::string_view::npos ? raw.size() : close;
        } else if (c == '%' && i + 1 < raw.size() && std::isalpha(static_cast<unsigned char>(raw[i + 1])) != 0) {
            out += "{x}";
            ++i;
        } else if (c == '$' && quote == '"' && i + 1 < raw.size() &&
                   (std::isalpha(static_cast<unsigned char>(raw[i + 1])) != 0 || raw[i + 1] == '_')) {
            std::size_t j = i + 1;
            while (j < raw.size() && (std::isalnum(static_cast<unsigned char>(raw[j])) != 0 || raw[j] == '_')) {
                ++j;
            }
            out += "{x}";
            i = j - 1;
        } else if (c == '\\' && i + 1 < raw.size()) {
            out += raw[i + 1];
            ++i;
        } else {
            out += c;
        }
    }
    return out;
}

bool only_concatenation(std::string_view between) {
    // `" + id + "`, `" . $id . "`, `" + String(id) + "` : joined by + or . and no argument break.
    bool joiner = false;
    int depth = 0;
    for (char c : between) {
        if (c == '+' || c == '.') {
            joiner = true;
        } else if (c == '(' || c == '[') {
            ++depth;
        } else if (c == ')' || c == ']') {
            if (--depth < 0) {
                return false;
            }
        } else if ((c == ',' || c == ';' || c == '{' || c == '}') && depth == 0) {
            return false;
        }
    }
    return joiner && depth == 0;
}

bool has_identifier(std::string_view text) {
    for (char c : text) {
        if (std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_') {
            return true;
        }
    }
    return false;
}

// The Marketo part of an assembled string, or nullopt when it does not look like one.
std::optional<std::string> marketo_path(const std::string& text) {
    const std::size_t best = code::find_api_base(text);
    if (best != std::string::npos) {
        const std::size_t from = best > 0 ? best - 1 : 0;
        std::string path = text.substr(from);
        if (path.front() != '/') {
            path.insert(path.begin(), '/');
        }
        // A base URL alone ("https://x.mktorest.com/rest") is configuration, not a call.
        return path.find('/', 1) == std::string::npos ? std::nullopt : std::optional<std::string>(path);
    }
    // Relative to a /rest base: "/v1/leads.json", "/asset/v1/email/{x}/approveDraft.json".
    for (std::string_view prefix : {std::string_view("/v1/"), std::string_view("/v2/"), std::string_view("/asset/v")}) {
        if (text.compare(0, prefix.size(), prefix) == 0 &&
            (text.find(".json") != std::string::npos || prefix == "/asset/v" || text.find("/asset/") != std::string::npos)) {
            return text;
        }
    }
    return std::nullopt;
}

struct MethodHint {
    std::size_t position;
    std::string method;
};

bool word_boundary_before(std::string_view text, std::size_t at) {
    return at == 0 || std::isalnum(static_cast<unsigned char>(text[at - 1])) == 0;
}

// Every HTTP-method clue in a (lower-cased) line, with its position.
std::vector<MethodHint> method_hints(const std::string& lower) {
    static constexpr std::array<std::string_view, 5> kWords{"get", "post", "put", "delete", "patch"};
    std::vector<MethodHint> hints;
    for (std::string_view word : kWords) {
        std::string upper(word);
        for (auto& c : upper) {
            c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        }
        for (std::size_t at = lower.find(word); at != std::string::npos; at = lower.find(word, at + 1)) {
            std::size_t after = at + word.size();
            // Call style: .post(  ->post(  requests.get(  client.PostAsync(  http.Get(
            std::size_t k = after;
            if (lower.compare(k, 5, "async") == 0) {
                k += 5;
            }
            while (k < lower.size() && lower[k] == ' ') {
                ++k;
            }
            const bool call = k < lower.size() && lower[k] == '(' && at > 0 &&
                              (lower[at - 1] == '.' || lower[at - 1] == '>' || lower[at - 1] == ':');
            // Type or constant style: HttpPost, HttpMethod.Post, http.MethodPost, Net::HTTP::Post, :post
            const bool typed = (at >= 4 && lower.compare(at - 4, 4, "http") == 0) ||
                               (at >= 6 && lower.compare(at - 6, 6, "method") == 0) ||
                               (at >= 7 && lower.compare(at - 7, 7, "method.") == 0) ||
                               (at >= 6 && lower.compare(at - 6, 6, "http::") == 0);
            const bool symbol = at > 0 && lower[at - 1] == ':' && (after >= lower.size() || !std::isalnum(static_cast<unsigned char>(lower[after])));
            // Quoted value near a "method" key: method: 'POST', "method": "post", method="POST"
            bool keyed = false;
            if (at > 0 && (lower[at - 1] == '\'' || lower[at - 1] == '"') && after < lower.size() &&
                (lower[after] == '\'' || lower[after] == '"')) {
                // "method" starting at most 14 characters before (searched in that window only:
                // the line may be megabytes long)
                const std::size_t window = at >= 14 ? at - 14 : 0;
                keyed = std::string_view(lower).substr(window, at - window + 6).rfind("method") != std::string_view::npos;
                // NewRequest("POST", url) and curl --request 'POST': "newrequest(" starting in
                // the 12 characters before
                keyed = keyed || (at >= 12 && std::string_view(lower).substr(at - 12, 22).find("newrequest(") != std::string_view::npos);
            }
            // curl -X POST / --request POST / -XPOST
            const bool curl = (at >= 3 && lower.compare(at - 3, 3, "-x ") == 0) ||
                              (at >= 2 && lower.compare(at - 2, 2, "-x") == 0) ||
                              (at >= 10 && lower.compare(at - 10, 10, "--request ") == 0);
            if ((call || typed || symbol || keyed || curl) &&
                (after >= lower.size() || std::isalpha(static_cast<unsigned char>(lower[after])) == 0 ||
                 lower.compare(after, 5, "async") == 0) &&
                (typed || word_boundary_before(lower, at) || lower[at - 1] == 'x')) {
                hints.push_back(MethodHint{at, upper});
            }
        }
    }
    // A curl command without -X: a body means POST, none means GET.
    const std::size_t curl_at = lower.find("curl ");
    if (curl_at != std::string::npos && hints.empty()) {
        const bool body = lower.find(" -d ", curl_at) != std::string::npos ||
                          lower.find(" --data", curl_at) != std::string::npos ||
                          lower.find(" -f ", curl_at) != std::string::npos;
        hints.push_back(MethodHint{curl_at, body ? "POST" : "GET"});
    }
    return hints;
}

std::string trimmed_snippet(std::string_view line) {
    const auto begin = line.find_first_not_of(" \t");
    if (begin == std::string_view::npos) {
        return {};
    }
    std::string_view body = line.substr(begin);
    if (body.size() > 160) {
        body = body.substr(0, 160);
    }
    return redact_code(body);
}

// Forward-only search over one line: the first position at or after `from` whose character
// satisfies the predicate, or npos. Queries that come in increasing order (the sightings of a
// line do) reuse the last answer until they pass it, so the line is read once in all.
class NextOf {
public:
    NextOf(std::string_view line, bool (*wanted)(char)) : line_(line), wanted_(wanted) {}
    std::size_t operator()(std::size_t from) {
        if (!asked_ || from < from_ || (found_ != std::string_view::npos && found_ < from)) {
            found_ = from;
            while (found_ < line_.size() && !wanted_(line_[found_])) {
                ++found_;
            }
            if (found_ >= line_.size()) {
                found_ = std::string_view::npos;
            }
        }
        asked_ = true;
        from_ = from;
        return found_;
    }

private:
    std::string_view line_;
    bool (*wanted_)(char);
    bool asked_ = false;
    std::size_t from_ = 0;
    std::size_t found_ = std::string_view::npos;
};

// The last position before `before` holding `,`, `(` or `)`, or npos; read forward as the
// queries grow.
class LastSeparator {
public:
    explicit LastSeparator(std::string_view line) : line_(line) {}
    std::size_t operator()(std::size_t before) {
        if (before < scanned_) {
            return before == 0 ? std::string_view::npos : line_.find_last_of(",()", before - 1);
        }
        for (; scanned_ < before && scanned_ < line_.size(); ++scanned_) {
            if (separator(line_[scanned_])) {
                last_ = scanned_;
            }
        }
        return last_;
    }
    static bool separator(char c) { return c == ',' || c == '(' || c == ')'; }

private:
    std::string_view line_;
    std::size_t scanned_ = 0;
    std::size_t last_ = std::string_view::npos;
};

bool identifier_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; }

// Whether the URL expression from `begin` to `end` is the only argument of a fetch() call on the
// line: `fetch(url)`, `await fetch(BASE + "/rest/...")`, `fetch(`${base}/rest/...`).then(...)`. The
// Fetch API's method is GET unless an options object says otherwise, and a call with one argument
// has none. An options object (or any second argument) is left to the other clues: it may be a
// variable holding `method: 'POST'`.
// The call is the last `fetch(` before the literal with no `,`, `(` or `)` between its parenthesis
// and the literal, so it is the `(` of the last separator before the literal (the literal's quote
// cannot sit inside a `fetch(`).
bool fetch_with_url_only(std::string_view line, std::size_t begin, std::size_t end, LastSeparator& last_separator,
                         NextOf& next_separator) {
    const std::size_t paren = last_separator(begin);
    if (paren == std::string_view::npos || line[paren] != '(' || paren < 5 || line.substr(paren - 5, 6) != "fetch(") {
        return false; // no call, or the literal is not its first argument, or sits inside another call
    }
    const std::size_t call = paren - 5;
    if (call > 0 && identifier_char(line[call - 1])) {
        return false; // prefetch( / refetch(
    }
    const std::size_t close = next_separator(end);
    return close != std::string_view::npos && line[close] == ')';
}

// One line and what is worked out about it once, whatever number of sightings asks.
struct LineFacts {
    std::string_view text;
    bool hinted = false;
    std::vector<MethodHint> hints;       // method_hints() order
    std::vector<MethodHint> by_position; // the same, sorted by position

    const std::vector<MethodHint>& method_clues() {
        if (!hinted) {
            hinted = true;
            hints = method_hints(vocab::to_lower(text));
            by_position = hints;
            std::sort(by_position.begin(), by_position.end(),
                      [](const MethodHint& a, const MethodHint& b) { return a.position < b.position; });
        }
        return hints;
    }
    // The method of the nearest clue before `at`, or "".
    std::string clue_before(std::size_t at) {
        method_clues();
        const auto it = std::lower_bound(by_position.begin(), by_position.end(), at,
                                         [](const MethodHint& h, std::size_t position) { return h.position < position; });
        return it == by_position.begin() ? std::string() : std::prev(it)->method;
    }
    // Opens a call that the next line continues: its last `(` ends it (but for blanks).
    bool opens_call() {
        if (!ends_known) {
            ends_known = true;
            const std::size_t paren = text.find_last_of('(');
            call_opened = paren != std::string_view::npos && paren + 1 >= text.find_last_not_of(" \t");
            has_semicolon = text.find(';') != std::string_view::npos;
            has_end = text.find_first_of(";)") != std::string_view::npos;
        }
        return call_opened;
    }
    // Ends a statement: holds a `;` (`;` or `)` with `or_paren`).
    bool ends_statement(bool or_paren) {
        opens_call();
        return or_paren ? has_end : has_semicolon;
    }

    bool ends_known = false;
    bool call_opened = false;
    bool has_semicolon = false;
    bool has_end = false;
};

// The lines of a text, read as they are asked for; only a window around the current one is kept
// (the line before it and the three after it are all a sighting looks at).
class Lines {
public:
    explicit Lines(std::string_view text) : text_(text) {}
    // Line `m` (0-based), or null past the end or before the kept window.
    LineFacts* at(std::size_t m) {
        while (m >= first_ + kept_.size() && next_ <= text_.size()) {
            const std::size_t end = std::min(text_.find('\n', next_), text_.size());
            std::string_view line = text_.substr(next_, end - next_);
            if (!line.empty() && line.back() == '\r') {
                line.remove_suffix(1);
            }
            kept_.push_back(LineFacts{line, false, {}, {}, false, false, false, false});
            next_ = end + 1;
        }
        return m < first_ || m >= first_ + kept_.size() ? nullptr : &kept_[m - first_];
    }
    void forget_before(std::size_t m) {
        while (first_ < m && !kept_.empty()) {
            kept_.pop_front();
            ++first_;
        }
    }

private:
    std::string_view text_;
    std::size_t next_ = 0; // where line first_ + kept_.size() starts
    std::size_t first_ = 0;
    std::deque<LineFacts> kept_;
};

// The string literals of a line, one at a time; an unterminated one ends the line's literals.
class LiteralStream {
public:
    explicit LiteralStream(std::string_view line) : line_(line) {}
    std::optional<Literal> next() {
        for (; at_ < line_.size(); ++at_) {
            const char q = line_[at_];
            if (q != '"' && q != '\'' && q != '`') {
                continue;
            }
            std::size_t j = at_ + 1;
            while (j < line_.size() && line_[j] != q) {
                j += line_[j] == '\\' ? 2 : 1;
            }
            if (j >= line_.size()) {
                at_ = line_.size();
                return std::nullopt; // unterminated on this line
            }
            Literal out{at_, j + 1, neutralise(line_.substr(at_ + 1, j - at_ - 1), q)};
            if (previous_end_) {
                const std::string_view between = line_.substr(*previous_end_, at_ - *previous_end_);
                out.joined = only_concatenation(between);
                out.identifier = out.joined && has_identifier(between);
            }
            previous_end_ = j + 1;
            at_ = j + 1;
            return out;
        }
        return std::nullopt;
    }

private:
    std::string_view line_;
    std::size_t at_ = 0;
    std::optional<std::size_t> previous_end_;
};

// The method of a sighting found on line `n` with no clue on its own line: the line before when
// it opens a call (`axios.post(` then the URL), and the lines after up to the end of the
// statement (a fetch options object with `method: 'POST'`), when they agree.
std::string method_nearby(Lines& lines, std::size_t n) {
    std::string seen;
    bool conflict = false;
    auto consider = [&](LineFacts& other) {
        for (const auto& h : other.method_clues()) {
            conflict = conflict || (!seen.empty() && seen != h.method);
            seen = h.method;
        }
    };
    if (n > 0) {
        if (LineFacts* before = lines.at(n - 1); before != nullptr && before->opens_call()) {
            consider(*before);
        }
    }
    const bool statement_ends_here = lines.at(n)->ends_statement(false);
    for (std::size_t m = n + 1; !statement_ends_here && m < n + 4; ++m) {
        LineFacts* after = lines.at(m);
        if (after == nullptr) {
            break;
        }
        consider(*after);
        if (after->ends_statement(true)) {
            break;
        }
    }
    return conflict ? std::string() : seen;
}

// The sightings of one line.
void scan_line(const std::string& file, Lines& lines, std::size_t n, const SightingSink& sink) {
    LineFacts& facts = *lines.at(n);
    const std::string_view line = facts.text;
    LiteralStream stream(line);
    std::deque<Literal> found; // found[0] is the literal a concatenation may start at
    auto have = [&](std::size_t count) {
        while (found.size() < count) {
            auto next = stream.next();
            if (!next) {
                return false;
            }
            found.push_back(std::move(*next));
        }
        return true;
    };
    NextOf next_stop(line, [](char c) { return c == ',' || c == ';' || c == ')'; });
    NextOf next_plus(line, [](char c) { return c == '+'; });
    NextOf next_identifier(line, identifier_char);
    NextOf next_separator(line, &LastSeparator::separator);
    LastSeparator last_separator(line);
    while (have(1)) {
        // Assemble a concatenation that starts at this literal.
        std::string assembled = found[0].text;
        std::size_t last = 0;
        while (last + 1 < kMaxChain && assembled.size() < kMaxAssembled && have(last + 2) && found[last + 1].joined) {
            if (found[last + 1].identifier) {
                assembled += "{x}";
            }
            assembled += found[last + 1].text;
            ++last;
        }
        auto path = marketo_path(assembled);
        if (!path) {
            found.pop_front();
            continue;
        }
        const std::size_t begin = found[0].begin;
        const std::size_t end = found[last].end;
        // A trailing `+ id` fills the last segment: a `+` and a name before the next , ; or ).
        const std::size_t stop = std::min(next_stop(end), line.size());
        const std::size_t plus = next_plus(end);
        const std::size_t name = next_identifier(end);
        if (plus != std::string_view::npos && plus < stop && name != std::string_view::npos && name < stop && path->back() == '/') {
            *path += "{x}";
        }
        // The method: nearest clue before the literal on the line, else after it, else nearby lines.
        std::string method = facts.clue_before(begin);
        if (method.empty() && !facts.method_clues().empty()) {
            method = facts.method_clues().front().method;
        }
        if (method.empty() && fetch_with_url_only(line, begin, end, last_separator, next_separator)) {
            method = "GET";
        }
        if (method.empty()) {
            method = method_nearby(lines, n);
        }
        sink(Sighting{method, *path, {}, file, n + 1, trimmed_snippet(line), {}});
        found.erase(found.begin(), found.begin() + static_cast<std::ptrdiff_t>(last + 1));
    }
}

} // namespace

void scan_source_text(const std::string& file, std::string_view text, const SightingSink& sink) {
    Lines lines(text);
    for (std::size_t n = 0; lines.at(n) != nullptr; ++n) {
        lines.forget_before(n > 0 ? n - 1 : 0);
        if (lines.at(n)->text.find('/') == std::string_view::npos) {
            continue;
        }
        scan_line(file, lines, n, sink);
    }
}

} // namespace minrole
