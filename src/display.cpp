#include "minrole/display.hpp"

#include "minrole/redact.hpp"

#include <cstdint>

namespace minrole {

namespace {

enum class Mode { line, lines, utf8_only };

// Length of the valid UTF-8 sequence at `at` and its code point; 0 when the bytes there are
// not one (stray continuation byte, cut sequence, overlong form, surrogate, beyond U+10FFFF).
std::size_t decode(std::string_view text, std::size_t at, char32_t& code) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char lead = byte(at);
    std::size_t length = 0;
    char32_t min = 0;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2, code = lead & 0x1Fu, min = 0x80;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3, code = lead & 0x0Fu, min = 0x800;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4, code = lead & 0x07u, min = 0x10000;
    } else {
        return 0;
    }
    if (text.size() - at < length) {
        return 0;
    }
    for (std::size_t i = 1; i < length; ++i) {
        const unsigned char next = byte(at + i);
        if ((next & 0xC0u) != 0x80u) {
            return 0;
        }
        code = (code << 6) | (next & 0x3Fu);
    }
    if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
        return 0;
    }
    return length;
}

// Characters that show as nothing: a name holding one looks like another name ("adm\u200bin"
// and "admin", "Read-Write\u200b Lead" and the permission), and tag characters (U+E0000 to
// U+E007F) carry text a reader cannot see but a language model reads (MCP clients).
bool invisible(char32_t code) {
    return code == 0x00AD || code == 0x034F || code == 0x115F || code == 0x1160 || code == 0x17B4 || code == 0x17B5 ||
           (code >= 0x180B && code <= 0x180F) || (code >= 0x200B && code <= 0x200D) ||
           (code >= 0x2060 && code <= 0x2064) || (code >= 0x206A && code <= 0x206F) || code == 0x3164 ||
           (code >= 0xFE00 && code <= 0xFE0F) || code == 0xFEFF || code == 0xFFA0 || (code >= 0xFFF9 && code <= 0xFFFB) ||
           (code >= 0xE0000 && code <= 0xE007F);
}

// Code points above ASCII that must not reach a terminal or a log as they are.
bool hidden_unicode(char32_t code) {
    return (code >= 0x80 && code <= 0x9F)          // C1 controls (0x9B is a CSI)
           || code == 0x2028 || code == 0x2029     // line and paragraph separators
           || (code >= 0x202A && code <= 0x202E)   // bidi embeddings and overrides
           || (code >= 0x2066 && code <= 0x2069)   // bidi isolates
           || code == 0x200E || code == 0x200F || code == 0x061C  // direction marks
           || invisible(code);
}

void append_escape(std::string& out, char32_t code) {
    static constexpr char kHex[] = "0123456789abcdef";
    if (code > 0xFFFF) {
        // JSON's escape of a character beyond the BMP: its UTF-16 surrogate pair.
        const char32_t v = code - 0x10000;
        append_escape(out, 0xD800 + (v >> 10));
        append_escape(out, 0xDC00 + (v & 0x3FF));
        return;
    }
    out += "\\u";
    for (int shift = 12; shift >= 0; shift -= 4) {
        out += kHex[(code >> shift) & 15u];
    }
}

bool plain(std::string_view text, Mode mode) {
    for (const char c : text) {
        const auto b = static_cast<unsigned char>(c);
        if (b >= 0x20 && b < 0x7F) {
            continue;
        }
        if (b == '\t' && mode != Mode::utf8_only) {
            continue;
        }
        if (b == '\n' && mode == Mode::lines) {
            continue;
        }
        if (b < 0x80 && mode == Mode::utf8_only) {
            continue;
        }
        return false;
    }
    return true;
}

std::string convert(std::string_view text, Mode mode) {
    if (plain(text, mode)) {
        return std::string(text);
    }
    std::string out;
    out.reserve(text.size() + 16);
    for (std::size_t i = 0; i < text.size();) {
        const auto b = static_cast<unsigned char>(text[i]);
        if (b < 0x80) {
            ++i;
            if (mode == Mode::utf8_only || (b >= 0x20 && b < 0x7F) || b == '\t' || (b == '\n' && mode == Mode::lines)) {
                out += static_cast<char>(b);
            } else if (b == '\n') {
                out += "\\n";
            } else if (b == '\r') {
                out += "\\r";
            } else {
                append_escape(out, b);
            }
            continue;
        }
        char32_t code = 0;
        const std::size_t length = decode(text, i, code);
        if (length == 0) {
            out += "\xEF\xBF\xBD"; // U+FFFD
            ++i;
            continue;
        }
        if (mode != Mode::utf8_only && hidden_unicode(code)) {
            append_escape(out, code);
        } else {
            out.append(text.substr(i, length));
        }
        i += length;
    }
    return out;
}

} // namespace

