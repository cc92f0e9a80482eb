// HTTP traffic: Common/Combined Log Format, JSON-lines access logs, plain text lines holding
// a method and a Marketo URL, and HAR files. Logs are read in fixed-size chunks, never whole.
#include "json_input.hpp"
#include "minrole/redact.hpp"
#include "minrole/scan.hpp"
#include "minrole/source.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace minrole {

namespace {

constexpr std::array<std::string_view, 5> kMethods{"GET", "POST", "PUT", "DELETE", "PATCH"};
constexpr std::array<std::string_view, 4> kOtherMethods{"HEAD", "OPTIONS", "CONNECT", "TRACE"};

// Bytes that end a URL on a log line; a table, since the walk over each target is hot.
constexpr std::array<bool, 256> kUrlChar = [] {
    std::array<bool, 256> table{};
    for (std::size_t c = 0; c < table.size(); ++c) {
        table[c] = true;
    }
    for (const unsigned char c : std::string_view(" \"'\t<>\\")) {
        table[c] = false;
    }
    return table;
}();

bool url_char(char c) { return kUrlChar[static_cast<unsigned char>(c)]; }

bool ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

char ascii_upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

// Whether the '/' at `at` starts a Marketo API base ("/rest/", "/bulk/" ...); with `escaped`,
// also a base followed by "\\/" ("\\/rest\\/v1" in a JSON log): a line without either form has no
// marker once its slashes are unescaped.
bool base_at(const char* at, const char* end, bool escaped) {
    const std::size_t left = static_cast<std::size_t>(end - at) - 1;
    std::size_t name = 0; // length of the base's name, without its '/'
    if (left < 5) {
        return false;
    }
    switch (at[1]) {
    case 'r': name = std::memcmp(at + 1, "rest", 4) == 0 ? 4 : 0; break;
    case 'b': name = std::memcmp(at + 1, "bulk", 4) == 0 ? 4 : 0; break;
    case 'i': name = left > 8 && std::memcmp(at + 1, "identity", 8) == 0 ? 8 : 0; break;
    case 'u': name = left > 11 && std::memcmp(at + 1, "userservice", 11) == 0 ? 11 : 0; break;
    case 's': name = left > 13 && std::memcmp(at + 1, "subscriptions", 13) == 0 ? 13 : 0; break;
    default: break;
    }
    if (name == 0) {
        return false;
    }
    return at[1 + name] == '/' || (escaped && at[1 + name] == '\\' && left > name + 1 && at[2 + name] == '/');
}

// Position of the '/' that starts a Marketo API path, or npos. The hot path of a log scan: most
// lines hold a dozen slashes and no base, so slashes are found 16 bytes at a time.
std::size_t find_marker(std::string_view line, std::size_t from, bool escaped = false) {
    const char* const begin = line.data();
    const char* const end = begin + line.size();
    const char* at = begin + std::min(from, line.size());
#if defined(__SSE2__)
    const __m128i slash = _mm_set1_epi8('/');
    for (; end - at >= 16; at += 16) {
        auto mask = static_cast<unsigned>(
            _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(at)), slash)));
        while (mask != 0) {
            const char* candidate = at + __builtin_ctz(mask);
            if (base_at(candidate, end, escaped)) {
                return static_cast<std::size_t>(candidate - begin);
            }
            mask &= mask - 1;
        }
    }
#endif
    for (; at < end; ++at) {
        if (*at == '/' && base_at(at, end, escaped)) {
            return static_cast<std::size_t>(at - begin);
        }
    }
    return std::string_view::npos;
}

std::string_view token_before(std::string_view line, std::size_t at) {
    std::size_t end = at;
    while (end > 0 && (line[end - 1] == ' ' || line[end - 1] == '"' || line[end - 1] == '\'' || line[end - 1] == '\t')) {
        --end;
    }
    std::size_t begin = end;
    while (begin > 0 && ascii_alpha(line[begin - 1])) {
        --begin;
    }
    return line.substr(begin, end - begin);
}

