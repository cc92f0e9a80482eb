// HTTP traffic: Common/Combined Log Format, JSON-lines access logs, plain text lines holding
// a method and a Marketo URL, and HAR files. Logs are read in fixed-size chunks, never whole.
#include "minrole/redact.hpp"
#include "minrole/scan.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>

namespace minrole {

namespace {

constexpr std::array<std::string_view, 5> kBases{"rest/", "bulk/", "identity/", "userservice/", "subscriptions/"};
constexpr std::array<std::string_view, 5> kMethods{"GET", "POST", "PUT", "DELETE", "PATCH"};
constexpr std::array<std::string_view, 4> kOtherMethods{"HEAD", "OPTIONS", "CONNECT", "TRACE"};

bool url_char(char c) { return c != ' ' && c != '"' && c != '\'' && c != '\t' && c != '<' && c != '>' && c != '\\'; }

// Position of the '/' that starts a Marketo API path, or npos. On the hot path: one memchr per
// slash, and one comparison only when the next byte can start a base.
std::size_t find_marker(std::string_view line, std::size_t from) {
    const char* const begin = line.data();
    const char* const end = begin + line.size();
    const char* at = begin + std::min(from, line.size());
    while (at < end) {
        at = static_cast<const char*>(std::memchr(at, '/', static_cast<std::size_t>(end - at)));
        if (at == nullptr) {
            return std::string_view::npos;
        }
        const std::size_t left = static_cast<std::size_t>(end - at) - 1;
        std::string_view base;
        if (left > 0) {
            switch (at[1]) {
            case 'r': base = kBases[0]; break;
            case 'b': base = kBases[1]; break;
            case 'i': base = kBases[2]; break;
            case 'u': base = kBases[3]; break;
            case 's': base = kBases[4]; break;
            default: break;
            }
        }
        if (!base.empty() && left >= base.size() && std::memcmp(at + 1, base.data(), base.size()) == 0) {
            return static_cast<std::size_t>(at - begin);
        }
        ++at;
    }
    return std::string_view::npos;
}

std::string_view token_before(std::string_view line, std::size_t at) {
    std::size_t end = at;
    while (end > 0 && (line[end - 1] == ' ' || line[end - 1] == '"' || line[end - 1] == '\'' || line[end - 1] == '\t')) {
        --end;
    }
    std::size_t begin = end;
    while (begin > 0 && std::isalpha(static_cast<unsigned char>(line[begin - 1])) != 0) {
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
                       [](char a, char b) { return std::toupper(static_cast<unsigned char>(a)) == b; })) {
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
            while (end < line.size() && std::isalpha(static_cast<unsigned char>(line[end])) != 0) {
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

void scan_unescaped_line(std::uint64_t line_number, std::string_view line, const LogRequestSink& sink) {
    const std::size_t marker = find_marker(line, 0);
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
    if (line.find("\\/") == std::string_view::npos) {
        scan_unescaped_line(line_number, line, sink);
        return;
    }
    std::string unescaped(line);
    for (std::size_t at = unescaped.find("\\/"); at != std::string::npos; at = unescaped.find("\\/", at + 1)) {
        unescaped.erase(at, 1);
    }
    scan_unescaped_line(line_number, unescaped, sink);
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
    nlohmann::json har;
    try {
        har = nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
        // nlohmann quotes the token it choked on ("last read: '...'"), which may be a credential.
        std::string what = e.what();
        const std::size_t quoted = what.find("; last read");
        if (quoted != std::string::npos) {
            what.resize(quoted);
        }
        throw Error(Location{file, 0, 0}, "malformed HAR (JSON): " + redact(what));
    }
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
