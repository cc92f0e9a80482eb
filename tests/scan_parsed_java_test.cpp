// scan over parsed Java: how real integrations build the path and choose the method of a
// request, one pattern per fixture folder under tests/fixtures/parsed-java/ (written for these
// tests). Each case checks the exact operations, and that nothing is left ambiguous or unmatched.
#include "minrole/scan.hpp"
#include "support.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace scan_parsed_java_test {

using namespace minrole;
using test::model;
using test::router;

namespace {

struct Scanned {
    std::vector<std::string> operations; // "METHOD /template", sorted
    std::vector<std::string> ambiguous;  // normalised targets
    std::vector<std::string> unmatched;  // "METHOD path"
};

Scanned scan_fixture(const std::string& folder) {
    const ScanResult r = scan(router(), {std::string(MINROLE_SOURCE_DIR) + "/tests/fixtures/parsed-java/" + folder});
    Scanned out;
    for (const auto& op : r.operations) {
        out.operations.push_back(model().rules.at(op.endpoint).key());
    }
    for (const auto& a : r.ambiguous) {
        out.ambiguous.push_back(a.target);
    }
    for (const auto& u : r.unmatched) {
        out.unmatched.push_back(u.text);
    }
    std::sort(out.operations.begin(), out.operations.end());
    return out;
}

// One line per item, so a failure shows what was found.
std::string lines(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& i : items) {
        out += i + "\n";
    }
    return out;
}

} // namespace

TEST_CASE("parsed Java: an enum constant's constructor argument is what its getter returns") {
    const Scanned s = scan_fixture("enum-constructor-argument");
    CHECK(lines(s.operations) == "GET /rest/asset/v1/programs.json\nGET /rest/v1/customobjects/{customObjectName}.json\nPOST /rest/asset/v1/programs.json\n");
    CHECK(lines(s.ambiguous).empty());
    CHECK(lines(s.unmatched).empty());
}

TEST_CASE("parsed Java: ${name} holes filled by a substitution helper are path parameters") {
    const Scanned s = scan_fixture("template-holes-helper");
    CHECK(lines(s.operations) == "DELETE /rest/v1/lists/{listId}/leads.json\nGET /rest/v1/lead/{leadId}.json\n");
    CHECK(lines(s.ambiguous).empty());
    CHECK(lines(s.unmatched).empty());
}

TEST_CASE("parsed Java: doGet/doPost/doDelete wrappers from outside the project give their method") {
    const Scanned s = scan_fixture("wrapper-name-method");
    CHECK(lines(s.operations) == "DELETE /rest/v1/lists/{listId}/leads.json\nGET /rest/v1/lists/{listId}/leads.json\nPOST /rest/v1/lists/{listId}/leads.json\n");
    CHECK(lines(s.ambiguous).empty());
    CHECK(lines(s.unmatched).empty());
}

TEST_CASE("parsed Java: unqualified calls reach the base class's wrappers, which pass the method on") {
    const Scanned s = scan_fixture("inherited-wrapper");
    CHECK(lines(s.operations) == "GET /rest/asset/v1/programs.json\nPOST /rest/asset/v1/programs.json\n");
    CHECK(lines(s.ambiguous).empty());
    CHECK(lines(s.unmatched).empty());
}

TEST_CASE("parsed Java: _method=GET put into a POST's parameters from an anonymous class makes the operation a GET") {
    const Scanned s = scan_fixture("method-tunnelled-in-parameters");
    CHECK(lines(s.operations) == "GET /rest/v1/lists.json\nGET /rest/v1/lists/{listId}/leads.json\n");
    CHECK(lines(s.ambiguous).empty());
    CHECK(lines(s.unmatched).empty());
}

TEST_CASE("parsed Java: a base built in another file reaches the request through this(...) and super(...)") {
    const Scanned s = scan_fixture("base-from-constructor-arguments");
    CHECK(lines(s.operations) == "GET /identity/oauth/token\n");
    CHECK(lines(s.ambiguous).empty());
    CHECK(lines(s.unmatched).empty());
}

TEST_CASE("parsed Java: a method set on the request built from the URL is the request's method") {
    const Scanned s = scan_fixture("chained-request-method");
    CHECK(lines(s.operations) == "DELETE /rest/v1/lists/{listId}/leads.json\n");
    CHECK(lines(s.ambiguous).empty());
    CHECK(lines(s.unmatched).empty());
}

TEST_CASE("parsed Java: nested constructions with overloads, circular classes and enum constants end, once each") {
    // Nested.java would take 3^30 evaluations if each overload evaluated the arguments again.
    const Scanned s = scan_fixture("hostile-constructions");
    CHECK(lines(s.operations) == "GET /rest/v1/campaigns.json\n");
    CHECK(lines(s.ambiguous) == "/rest/v1/leads.json\n"); // the literal passed to a constructor: no method
    CHECK(lines(s.unmatched).empty());
}

} // namespace scan_parsed_java_test
