// src/format_html*.cpp: the HTML report. Escaping, the CSP's hashes and determinism here; the
// pages in a real browser in tests/html/run.py (ctest html_report).
#include "html/html.hpp"
#include "minrole/allows.hpp"
#include "minrole/diff.hpp"
#include "minrole/redact.hpp"
#include "minrole/report.hpp"
#include "support.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace minrole;

TEST_CASE("html: escape turns markup, controls, bidi overrides and bad UTF-8 into visible text") {
    CHECK(html::escape("<a href='x'>&\"</a>") == "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;");
    CHECK(html::escape(std::string("a\x01" "b\x7f", 4)) == "a\xe2\x90\x81" "b\xe2\x90\xa1");
    CHECK(html::escape("x\xe2\x80\xaey") == "x&lt;U+202E&gt;y");
    CHECK(html::escape("\xff\xc3\xa9") == "\xef\xbf\xbd\xc3\xa9"); // invalid byte, then é
    CHECK(html::escape("tab\tand\nnewline") == "tab\tand\nnewline");
}

TEST_CASE("html: text() redacts before escaping") {
    CHECK(html::text("<b>password=hunter2</b>") == "&lt;b&gt;password=&lt;redacted&gt;&lt;/b&gt;");
}

TEST_CASE("html: sha256_base64 matches the FIPS 180-2 vectors and a multi-block input") {
    CHECK(html::sha256_base64("") == "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
    CHECK(html::sha256_base64("abc") == "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=");
    CHECK(html::sha256_base64(std::string(1000, 'a')) == "Qe3s5C1j6Nm/UVqbppMuHCDLyfWl0TRkWttdsblzfqM=");
}

TEST_CASE("html: the CSP pins the exact inline style and script") {
    const RoleSpec role = test::role_of("role: r\npermissions: [Read-Write Lead]\n");
    const std::string page = render_allows(test::model(), allows(test::model(), role), Format::Html);
    CHECK(page.find("style-src 'sha256-" + html::sha256_base64(html::stylesheet()) + "'") != std::string::npos);
    CHECK(page.find("script-src 'sha256-" + html::sha256_base64(html::script()) + "'") != std::string::npos);
    CHECK(page.find("<style>" + std::string(html::stylesheet()) + "</style>") != std::string::npos);
    CHECK(page.find("<script>" + std::string(html::script()) + "</script>") != std::string::npos);
    CHECK(page.find("default-src 'none'") != std::string::npos);
}

TEST_CASE("html: the page survives the CLI's line-by-line redaction unchanged") {
    // emit() redacts every report line; the page's own markup, style and script must not look
    // like a credential to it, or the CSP hashes would stop matching.
    const RoleSpec role = test::role_of("role: r\npermissions: [Read-Write Lead, Access Email]\n");
    const std::string page = render_allows(test::model(), allows(test::model(), role), Format::Html);
    std::string redacted;
    std::size_t start = 0;
    while (start < page.size()) {
        const std::size_t end = page.find('\n', start);
        redacted += redact(std::string_view(page).substr(start, end - start));
        if (end == std::string::npos) {
            break;
        }
        redacted += '\n';
        start = end + 1;
    }
    CHECK(redacted == page);
}

TEST_CASE("html: the implication graph draws the grants, what they imply and the parents they need") {
    const RoleSpec role = test::role_of("role: r\npermissions: [Read-Write Lead, Edit Email]\n");
    const std::string page = render_allows(test::model(), allows(test::model(), role), Format::Html);
    CHECK(page.find("<g class=\"node granted\" data-permission=\"Read-Write Lead\">") != std::string::npos);
    CHECK(page.find("<g class=\"node implied\" data-permission=\"Read-Only Lead\">") != std::string::npos);
    CHECK(page.find("<g class=\"node other\" data-permission=\"Access Design Studio\">") != std::string::npos);
    CHECK(page.find("class=\"edge implies\" data-from=\"Read-Write Lead\" data-to=\"Read-Only Lead\"") != std::string::npos);
    CHECK(page.find("class=\"edge parent\" data-from=\"Edit Email\" data-to=\"Access Design Studio\"") != std::string::npos);
}

TEST_CASE("html: same input, same bytes") {
    const RoleDiff d = diff_roles(test::model(), test::role_of("permissions: [Read-Only Lead]\n", "old.yaml"),
                                  test::role_of("permissions: [Read-Write Lead]\n", "new.yaml"));
    CHECK(render_diff(test::model(), d, Format::Html) == render_diff(test::model(), d, Format::Html));
    CHECK(render_diff(test::model(), d, Format::Html).find("data-widens=\"true\"") != std::string::npos);
}

TEST_CASE("html: a big table is split into lazily rendered chunks") {
    html::Table table("t", "", {{"A", "text"}});
    for (int i = 0; i < 450; ++i) {
        table.add_row("", "<td>" + std::to_string(i) + "</td>");
    }
    const std::string out = table.render("");
    std::size_t chunks = 0;
    for (std::size_t at = out.find("<tbody class=\"chunk\">"); at != std::string::npos; at = out.find("<tbody class=\"chunk\">", at + 1)) {
        ++chunks;
    }
    CHECK(chunks == 3);
}
