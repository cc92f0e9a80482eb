// The YAML reader's limits against hostile input: depth, node count (aliases expanded), size,
// NUL bytes, invalid UTF-8 and a second document, each a located one-line Error.
#include "minrole/intent.hpp"
#include "minrole/loader.hpp"
#include "yaml_reader.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <string>

namespace limits_test {

using namespace minrole;

namespace {

std::string parse_error(const std::string& text) {
    try {
        (void)yaml::parse(SourceFile{"in.yaml", text});
    } catch (const Error& e) {
        return e.what();
    }
    return {};
}

std::string repeat(const std::string& s, int n) {
    std::string out;
    for (int i = 0; i < n; ++i) {
        out += s;
    }
    return out;
}

} // namespace

TEST_CASE("limits: nesting deeper than the limit is refused before yaml-cpp recurses") {
    CHECK(parse_error("a: " + repeat("[", 300000)) == "in.yaml:1:67: nested deeper than 64 levels (MINROLE_MAX_DEPTH)");
    CHECK(parse_error(repeat("{\"a\": ", 100000)) == "in.yaml:1:379: nested deeper than 64 levels (MINROLE_MAX_DEPTH)");
    CHECK(parse_error(repeat("- ", 1000) + "x\n") == "in.yaml:1:129: nested deeper than 64 levels (MINROLE_MAX_DEPTH)");
    std::string indented;
    for (int i = 0; i < 100; ++i) {
        indented += std::string(static_cast<std::size_t>(i), ' ') + "k:\n";
    }
    CHECK(parse_error(indented) == "in.yaml:65:65: nested deeper than 64 levels (MINROLE_MAX_DEPTH)");
    // 30 levels are fine, in every style.
    CHECK(parse_error("a: " + repeat("[", 30) + repeat("]", 30)) == "");
    CHECK(parse_error(repeat("- ", 30) + "x\n") == "");
}

TEST_CASE("limits: brackets in plain scalars, quotes, comments and block scalars do not count") {
    const std::string many = repeat("[{", 100);
    CHECK(parse_error("path: /rest/v1/{id}" + many + "\n") == "");
    CHECK(parse_error("a: \"" + many + "\"\nb: '" + many + "'\n") == "");
    CHECK(parse_error("a: 1 # " + many + "\n") == "");
    CHECK(parse_error("a: |\n  " + many + "\n  " + many + "\nb: >-\n  " + many + "\n") == "");
    CHECK(parse_error("a: \"multi\n  line " + many + "\n  end\"\n") == "");
}

namespace {
// The billion laughs: ten aliases of ten aliases of ... of a ten-item list.
std::string alias_bomb() {
    std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
    std::string previous = "a";
    for (const char* name : {"b", "c", "d", "e", "f", "g", "h", "i"}) {
        bomb += std::string(name) + ": &" + name + " [";
        for (int i = 0; i < 10; ++i) {
            bomb += (i == 0 ? "*" : ", *") + previous;
        }
        bomb += "]\n";
        previous = name;
    }
    return bomb;
}
} // namespace

TEST_CASE("limits: an alias bomb stops at the alias node limit, located at an anchor") {
    CHECK(parse_error(alias_bomb()) ==
          "in.yaml:3:4: aliases of this and other anchors add more than 10000 nodes (MINROLE_MAX_ALIAS_NODES)");
}

TEST_CASE("limits: aliases of a long string stop at the alias text limit") {
    // 1000 aliases of a 60 KB value: 60 MB of text from a 67 KB file (peaked at 650 MB RSS).
    std::string text = "a: &a " + std::string(60000, 'x') + "\nb: [";
    for (int i = 0; i < 1000; ++i) {
        text += i == 0 ? "*a" : ", *a";
    }
    text += "]\n";
    CHECK(parse_error(text) == "in.yaml:1:4: aliases of this and other anchors add more than 1 MiB of text (MINROLE_MAX_ALIAS_BYTES)");
    // The same with each alias right after the one before (the anchor is the node just read).
    std::string list = "ops:\n  - &a " + std::string(60000, 'x') + "\n";
    for (int i = 0; i < 1000; ++i) {
        list += "  - *a\n";
    }
    CHECK(parse_error(list) == "in.yaml:2:5: aliases of this and other anchors add more than 1 MiB of text (MINROLE_MAX_ALIAS_BYTES)");
    CHECK(parse_error("a: [&e [], *e, *e]\nb: [&s x, *s]\n") == "");
    ::setenv("MINROLE_MAX_ALIAS_BYTES", "70000000", 1);
    CHECK(parse_error(text) == "");
    ::unsetenv("MINROLE_MAX_ALIAS_BYTES");
}

TEST_CASE("limits: ordinary aliases and large documents without aliases are not counted as expansion") {
    CHECK(parse_error("base: &ops [GET /rest/v1/leads.json, POST /rest/v1/leads.json]\n"
                      "w1: *ops\nw2: *ops\nw3: {op: *ops, note: x}\n") == "");
    // 9000 maps, each starting where its first key does: none is mistaken for an alias (90,002
    // nodes, under the node limit).
    std::string many = "operations:\n";
    for (int i = 0; i < 9000; ++i) {
        many += "  - {op: GET /rest/v1/leads.json, note: n}\n  - op: x\n    note: y\n";
    }
    CHECK(parse_error(many) == "");
}

TEST_CASE("limits: an alias bomb stops at the node limit") {
    ::setenv("MINROLE_MAX_ALIAS_NODES", "100000000", 1);
    const std::string bomb = alias_bomb();
    const std::string error = parse_error(bomb);
    ::unsetenv("MINROLE_MAX_ALIAS_NODES");
    CHECK(error.find("more than 150000 nodes once aliases are expanded (MINROLE_MAX_NODES)") != std::string::npos);
    CHECK(error.rfind("in.yaml:", 0) == 0);
}

TEST_CASE("limits: a document over the node limit is refused from the parser's events, at the node the tree check names") {
    // 200,000 items: node 150,001 (map, key, list, then the items) is item 149,998, at column
    // 5 + 2 * 149,997. Refused before yaml-cpp builds the tree (tests/cli/hostile.sh checks the memory).
    CHECK(parse_error("a: [" + repeat("a,", 200000) + "a]\n") ==
          "in.yaml:1:299999: more than 150000 nodes once aliases are expanded (MINROLE_MAX_NODES)");
    // Under the limit in the file, over it once aliases are expanded: the tree check counts.
    ::setenv("MINROLE_MAX_ALIAS_NODES", "100000000", 1);
    const std::string error = parse_error("a: &a [" + repeat("x,", 80000) + "x]\nb: *a\n");
    ::unsetenv("MINROLE_MAX_ALIAS_NODES");
    CHECK(error.find("more than 150000 nodes once aliases are expanded (MINROLE_MAX_NODES)") != std::string::npos);
}

TEST_CASE("limits: a self-referencing alias ends at the depth limit") {
    const std::string error = parse_error("a: &loop [*loop]\n");
    CHECK((error.empty() || error.find("MINROLE_MAX_DEPTH") != std::string::npos ||
           error.find("malformed YAML") != std::string::npos));
}

TEST_CASE("limits: NUL bytes and invalid UTF-8 are located") {
    CHECK(parse_error(std::string("a: 1\nb: x\0y\n", 12)) == "in.yaml:2:5: NUL byte: binary data, expected YAML text");
    CHECK(parse_error("a: caf\xe9\n") == "in.yaml:1:7: invalid UTF-8 (byte 0xE9 at offset 6)");
    CHECK(parse_error("a: \xc0\xaf\n") == "in.yaml:1:4: invalid UTF-8 (byte 0xC0 at offset 3)");
    CHECK(parse_error("a: \xed\xa0\x80\n") == "in.yaml:1:4: invalid UTF-8 (byte 0xED at offset 3)");
    CHECK(parse_error("a: \xf4\x90\x80\x80\n") == "in.yaml:1:4: invalid UTF-8 (byte 0xF4 at offset 3)");
    CHECK(parse_error("a: \xe2\x82") == "in.yaml:1:4: invalid UTF-8 (byte 0xE2 at offset 3)");
    CHECK(parse_error("a: caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\n") == "");
}

TEST_CASE("limits: one document per file") {
    CHECK(parse_error("a: 1\n---\nb: 2\n") == "in.yaml:3:1: a second YAML document ('---'): minrole reads one document per file");
    CHECK(parse_error("---\na: 1\n") == "");
    CHECK(parse_error("---\na: 1\n...\n") == "");
    CHECK(parse_error("") == "in.yaml: empty document");
}

TEST_CASE("limits: the environment overrides them") {
    ::setenv("MINROLE_MAX_DEPTH", "2", 1);
    CHECK(parse_error("a: [[1]]\n") == "in.yaml:1:5: nested deeper than 2 levels (MINROLE_MAX_DEPTH)");
    ::setenv("MINROLE_MAX_DEPTH", "nope", 1);
    CHECK(parse_error("a: 1\n") == "MINROLE_MAX_DEPTH must be a positive integer, found 'nope'");
    ::unsetenv("MINROLE_MAX_DEPTH");
    ::setenv("MINROLE_MAX_NODES", "3", 1);
    CHECK(parse_error("a: [1, 2]\n") == "in.yaml:1:5: more than 3 nodes once aliases are expanded (MINROLE_MAX_NODES)");
    ::unsetenv("MINROLE_MAX_NODES");
    ::setenv("MINROLE_MAX_BYTES", "4", 1);
    CHECK(parse_error("a: 12\n") == "in.yaml: input is larger than the 4-byte limit (MINROLE_MAX_BYTES)");
    ::unsetenv("MINROLE_MAX_BYTES");
}

TEST_CASE("limits: every shipped catalog, rules and example file passes the pre-scan") {
    for (const auto& source : embedded_sources()) {
        CHECK_NOTHROW(yaml::check_text(source, yaml::limits()));
    }
}

TEST_CASE("limits: a ',' where a block node starts is refused (yaml-cpp 0.7 hangs on it; found by fuzz_intent)") {
    CHECK(parse_error(",\n") == "in.yaml:1:1: malformed YAML: ',' outside a flow collection");
    CHECK(parse_error("- x\n,\n") == "in.yaml:2:1: malformed YAML: ',' outside a flow collection");
    CHECK(parse_error("[a]\n,x\n") == "in.yaml:2:1: malformed YAML: ',' outside a flow collection");
    CHECK(parse_error("a: b, c\nd: [e, f]\n") == "");
}

TEST_CASE("limits: trailing garbage does not make the reader ask for endless documents (found by fuzz_policy)") {
    // yaml-cpp 0.7's LoadAll returns empty documents forever on this text.
    CHECK(parse_error("!,ptkinkind:ke:is.yaml]\n;i\n   :is.yaml]\n;i\n   ki;ing\n") == "");
    CHECK(parse_error("a: 1\n---\n") == "in.yaml:3:1: a second YAML document ('---'): minrole reads one document per file");
}

} // namespace limits_test

namespace limits_test {

TEST_CASE("limits: a gzip'd or UTF-16 YAML file is named as such, not as invalid UTF-8") {
    CHECK(parse_error(std::string("\x1f\x8b\x08\x00", 4)) == "in.yaml: is gzip-compressed; decompress it first (gunzip -k)");
    static constexpr char kUtf16le[] = "\xff\xfek\0i\0n\0d\0:\0 \0i\0n\0t\0e\0n\0t\0\n\0";
    CHECK(parse_error(std::string(kUtf16le, sizeof kUtf16le - 1)) ==
          "in.yaml: is UTF-16 text; convert it to UTF-8 first (iconv -f UTF-16 -t UTF-8)");
    static constexpr char kUtf16beNoBom[] = "\0k\0i\0n\0d\0:\0 \0x\0\n";
    CHECK(parse_error(std::string(kUtf16beNoBom, sizeof kUtf16beNoBom - 1)) ==
          "in.yaml: is UTF-16 text; convert it to UTF-8 first (iconv -f UTF-16 -t UTF-8)");
    CHECK(parse_error("a: \xff\n").find("invalid UTF-8 (byte 0xFF at offset 3)") != std::string::npos);
}

} // namespace limits_test
