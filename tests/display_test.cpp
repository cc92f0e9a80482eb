// displayable(): text from inputs made safe for terminals, CI logs and every format.
#include "minrole/display.hpp"

#include <doctest/doctest.h>

using minrole::displayable;
using minrole::displayable_lines;
using minrole::valid_utf8;

TEST_CASE("displayable: a newline cannot start a forged workflow command") {
    CHECK(displayable("svc\n::error file=x::forged") == "svc\\n::error file=x::forged");
    CHECK(displayable("a\r\nb") == "a\\r\\nb");
}

TEST_CASE("displayable: ESC, NUL, DEL, C1 controls and bidi overrides become escapes; tab stays") {
    CHECK(displayable("x\x1b[31my") == "x\\u001b[31my");
    CHECK(displayable(std::string("a\0b", 3)) == "a\\u0000b");
    CHECK(displayable("a\x7f") == "a\\u007f");
    CHECK(displayable("a\xc2\x9b" "31m") == "a\\u009b31m");
    CHECK(displayable("a\xe2\x80\xae" "b") == "a\\u202eb");
    CHECK(displayable("a\tb") == "a\tb");
}

TEST_CASE("displayable: invalid UTF-8 becomes U+FFFD, valid text is unchanged") {
    CHECK(displayable("caf\xe9") == "caf\xef\xbf\xbd");
    CHECK(displayable("\xe2\x82") == "\xef\xbf\xbd\xef\xbf\xbd");   // a character cut in two
    CHECK(displayable("\xc0\xaf") == "\xef\xbf\xbd\xef\xbf\xbd");   // overlong '/'
    CHECK(displayable("\xed\xa0\x80") == "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"); // surrogate
    CHECK(displayable("Zürich 東京 🙂") == "Zürich 東京 🙂");
}

TEST_CASE("displayable_lines keeps a report's own line breaks; valid_utf8 only repairs") {
    CHECK(displayable_lines("a\nb\x1b\n") == "a\nb\\u001b\n");
    CHECK(valid_utf8("a\nb\x1b\xff") == "a\nb\x1b\xef\xbf\xbd");
}

TEST_CASE("percent_encode: one RFC 3986 encoder, the safe set per use: a form value encodes '/', a SARIF path keeps it") {
    // A client secret in a token request's form body: every reserved character encoded.
    CHECK(minrole::percent_encode("a/b+c=d&e f%~._-Z9") == "a%2Fb%2Bc%3Dd%26e%20f%25~._-Z9");
    CHECK(minrole::percent_encode("r\xc3\xb4le") == "r%C3%B4le");
    CHECK(minrole::percent_encode("a/b c", "/") == "a/b%20c");
    CHECK(minrole::path_uri("a/b c") == minrole::percent_encode("a/b c", "/"));
}

TEST_CASE("path_uri: SARIF artifact locations are valid URI references") {
    CHECK(minrole::path_uri("examples/roles/over-broad.yaml") == "examples/roles/over-broad.yaml");
    CHECK(minrole::path_uri("my dir/a#1?.yaml") == "my%20dir/a%231%3F.yaml");
    CHECK(minrole::path_uri("/abs/r\xc3\xb4le.yaml") == "file:///abs/r%C3%B4le.yaml");
    CHECK(minrole::path_uri("<stdin>") == "%3Cstdin%3E");
}

TEST_CASE("displayable: characters that show as nothing become escapes, so lookalike names differ on screen") {
    CHECK(displayable("adm\u200bin") == "adm\\u200bin");
    CHECK(displayable("Read-Write\u200d Lead\ufeff") == "Read-Write\\u200d Lead\\ufeff");
    CHECK(displayable("a\u00adb\u2060c") == "a\\u00adb\\u2060c");
    // Tag characters (invisible text a language model reads) as JSON's surrogate-pair escape.
    CHECK(displayable("x\U000E0041") == "x\\udb40\\udc41");
    CHECK(displayable("caf\u00e9 \u2011") == "caf\u00e9 \u2011");
}

TEST_CASE("non_ascii_characters names the characters a lookalike holds") {
    CHECK(minrole::non_ascii_characters("Read-Write Lead").empty());
    CHECK(minrole::non_ascii_characters("Read\u2011Write\u00a0Lead\u2011") == "U+2011, U+00A0");
    CHECK(minrole::non_ascii_characters("\U0001F600\xff") == "U+1F600, U+FFFD");
    CHECK(minrole::non_ascii_characters("\u00e0\u00e1\u00e2\u00e3\u00e4") == "U+00E0, U+00E1, U+00E2, U+00E3, ...");
}

TEST_CASE("clip_echo: a long value is shown by its first bytes and how many were left out, never a cut character") {
    CHECK(minrole::clip_echo("short") == "short");
    CHECK(minrole::clip_echo(std::string(1024, 'a')) == std::string(1024, 'a'));
    CHECK(minrole::clip_echo(std::string(1056, 'a')) == std::string(1056, 'a')); // no longer than its marker would make it
    CHECK(minrole::clip_echo(std::string(1100, 'a')) == std::string(1024, 'a') + " ... (76 more bytes)");
    // Clipped once, it stays as it is (a scan's operation, shown again by recommend).
    const std::string once = minrole::clip_echo(std::string(60000, 'a'));
    CHECK(minrole::clip_echo(once) == once);
    // "\xc3\xa9" (é) straddling the limit is kept out whole.
    CHECK(minrole::clip_echo("ab\xc3\xa9" + std::string(40, 'z'), 3) == "ab ... (42 more bytes)");
    CHECK(minrole::clip_echo(std::string(60000, 'x')).size() < minrole::kEchoBytes + 32);
}
