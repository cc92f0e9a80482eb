// HTML escaping, and the base64 SHA-256 (sha256.hpp) that pins the page's inline style and script in its CSP.
#include "html/html.hpp"

#include "minrole/redact.hpp"
#include "sha256.hpp"

#include <array>
#include <cstdint>

namespace minrole::html {

namespace {

// Length of the valid UTF-8 sequence at `at` and its code point; 0 when the bytes are invalid
// (overlong forms, surrogates and values above U+10FFFF included).
std::size_t utf8_sequence(std::string_view s, std::size_t at, char32_t& code_point) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
    const unsigned char lead = byte(at);
    std::size_t length = 0;
    char32_t value = 0;
    char32_t minimum = 0;
    if (lead < 0x80) {
        code_point = lead;
        return 1;
    }
    if ((lead & 0xE0) == 0xC0) {
        length = 2, value = lead & 0x1F, minimum = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
        length = 3, value = lead & 0x0F, minimum = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
        length = 4, value = lead & 0x07, minimum = 0x10000;
    } else {
        return 0;
    }
    if (at + length > s.size()) {
        return 0;
    }
    for (std::size_t i = 1; i < length; ++i) {
        if ((byte(at + i) & 0xC0) != 0x80) {
            return 0;
        }
        value = (value << 6) | (byte(at + i) & 0x3F);
    }
    if (value < minimum || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
        return 0;
    }
    code_point = value;
    return length;
}

bool is_bidi_control(char32_t c) {
    return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F ||
           c == 0x061C;
}

void append_utf8(std::string& out, char32_t c) {
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

} // namespace

std::string escape(std::string_view s) {
    std::string out;
    out.reserve(s.size() + s.size() / 8);
    for (std::size_t i = 0; i < s.size();) {
        const char c = s[i];
        switch (c) {
        case '&':
            out += "&amp;";
            ++i;
            continue;
        case '<':
            out += "&lt;";
            ++i;
            continue;
        case '>':
            out += "&gt;";
            ++i;
            continue;
        case '"':
            out += "&quot;";
            ++i;
            continue;
        case '\'':
            out += "&#39;";
            ++i;
            continue;
        case '\t':
        case '\n':
            out += c;
            ++i;
            continue;
        default:
            break;
        }
        char32_t cp = 0;
        const std::size_t length = utf8_sequence(s, i, cp);
        if (length == 0) {
            append_utf8(out, 0xFFFD);
            ++i;
        } else if (cp < 0x20) {
            append_utf8(out, 0x2400 + cp); // ␀ .. ␟
            i += length;
        } else if (cp == 0x7F) {
            append_utf8(out, 0x2421); // ␡
            i += length;
        } else if (is_bidi_control(cp) || (cp >= 0x80 && cp < 0xA0)) {
            static constexpr char kHex[] = "0123456789ABCDEF";
            out += "&lt;U+";
            for (int shift = 12; shift >= 0; shift -= 4) {
                out += kHex[(cp >> shift) & 0xF];
            }
            out += "&gt;";
            i += length;
        } else {
            out.append(s.substr(i, length));
            i += length;
        }
    }
    return out;
}

std::string text(std::string_view input) { return escape(redact(input)); }

std::string sha256_base64(std::string_view bytes) {
    const Sha256Digest digest = sha256(bytes);
    static constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    for (std::size_t i = 0; i < digest.size(); i += 3) {
        const std::uint32_t n = (std::uint32_t{digest[i]} << 16) |
                                (i + 1 < digest.size() ? std::uint32_t{digest[i + 1]} << 8 : 0) |
                                (i + 2 < digest.size() ? std::uint32_t{digest[i + 2]} : 0);
        out += kBase64[(n >> 18) & 63];
        out += kBase64[(n >> 12) & 63];
        out += i + 1 < digest.size() ? kBase64[(n >> 6) & 63] : '=';
        out += i + 2 < digest.size() ? kBase64[n & 63] : '=';
    }
    return out;
}

std::string badge(std::string_view css_class, std::string_view label) {
    return "<span class=\"badge " + std::string(css_class) + "\">" + std::string(label) + "</span>";
}

std::string code(std::string_view input) { return "<code>" + text(input) + "</code>"; }

std::string list(const std::vector<std::string>& items, std::string_view css_class) {
    if (items.empty()) {
        return "";
    }
    std::string out = css_class.empty() ? "<ul>" : "<ul class=\"" + std::string(css_class) + "\">";
    for (const auto& item : items) {
        out += "<li>" + item + "</li>";
    }
    return out + "</ul>";
}

std::string plural(std::size_t n, std::string_view one, std::string_view many) {
    return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

} // namespace minrole::html
