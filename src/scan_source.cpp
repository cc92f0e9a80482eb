// Finds Marketo REST calls in source code of any language: string literals (quotes, backticks,
// f-strings), concatenations and interpolations become a path with {x} placeholders; the HTTP
// method comes from the surrounding call (.post(, HttpPost, method: 'POST', curl -X ...).
#include "minrole/redact.hpp"
#include "minrole/scan.hpp"
#include "vocabulary.hpp"

#include <array>
#include <cctype>
#include <optional>

namespace minrole {

namespace {

struct Literal {
    std::size_t begin; // position of the opening quote
    std::size_t end;   // one past the closing quote
    std::string text;  // content with interpolations replaced by {x}
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

std::vector<Literal> literals(std::string_view line) {
    std::vector<Literal> out;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char q = line[i];
        if (q != '"' && q != '\'' && q != '`') {
            continue;
        }
        std::size_t j = i + 1;
        while (j < line.size() && line[j] != q) {
            j += line[j] == '\\' ? 2 : 1;
        }
        if (j >= line.size()) {
            break; // unterminated on this line
        }
        out.push_back(Literal{i, j + 1, neutralise(line.substr(i + 1, j - i - 1), q)});
        i = j;
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

constexpr std::array<std::string_view, 5> kBases{"rest/", "bulk/", "identity/oauth", "userservice/", "subscriptions/"};

// The Marketo part of an assembled string, or nullopt when it does not look like one.
std::optional<std::string> marketo_path(const std::string& text) {
    std::size_t best = std::string::npos;
    for (std::string_view base : kBases) {
        std::size_t at = text.find(base);
        while (at != std::string::npos && at > 0 && text[at - 1] != '/') {
            at = text.find(base, at + 1);
        }
        if (at != std::string::npos && at < best) {
            best = at;
        }
        if (text.compare(0, base.size(), base) == 0) {
            best = 0;
        }
    }
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
                const std::size_t key = lower.rfind("method", at);
                keyed = key != std::string::npos && at - key <= 14;
                // NewRequest("POST", url) and curl --request 'POST'
                keyed = keyed || (at >= 12 && lower.find("newrequest(", at - 12) != std::string::npos &&
                                  lower.find("newrequest(", at - 12) < at);
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
    return redact(body);
}

// Whether the URL expression from `begin` to `end` is the only argument of a fetch() call on the
// line: `fetch(url)`, `await fetch(BASE + "/rest/...")`, `fetch(`${base}/rest/...`).then(...)`. The
// Fetch API's method is GET unless an options object says otherwise, and a call with one argument
// has none. An options object (or any second argument) is left to the other clues: it may be a
// variable holding `method: 'POST'`.
bool fetch_with_url_only(std::string_view line, std::size_t begin, std::size_t end) {
    const std::size_t call = line.rfind("fetch(", begin);
    if (call == std::string_view::npos ||
        (call > 0 && (std::isalnum(static_cast<unsigned char>(line[call - 1])) != 0 || line[call - 1] == '_'))) {
        return false; // no call, or prefetch( / refetch(
    }
    const std::string_view before = line.substr(call + 6, begin - (call + 6));
    if (before.find_first_of(",()") != std::string_view::npos) {
        return false; // the literal is not the first argument, or sits inside another call
    }
    const std::size_t close = line.find_first_of(",()", end);
    return close != std::string_view::npos && line[close] == ')';
}

} // namespace

void scan_source_text(const std::string& file, std::string_view text, const SightingSink& sink) {
    std::vector<std::string_view> lines;
    for (std::size_t start = 0; start <= text.size();) {
        const std::size_t end = std::min(text.find('\n', start), text.size());
        std::string_view line = text.substr(start, end - start);
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        lines.push_back(line);
        start = end + 1;
    }
    for (std::size_t n = 0; n < lines.size(); ++n) {
        const std::string_view line = lines[n];
        if (line.find('/') == std::string_view::npos) {
            continue;
        }
        const auto found = literals(line);
        for (std::size_t i = 0; i < found.size(); ++i) {
            // Assemble a concatenation that starts at this literal.
            std::string assembled = found[i].text;
            std::size_t last = i;
            while (last + 1 < found.size()) {
                const std::string_view between = line.substr(found[last].end, found[last + 1].begin - found[last].end);
                if (!only_concatenation(between)) {
                    break;
                }
                if (has_identifier(between)) {
                    assembled += "{x}";
                }
                assembled += found[last + 1].text;
                ++last;
            }
            auto path = marketo_path(assembled);
            if (!path) {
                continue;
            }
            // A trailing `+ id` fills the last segment.
            const std::string_view tail = line.substr(found[last].end);
            const std::size_t stop = tail.find_first_of(",;)");
            const std::string_view rest = tail.substr(0, stop);
            if (rest.find('+') != std::string_view::npos && has_identifier(rest) && path->back() == '/') {
                *path += "{x}";
            }
            // The method: nearest clue before the literal on the line, else after it, else nearby lines.
            std::string method;
            const auto hints = method_hints(vocab::to_lower(line));
            std::size_t best_before = std::string::npos;
            for (const auto& h : hints) {
                if (h.position < found[i].begin && (best_before == std::string::npos || h.position > best_before)) {
                    best_before = h.position;
                    method = h.method;
                }
            }
            if (method.empty() && !hints.empty()) {
                method = hints.front().method;
            }
            if (method.empty() && fetch_with_url_only(line, found[i].begin, found[last].end)) {
                method = "GET";
            }
            if (method.empty()) {
                // Nearby lines count only where the call plausibly spans them: the line before when
                // it opens a call (`axios.post(` then the URL), and the lines after up to the end
                // of the statement (a fetch options object with `method: 'POST'`).
                std::string seen;
                bool conflict = false;
                auto consider = [&](std::string_view other) {
                    for (const auto& h : method_hints(vocab::to_lower(other))) {
                        conflict = conflict || (!seen.empty() && seen != h.method);
                        seen = h.method;
                    }
                };
                if (n > 0 && lines[n - 1].find_last_of("(") != std::string_view::npos &&
                    lines[n - 1].find_last_of("(") + 1 >= lines[n - 1].find_last_not_of(" \t")) {
                    consider(lines[n - 1]);
                }
                const bool statement_ends_here = line.find(';') != std::string_view::npos ||
                                                 line.find(");") != std::string_view::npos;
                for (std::size_t m = n + 1; !statement_ends_here && m < std::min(lines.size(), n + 4); ++m) {
                    consider(lines[m]);
                    if (lines[m].find(';') != std::string_view::npos || lines[m].find(')') != std::string_view::npos) {
                        break;
                    }
                }
                method = conflict ? std::string() : seen;
            }
            sink(Sighting{method, *path, {}, file, n + 1, trimmed_snippet(line), {}});
            i = last;
        }
    }
}

} // namespace minrole
