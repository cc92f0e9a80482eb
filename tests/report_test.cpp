// The format table (src/report.cpp): which formats each result offers, the names --format
// accepts, and the error for a format a result does not support.
#include "minrole/report.hpp"
#include "report_model.hpp"
#include "support.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

using namespace minrole;

namespace {
std::vector<std::string> names_for(Result result) {
    std::vector<std::string> out;
    for (Format f : formats_for(result)) {
        out.emplace_back(to_string(f));
    }
    return out;
}
} // namespace

TEST_CASE("format table: each result offers exactly the formats that have a renderer for it") {
    CHECK(names_for(Result::Permissions) == std::vector<std::string>{"text", "json", "md"});
    CHECK(names_for(Result::Endpoints) == std::vector<std::string>{"text", "json"});
    CHECK(names_for(Result::Explain) == std::vector<std::string>{"text", "json"});
    CHECK(names_for(Result::Graph) == std::vector<std::string>{"json", "dot", "mermaid"});
    CHECK(names_for(Result::Lint) == std::vector<std::string>{"text", "json"});
    CHECK(names_for(Result::Recommendation) == std::vector<std::string>{"text", "json", "yaml", "md"});
    CHECK(names_for(Result::Allows) == std::vector<std::string>{"text", "json"});
    CHECK(names_for(Result::Audit) == std::vector<std::string>{"text", "json", "md", "sarif"});
    CHECK(names_for(Result::InstanceAudit) == names_for(Result::Audit));
    CHECK(names_for(Result::Diff) == std::vector<std::string>{"text", "json", "md"});
    CHECK(names_for(Result::Scan) == std::vector<std::string>{"text", "json", "yaml"});
}

TEST_CASE("format table: the default format is one the result supports") {
    for (Result r : {Result::Permissions, Result::Endpoints, Result::Explain, Result::Graph, Result::Lint,
                     Result::Recommendation, Result::Allows, Result::Audit, Result::InstanceAudit, Result::Diff,
                     Result::Scan}) {
        const auto formats = formats_for(r);
        CHECK(std::find(formats.begin(), formats.end(), default_format(r)) != formats.end());
    }
    CHECK(default_format(Result::Graph) == Format::Dot);
    CHECK(default_format(Result::Scan) == Format::Yaml);
    CHECK(default_format(Result::Audit) == Format::Text);
}

TEST_CASE("format table: names round-trip and are unique") {
    std::set<std::string> seen;
    for (const auto& row : report::format_table()) {
        CHECK(seen.insert(row.name).second);
        REQUIRE(parse_format(row.name).has_value());
        CHECK(*parse_format(row.name) == row.format);
        CHECK(std::string(to_string(row.format)) == row.name);
        CHECK(row.renderers != nullptr);
    }
    CHECK_FALSE(parse_format("markdown").has_value());
    CHECK_FALSE(parse_format("").has_value());
}

TEST_CASE("format table: a format a result lacks is a clear error, not a crash") {
    CHECK(test::error_of([] { (void)render_permissions(test::model(), Format::Sarif); }) ==
          "format 'sarif' is not available for permissions");
    CHECK(test::error_of([] { (void)render_graph(test::model(), Format::Text); }) == "format 'text' is not available for graph");
}