std::string upper(std::string_view text) {
    std::string out(text);
    for (auto& c : out) {
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return out;
}

// The entry of `names` (upper case) that `word` spells in any case, or an empty view.
template <std::size_t N>
std::string_view spelled(std::string_view word, const std::array<std::string_view, N>& names) {
    for (std::string_view name : names) {
        if (word.size() == name.size() &&
            std::equal(word.begin(), word.end(), name.begin(),
                       [](char a, char b) { return ascii_upper(a) == b; })) {
            return name;
        }
    }
    return {};
}

// "method":"POST", method=POST, "verb": "post", "request_method": "GET" anywhere on the line.
std::string_view keyed_method(std::string_view line) {
    for (std::string_view key : {std::string_view("method"), std::string_view("verb")}) {
        for (std::size_t at = line.find(key); at != std::string_view::npos; at = line.find(key, at + 1)) {
            std::size_t k = at + key.size();
            while (k < line.size() && (line[k] == '"' || line[k] == '\'' || line[k] == ' ' || line[k] == ':' || line[k] == '=')) {
                ++k;
            }
            std::size_t end = k;
            while (end < line.size() && ascii_alpha(line[end])) {
                ++end;
            }
            const std::string_view method = spelled(line.substr(k, end - k), kMethods);
            if (!method.empty()) {
                return method;
            }
        }
    }
    return {};
}

void scan_unescaped_line(std::uint64_t line_number, std::string_view line, std::size_t marker, const LogRequestSink& sink) {
    if (marker == std::string_view::npos) {
        return;
    }
    // Prefer the request URL over, say, a referer: the first marker right after a method word.
    std::size_t chosen = std::string_view::npos;
    std::string_view method;
    for (std::size_t at = marker; at != std::string_view::npos; at = find_marker(line, at + 1)) {
        std::size_t start = at;
        while (start > 0 && url_char(line[start - 1])) {
            --start;
        }
        const std::string_view word = token_before(line, start);
        if (!spelled(word, kOtherMethods).empty()) {
            return; // HEAD / OPTIONS preflight: not an API call that needs a permission
        }
        method = spelled(word, kMethods);
        if (!method.empty()) {
            chosen = start;
            break;
        }
        if (chosen == std::string_view::npos) {
            chosen = start;
        }
    }
    if (method.empty()) {
        method = keyed_method(line);
    }
    std::size_t end = chosen;
    while (end < line.size() && url_char(line[end])) {
        ++end;
    }
    sink(LogRequest{method, line.substr(chosen, end - chosen), line_number, line.size() > 200 ? line.substr(0, 200) : line});
}

// A string member of a HAR object, or "" when it is missing or not a string (hand-edited and
// exported-by-tool HARs hold numbers and nulls in odd places; those must not throw json errors).
std::string text_field(const nlohmann::json& object, const char* key) {
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

} // namespace

void scan_log_line_requests(std::uint64_t line_number, std::string_view line, const LogRequestSink& sink) {
    // JSON logs may escape slashes as \/ ("https:\/\/host\/rest\/v1\/..."): undo that first, or
    // neither the marker nor the URL's end can be found.
    // Most lines of a busy log hold no Marketo path in either form: one pass over their slashes.
    const std::size_t marker = find_marker(line, 0, true);
    if (marker == std::string_view::npos) {
        return;
    }
    const std::size_t escape = line.find("\\/");
    if (escape == std::string_view::npos) {
        scan_unescaped_line(line_number, line, marker, sink);
        return;
    }
    std::string unescaped(line);
    for (std::size_t at = unescaped.find("\\/", escape); at != std::string::npos; at = unescaped.find("\\/", at + 1)) {
        unescaped.erase(at, 1);
    }
    scan_unescaped_line(line_number, unescaped, find_marker(unescaped, 0), sink);
}

namespace {
void forward(const std::string& file, const LogRequest& r, const SightingSink& sink) {
    sink(Sighting{std::string(r.method), std::string(r.target), {}, file, r.line, {}, r.raw});
}
} // namespace

void scan_log_line(const std::string& file, std::uint64_t line_number, std::string_view line, const SightingSink& sink) {
    scan_log_line_requests(line_number, line, [&](const LogRequest& r) { forward(file, r, sink); });
}

std::uint64_t scan_log_requests(std::FILE* in, const LogRequestSink& sink, const std::function<void(std::uint64_t bytes)>& progress) {
    constexpr std::size_t kChunk = 1u << 20;
    // Longer lines are cut: their tail holds nothing a permission depends on, and memory stays flat.
    constexpr std::size_t kMaxLine = 64u * 1024u;
    std::vector<char> buffer(kChunk);
    std::string carry;
    bool truncating = false;
    std::uint64_t line_number = 0;
    std::uint64_t bytes = 0;
    std::size_t got = 0;
    while ((got = std::fread(buffer.data(), 1, buffer.size(), in)) > 0) {
        bytes += got;
        const char* data = buffer.data();
        const char* stop = data + got;
        while (data < stop) {
            const char* newline = static_cast<const char*>(std::memchr(data, '\n', static_cast<std::size_t>(stop - data)));
            const char* piece_end = newline != nullptr ? newline : stop;
            if (!truncating) {
                const std::size_t room = kMaxLine - carry.size();
                const std::size_t take = std::min(room, static_cast<std::size_t>(piece_end - data));
                if (carry.empty() && newline != nullptr && take == static_cast<std::size_t>(piece_end - data)) {
                    // Fast path: the whole line is in this chunk.
                    ++line_number;
                    scan_log_line_requests(line_number, std::string_view(data, take), sink);
                    data = newline + 1;
                    continue;
                }
                carry.append(data, take);
                truncating = take < static_cast<std::size_t>(piece_end - data);
            }
            if (newline == nullptr) {
                break;
            }
            ++line_number;
            scan_log_line_requests(line_number, carry, sink);
            carry.clear();
            truncating = false;
            data = newline + 1;
        }
        if (progress) {
            progress(bytes);
        }
    }
    if (!carry.empty()) {
        ++line_number;
        scan_log_line_requests(line_number, carry, sink);
    }
    return line_number;
}

std::uint64_t scan_log_stream(const std::string& file, std::FILE* in, const SightingSink& sink,
                              const std::function<void(std::uint64_t bytes)>& progress) {
    return scan_log_requests(in, [&](const LogRequest& r) { forward(file, r, sink); }, progress);
}

void scan_har_text(const std::string& file, const std::string& text, const SightingSink& sink) {
    const auto har = parse_json_input<nlohmann::json>(file, text, "a HAR file");
    const auto* entries = har.is_object() && har.contains("log") && har["log"].is_object() && har["log"].contains("entries")
                              ? &har["log"]["entries"]
                              : nullptr;
    if (entries == nullptr || !entries->is_array()) {
        throw Error(Location{file, 0, 0}, "not a HAR file: no log.entries list");
    }
    std::uint64_t index = 0;
    for (const auto& entry : *entries) {
        ++index;
        if (!entry.is_object() || !entry.contains("request") || !entry["request"].is_object()) {
            continue;
        }
        const auto& request = entry["request"];
        const std::string url = text_field(request, "url");
        if (find_marker(url, 0) == std::string_view::npos) {
            continue;
        }
        std::string method = upper(text_field(request, "method"));
        if (std::find(kOtherMethods.begin(), kOtherMethods.end(), method) != kOtherMethods.end()) {
            continue; // HEAD / OPTIONS preflight: not an API call that needs a permission
        }
        std::string target = url;
        // Marketo's override in a form body: POST with _method=GET is a GET.
        if (request.contains("postData") && request["postData"].is_object()) {
            const auto& body = request["postData"];
            std::string form = text_field(body, "text");
            if (body.contains("params") && body["params"].is_array()) {
                for (const auto& p : body["params"]) {
                    if (p.is_object() && text_field(p, "name") == "_method") {
                        form = "_method=" + text_field(p, "value");
                    }
                }
            }
            const std::size_t at = form.find("_method=");
            if (method == "POST" && at != std::string::npos && (at == 0 || form[at - 1] == '&')) {
                std::size_t end = form.find('&', at);
                target += (target.find('?') == std::string::npos ? "?" : "&") +
                          form.substr(at, end == std::string::npos ? std::string::npos : end - at);
            }
        }
        sink(Sighting{method, target, {}, file, index, redact(method + " " + url.substr(0, 200)), {}});
    }
}

} // namespace minrole
