// src/format_md.cpp: Markdown for pull-request comments; table cells never break the table.
#include "minrole/diff.hpp"
#include "minrole/display.hpp"
#include "minrole/recommend.hpp"
#include "minrole/report.hpp"
#include "support.hpp"

#include <doctest/doctest.h>

#include <string>

namespace format_md_test {

using namespace minrole;

TEST_CASE("md: a pipe in an input cannot add a table column") {
    const auto rec = recommend(test::model(), test::router(), test::intent_of({"GET /rest/v1/le|ads.json"}));
    const std::string out = render_recommendation(test::model(), rec, Format::Markdown);
    // A code span cannot hold a pipe inside a table, so such text is escaped instead.
    CHECK(out.find("- **unmatched** GET /rest/v1/le\\|ads.json: ") != std::string::npos);
    CHECK(out.find("Nothing matched: no operation to work a role out from.") != std::string::npos);
}

TEST_CASE("md: recommendation table has one row per member with its operations") {
    const auto rec = recommend(test::model(), test::router(), test::intent_of({"GET /rest/v1/leads.json"}));
    const std::string out = render_recommendation(test::model(), rec, Format::Markdown);
    CHECK(out.find("| Read-Only Lead | medium | `GET /rest/v1/leads.json` |") != std::string::npos);
}

TEST_CASE("md: diff lists newly allowed endpoints with their count") {
    const RoleDiff d = diff_roles(test::model(), test::role_of("permissions: [Read-Only Lead]\n", "old.yaml"),
                                  test::role_of("permissions: [Read-Write Lead]\n", "new.yaml"));
    const std::string out = render_diff(test::model(), d, Format::Markdown);
    CHECK(out.find("- ➕ Read-Write Lead\n") != std::string::npos);
    CHECK(out.find("- ➖ Read-Only Lead\n") != std::string::npos);
    CHECK(out.find("**Newly allowed (") != std::string::npos);
    CHECK(out.find("- `POST /rest/v1/leads.json`\n") != std::string::npos);
}

TEST_CASE("md: input text cannot open HTML, links, code or emphasis") {
    CHECK(markdown_text("<script>x</script>") == "\\<script\\>x\\</script\\>");
    CHECK(markdown_text("[x](javascript:alert(1))") == "\\[x\\]\\(javascript\\:alert\\(1\\)\\)");
    CHECK(markdown_text("a@b.example") == "a`@`b.example");
    CHECK(markdown_text("www.evil.example") == "www\\.evil.example");
    CHECK(markdown_text("# h") == "\\# h");
    CHECK(markdown_text("- item") == "\\- item");
    CHECK(markdown_text("12. item") == "12\\. item");
    CHECK(markdown_text("a-b 1.5") == "a-b 1.5");
    CHECK(markdown_text("line\nbreak") == "line\\\\nbreak");
    CHECK(markdown_code("GET /rest/v1/leads.json") == "`GET /rest/v1/leads.json`");
    CHECK(markdown_code("a`b") == "``a`b``");
    CHECK(markdown_code("`a") == "`` `a ``");
    CHECK(markdown_code("a|b") == "a\\|b");
}

} // namespace format_md_test
