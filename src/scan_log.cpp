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

// Position of the '/' that starts a Marketo API path, or npos.
std::size_t find_marker(std::string_view line, std::size_t from) {
    for (std::size_t at = line.find('/', from); at != std::string_view::npos; at = line.find('/', at + 1)) {
        const std::string_view rest = line.substr(at + 1);
        for (std::string_view base : kBases) {
            if (rest.size() >= base.size() && std::memcmp(rest.data(), base.data(), base.size()) == 0) {
                return at;
            }
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

// "method":"POST", method=POST, "verb": "post", "request_method": "GET" anywhere on the line.
std::string keyed_method(std::string_view line) {
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
            const std::string word = upper(line.substr(k, end - k));
            for (std::string_view m : kMethods) {
                if (word == m) {
                    return word;
                }
            }
        }
    }
    return {};
}

} // namespace

namespace {

void scan_unescaped_line(const std::string& file, std::uint64_t line_number, std::string_view line, const SightingSink& sink) {
    std::size_t marker = find_marker(line, 0);
    if (marker == std::string_view::npos) {
        return;
    }
    // Prefer the request URL over, say, a referer: the first marker right after a method word.
    std::size_t chosen = std::string_view::npos;
    std::string method;
    for (std::size_t at = marker; at != std::string_view::npos; at = find_marker(line, at + 1)) {
        std::size_t start = at;
        while (start > 0 && url_char(line[start - 1])) {
            --start;
        }
        const std::string word = upper(token_before(line, start));
        for (std::string_view other : kOtherMethods) {
            if (word == other) {
                return; // HEAD / OPTIONS preflight: not an API call that needs a permission
            }
        }
        for (std::string_view m : kMethods) {
            if (word == m) {
                method = word;
            }
        }
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
    std::string target(line.substr(chosen, end - chosen));
    std::string_view snippet = line.size() > 200 ? line.substr(0, 200) : line;
    sink(Sighting{method, std::move(target), {}, file, line_number, {}, snippet});
}

// A string member of a HAR object, or "" when it is missing or not a string (hand-edited and
// exported-by-tool HARs hold numbers and nulls in odd places; those must not throw json errors).
std::string text_field(const nlohmann::json& object, const char* key) {
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

} // namespace

void scan_log_line(const std::string& file, std::uint64_t line_number, std::string_view line, const SightingSink& sink) {
    // JSON logs may escape slashes as \/ ("https:\/\/host\/rest\/v1\/..."): undo that first, or
    // neither the marker nor the URL's end can be found.
    if (line.find("\\/") == std::string_view::npos) {
        scan_unescaped_line(file, line_number, line, sink);
        return;
    }
    std::string unescaped(line);
    for (std::size_t at = unescaped.find("\\/"); at != std::string::npos; at = unescaped.find("\\/", at + 1)) {
        unescaped.erase(at, 1);
    }
    scan_unescaped_line(file, line_number, unescaped, sink);
}

std::uint64_t scan_log_stream(const std::string& file, std::FILE* in, const SightingSink& sink,
                              const std::function<void(std::uint64_t bytes)>& progress) {
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
                    scan_log_line(file, line_number, std::string_view(data, take), sink);
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
            scan_log_line(file, line_number, carry, sink);
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
        scan_log_line(file, line_number, carry, sink);
    }
    return line_number;
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