std::string displayable(std::string_view text) { return convert(text, Mode::line); }

std::string non_ascii_characters(std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    std::size_t listed = 0;
    for (std::size_t i = 0; i < text.size();) {
        char32_t code = 0xFFFD;
        std::size_t length = 1;
        if (static_cast<unsigned char>(text[i]) < 0x80) {
            ++i;
            continue;
        }
        if (const std::size_t n = decode(text, i, code); n != 0) {
            length = n;
        } else {
            code = 0xFFFD;
        }
        i += length;
        std::string name = "U+";
        for (int shift = code > 0xFFFF ? 16 : 12; shift >= 0; shift -= 4) {
            name += kHex[(code >> shift) & 15u];
        }
        if (out.find(name) != std::string::npos) {
            continue;
        }
        if (listed == 4) {
            return out + ", ...";
        }
        out += (listed++ == 0 ? "" : ", ") + name;
    }
    return out;
}
std::string displayable_lines(std::string_view text) { return convert(text, Mode::lines); }
std::string valid_utf8(std::string_view text) { return convert(text, Mode::utf8_only); }

std::string clip_echo(std::string_view text, std::size_t limit) {
    // Within a marker's length of the limit a value is shown whole: clipping would save less
    // than the marker costs, and a clipped value (a scan's, shown again by recommend) stays as it is.
    constexpr std::size_t kMarker = 32; // " ... (" + 20 digits + " more bytes)"
    if (text.size() <= limit + kMarker) {
        return std::string(text);
    }
    std::size_t cut = limit;
    // Back off continuation bytes (10xxxxxx) so no character is cut in two.
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0u) == 0x80u) {
        --cut;
    }
    return std::string(text.substr(0, cut)) + " ... (" + std::to_string(text.size() - cut) + " more bytes)";
}

namespace {
// Whether text[i] ends "www" (any case): GitHub turns "www.x" into a link.
bool after_www(std::string_view text, std::size_t i) {
    if (i < 3) {
        return false;
    }
    for (std::size_t k = i - 3; k < i; ++k) {
        if (text[k] != 'w' && text[k] != 'W') {
            return false;
        }
    }
    return true;
}
} // namespace

std::string markdown_text(std::string_view input) {
    // Redacted first: the escapes would hide a credential's name (api\_key=) from the redaction
    // every report gets on its way out.
    const std::string text = displayable(redact(input));
    std::string out;
    out.reserve(text.size() + 8);
    std::size_t digits = 0; // leading digits: "1." starts an ordered list
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        const bool leading_digits = digits == i;
        digits += (leading_digits && c >= '0' && c <= '9') ? 1 : 0;
        switch (c) {
        case '\\': case '`': case '*': case '_': case '[': case ']': case '<': case '>': case '#': case '|':
        case '~': case '&': case ':': case '$': case '!': case '(': case ')': case '{': case '}': case '"':
            out += '\\';
            out += c;
            break;
        case '@':
            out += "`@`"; // GitHub links user@host.example through any escape; a code span breaks the run
            break;
        case '.':
            if (after_www(text, i) || (leading_digits && i > 0)) {
                out += '\\';
            }
            out += c;
            break;
        case '+': case '-': case '=':
            if (i == 0) {
                out += '\\'; // a list item or a setext underline when the text starts a line
            }
            out += c;
            break;
        default:
            out += c;
        }
    }
    return out;
}

std::string markdown_code(std::string_view input) {
    const std::string text = displayable(redact(input));
    if (text.empty() || text.find('|') != std::string::npos) {
        return markdown_text(text);
    }
    std::size_t longest = 0;
    for (std::size_t i = 0, run = 0; i < text.size(); ++i) {
        run = text[i] == '`' ? run + 1 : 0;
        longest = run > longest ? run : longest;
    }
    const std::string fence(longest + 1, '`');
    const bool pad = text.front() == '`' || text.back() == '`' || text.front() == ' ' || text.back() == ' ';
    return fence + (pad ? " " : "") + text + (pad ? " " : "") + fence;
}

} // namespace minrole

namespace minrole {

std::string percent_encode(std::string_view text, std::string_view also_safe) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        const auto b = static_cast<unsigned char>(c);
        const bool unreserved = (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '-' ||
                                b == '.' || b == '_' || b == '~';
        if (unreserved || also_safe.find(c) != std::string_view::npos) {
            out += c;
        } else {
            out += '%';
            out += kHex[b >> 4];
            out += kHex[b & 15];
        }
    }
    return out;
}

std::string path_uri(std::string_view path) {
    return (!path.empty() && path.front() == '/' ? "file://" : "") + percent_encode(path, "/");
}

} // namespace minrole
