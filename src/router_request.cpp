// parse_request: the text of an operation ("GET https://host/rest/v1/leads.json?id=1") reduced
// to what matters for permissions. Pure text work, no rules involved.
#include "minrole/router.hpp"

#include "vocabulary.hpp"

#include <algorithm>
#include <string_view>

namespace minrole {

namespace {

void append_decoded(std::string& out, std::string_view text, bool plus_is_space) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size() &&
            vocab::hex_digit(text[i + 1]) >= 0 && vocab::hex_digit(text[i + 2]) >= 0) {
            out += static_cast<char>(vocab::hex_digit(text[i + 1]) * 16 + vocab::hex_digit(text[i + 2]));
            i += 2;
        } else if (plus_is_space && text[i] == '+') {
            out += ' ';
        } else {
            out += text[i];
        }
    }
}

std::string percent_decode(std::string_view text, bool plus_is_space) {
    std::string out;
    out.reserve(text.size());
    append_decoded(out, text, plus_is_space);
    return out;
}

} // namespace

std::optional<Request> parse_request(const std::string& raw) {
    std::string_view text = raw;
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) {
        return std::nullopt;
    }
    text = text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
    Request request;
    const std::size_t space = text.find_first_of(" \t");
    if (space != std::string_view::npos && vocab::is_method(text.substr(0, space))) {
        request.method = vocab::to_upper(text.substr(0, space));
        text = text.substr(text.find_first_not_of(" \t", space));
    }
    if (text.find(' ') != std::string_view::npos) {
        return std::nullopt;
    }
    // Strip scheme and host: "https://host/rest/..." or "//host/rest/..." or "host.mktorest.com/rest/...".
    const std::size_t scheme = text.find("://");
    if (scheme != std::string_view::npos) {
        const std::size_t slash = text.find('/', scheme + 3);
        text = slash == std::string_view::npos ? std::string_view("/") : text.substr(slash);
    } else if (text.starts_with("//")) {
        const std::size_t slash = text.find('/', 2);
        text = slash == std::string_view::npos ? std::string_view("/") : text.substr(slash);
    } else if (!text.empty() && text.front() != '/') {
        const std::size_t slash = text.find('/');
        if (slash == std::string_view::npos) {
            return std::nullopt;
        }
        // "rest/v1/leads.json": a Marketo path that lost its leading slash is still that path.
        const std::string_view first = text.substr(0, slash);
        const bool root = std::find(vocab::kApiBases.begin(), vocab::kApiBases.end(), first) != vocab::kApiBases.end();
        if (!root) {
            if (first.find('.') == std::string_view::npos) {
                return std::nullopt;
            }
            text = text.substr(slash);
        }
    }
    text = text.substr(0, text.find('#'));
    const std::size_t question = text.find('?');
    if (question != std::string_view::npos) {
        const std::string_view query = text.substr(question + 1);
        text = text.substr(0, question);
        std::size_t start = 0;
        while (start <= query.size()) {
            const std::size_t end = std::min(query.find('&', start), query.size());
            const std::string_view item = query.substr(start, end - start);
            const std::size_t eq = item.find('=');
            std::string name = percent_decode(item.substr(0, eq), true);
            if (name == "_method" && request.method == "POST") {
                const std::string value =
                    eq == std::string_view::npos ? std::string() : percent_decode(item.substr(eq + 1), true);
                if (vocab::is_method(value)) {
                    // Marketo's override: a POST carrying _method=GET is a GET for permission purposes.
                    request.method = vocab::to_upper(value);
                    request.method_overridden = true;
                    start = end + 1;
                    continue;
                }
            }
            if (!name.empty()) {
                request.parameters.insert(std::move(name));
            }
            start = end + 1;
        }
    }
    request.path.reserve(text.size() + 1);
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = std::min(text.find('/', start), text.size());
        if (end > start) {
            request.path += '/';
            append_decoded(request.path, text.substr(start, end - start), false);
        }
        start = end + 1;
    }
    if (request.path.empty()) {
        request.path = "/";
    }
    return request;
}

} // namespace minrole
