#pragma once
// Text from an input, made safe to show: reports end up in terminals and CI logs, where a
// newline inside a name starts a forged line (a GitHub Actions "::error" workflow command), an
// ESC starts a terminal escape sequence, and a bidi override reorders what a reviewer reads.
// Every report leaves through displayable_lines() (in the CLI's emit()), every error message
// through displayable(); strings read from input files go through displayable() as they are
// read, so a line break inside a value never reaches a line-oriented format.
#include <cstddef>
#include <string>
#include <string_view>

namespace minrole {

// One line: line breaks and other control characters (C0 except tab, DEL, C1, Unicode line and
// paragraph separators, bidirectional overrides and isolates) become visible escapes ("\n",
// "\r", "\u001b", "\u202e"), which JSON and YAML double-quoted strings read back as the same
// character. Bytes that are not UTF-8 become U+FFFD. Text that needs none of it comes back as is.
std::string displayable(std::string_view text);

// The same for a whole report: its own line breaks (and tabs) stay.
std::string displayable_lines(std::string_view text);

// Text from an input inside a Markdown report (pull-request comments: CommonMark with GitHub's
// tables, autolinks and strikethrough), made to render as exactly that text, one line: first
// redact() and displayable(), then every character that could start markup is backslash-escaped (raw HTML
// and autolinks '<', links '[' ']', code '`', emphasis '*' '_' '~', entities '&', table cells
// '|', headings '#', block quotes '>', math '$', URL schemes ':', "www."), an '@' (which GitHub
// links even when escaped) is set apart as a code span, and a leading list marker or ordered-list
// number is escaped. The one escape every Markdown renderer uses for input text.
std::string markdown_text(std::string_view text);
// The same text as an inline code span: fenced with more backticks than any run inside it (and
// padded when it starts or ends with a backtick or a space). Text holding a '|', which would
// split a table cell even inside a code span, is given as markdown_text() instead.
std::string markdown_code(std::string_view text);

// The characters of `text` outside ASCII as "U+2011, U+00A0" (the first four distinct ones),
// or "" when it is all ASCII. Said with a suggestion that looks just like the text: "Read‑Write
// Lead" with a non-breaking hyphen (U+2011) is not the permission "Read-Write Lead".
std::string non_ascii_characters(std::string_view text);

// How much of one value from an input (an operation, a parameter name) a report or an error
// message shows. A real operation is a few hundred bytes at most (the longest endpoint template
// is about 100; scan reports an evaluated path by its first 1,024 characters too), while a value
// may hold up to MINROLE_MAX_SCALAR (64 KiB): echoed whole, 1,000 such operations made a 60 MB
// intent a 120 MB text report (240 MB in JSON) and 0.6 to 1.4 GB of memory.
inline constexpr std::size_t kEchoBytes = 1024;

// `text` itself when it is at most `limit` bytes (and the marker's 32 more), else its first
// `limit` bytes (cut at a UTF-8 character boundary) and " ... (N more bytes)".
std::string clip_echo(std::string_view text, std::size_t limit = kEchoBytes);

// Only the UTF-8 repair: every invalid byte becomes U+FFFD (for text that must stay byte-exact
// otherwise, such as JSON built from scanned files).
std::string valid_utf8(std::string_view text);

} // namespace minrole

namespace minrole {

// RFC 3986 percent-encoding, the one encoder: every byte outside the unreserved set
// (A-Z a-z 0-9 - . _ ~) and `also_safe` becomes %XX (upper-case hex). With nothing also safe it
// is a query-string or application/x-www-form-urlencoded value (a client secret, a paging token,
// a path segment: '/', '&', '=', '+' encoded); path_uri keeps '/'.
std::string percent_encode(std::string_view text, std::string_view also_safe = {});

// A file path as a URI reference for SARIF's artifactLocation.uri (RFC 3986): '/' kept, every
// byte outside the unreserved set percent-encoded (spaces, '%', '#', '?', non-ASCII), and an
// absolute path as a file:// URI. "<stdin>" and other names in angle brackets stay readable
// as "%3Cstdin%3E".
std::string path_uri(std::string_view path);

} // namespace minrole
