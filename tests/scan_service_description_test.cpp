// Service descriptions: which JSON, YAML and XML files are read as tables of operations, how
// their URIs resolve against bases in the same file or elsewhere in the project, and that
// arbitrary or hostile files are never an error. End to end: tests/cli/scan_service_description.sh.
#include "minrole/loader.hpp"
#include "minrole/router.hpp"
#include "minrole/scan.hpp"
#include "minrole/scan_service_description.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

using namespace minrole;

namespace {

const Router& sd_router() {
    static const Model model = load_default_model();
    static const Router router(model.rules);
    return router;
}

bool known(const std::string& method, const std::string& path) {
    const auto request = parse_request(method + " " + path);
    return request && sd_router().route(*request).status == MatchStatus::Matched;
}

// "METHOD target" of every sighting a description gives, sorted.
std::vector<std::string> resolved(const std::string& file, const std::string& text, const std::vector<ApiBase>& bases = {}) {
    const auto d = read_service_description(file, text);
    REQUIRE(d.has_value());
    std::vector<std::string> out;
    describe_sightings(*d, bases, known, [&](Sighting&& s) { out.push_back(s.method + " " + s.target); });
    std::sort(out.begin(), out.end());
    return out;
}

const char* const kGuzzleJson = R"({
    "name": "marketo",
    "apiVersion": "1",
    "operations": {
        "getLead": {
            "httpMethod": "GET",
            "uri": "lead/{id}.json",
            "parameters": {"id": {"location": "uri"}}
        },
        "importLeads": {"httpMethod": "POST", "uri": "leads.json"},
        "approveEmail": {"httpMethod": "POST", "uri": "/rest/asset/v1/email/{id}/approveDraft.json"},
        "deleteLead": {"httpMethod": "DELETE", "uri": "leads.json"}
    }
})";

struct TempTree {
    std::filesystem::path path;
    TempTree() {
        path = std::filesystem::temp_directory_path() /
               ("minrole-sd-test-" + std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
        std::filesystem::create_directories(path);
    }
    ~TempTree() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
    TempTree(const TempTree&) = delete;
    TempTree& operator=(const TempTree&) = delete;
    void write(const std::string& name, const std::string& text) const {
        std::filesystem::create_directories((path / name).parent_path());
        std::ofstream(path / name) << text;
    }
};

} // namespace

TEST_CASE("service description: a Guzzle JSON description gives each operation with its line") {
    const auto d = read_service_description("service.json", kGuzzleJson);
    REQUIRE(d.has_value());
    CHECK(d->format == "json");
    CHECK(d->mentions_marketo);
    REQUIRE(d->operations.size() == 4);
    CHECK(d->operations[0].method == "GET");
    CHECK(d->operations[0].uri == "lead/{id}.json");
    CHECK(d->operations[0].name == "getLead");
    CHECK(d->operations[0].line == 7);
}

TEST_CASE("service description: relative URIs resolve against the bases the project's code defines") {
    std::vector<ApiBase> bases;
    collect_api_bases("Client.php", "<?php\n$url = sprintf('%s/bulk/v%d', $u, 1);\n$url = sprintf('%s/rest/v%d', $u, 1);\n", bases);
    REQUIRE(bases.size() == 2);
    CHECK(bases[0].path == "/bulk/v1");
    CHECK(bases[0].where == "Client.php:2");
    CHECK(bases[1].path == "/rest/v1");
    // The lead import exists under both roots, the read only under /rest; a call no rule knows
    // is reported under the preferred (REST) base, as the unmatched operation it is.
    CHECK(resolved("service.json", kGuzzleJson, bases) ==
          std::vector<std::string>{"DELETE /rest/v1/leads.json", "GET /rest/v1/lead/{id}.json", "POST /bulk/v1/leads.json",
                                   "POST /rest/asset/v1/email/{id}/approveDraft.json", "POST /rest/v1/leads.json"});
}

TEST_CASE("service description: collect_api_bases recognises how code spells a base, and nothing else") {
    std::vector<ApiBase> bases;
    collect_api_bases("a.js", "const h = 'https://' + munchkin + '.mktorest.com/rest';\n", bases);
    collect_api_bases("b.go", "endpoint = host + \"/rest/\" + version + \"/\"\n", bases);
    collect_api_bases("c.py", "BULK = f\"{host}/bulk/v{version}/\"\n", bases);
    collect_api_bases("d.rb", "get('/rest/v1/leads.json')\nx = '/restaurant'\ny = \"/bulk\"\n", bases);
    std::set<std::string> paths;
    for (const auto& b : bases) {
        paths.insert(b.path);
    }
    CHECK(paths == std::set<std::string>{"/rest", "/bulk/v1"});
}

TEST_CASE("service description: a base in the same file wins; scheme, host and placeholders are dropped") {
    const std::string yaml = "# Marketo connector\n"
                             "baseUrl: https://{munchkin}.mktorest.com/rest/v1\n"
                             "operations:\n"
                             "  lists:\n"
                             "    httpMethod: get\n"
                             "    uri: lists.json\n"
                             "  trigger:\n"
                             "    http_method: POST\n"
                             "    path: /campaigns/{{ parameters.campaign_id }}/trigger.json\n";
    const auto d = read_service_description("connector.yaml", yaml);
    REQUIRE(d.has_value());
    CHECK(d->format == "yaml");
    REQUIRE(d->operations.size() == 2);
    CHECK(d->operations[1].uri == "/campaigns/{campaign_id}/trigger.json");
    CHECK(d->operations[1].line == 9);
    const std::vector<ApiBase> elsewhere{{"/bulk/v1", "x.php:1"}};
    CHECK(resolved("connector.yaml", yaml, elsewhere) ==
          std::vector<std::string>{"GET /rest/v1/lists.json", "POST /rest/v1/campaigns/{campaign_id}/trigger.json"});
}

TEST_CASE("service description: OpenAPI and Swagger specs give one operation per path and method") {
    const std::string swagger = "swagger: '2.0'\n"
                                "info: {title: Marketo leads}\n"
                                "basePath: /rest\n"
                                "paths:\n"
                                "  /v1/leads.json:\n"
                                "    get: {operationId: getLeads}\n"
                                "    post: {operationId: syncLeads}\n"
                                "    parameters: []\n"
                                "  /v1/lists/{listId}/leads.json:\n"
                                "    delete: {operationId: removeFromList}\n";
    CHECK(resolved("swagger.yaml", swagger) == std::vector<std::string>{"DELETE /rest/v1/lists/{listId}/leads.json",
                                                                         "GET /rest/v1/leads.json", "POST /rest/v1/leads.json"});
    const std::string openapi = R"({"openapi": "3.0.1", "info": {"title": "Marketo"},
        "servers": [{"url": "https://123-ABC-456.mktorest.com/rest/asset/v1"}],
        "paths": {"/emails.json": {"get": {"operationId": "getEmails"}}}})";
    CHECK(resolved("openapi.json", openapi) == std::vector<std::string>{"GET /rest/asset/v1/emails.json"});
}

TEST_CASE("service description: XML templates, with attributes or child elements") {
    const std::string wso2 = "<template name=\"getLead\" xmlns=\"http://ws.apache.org/ns/synapse\">\n"
                             "  <sequence>\n"
                             "    <call>\n"
                             "      <endpoint>\n"
                             "        <http method=\"get\" uri-template=\"{uri.var.marketoInstanceURL}/rest/v1/lead/{uri.var.leadId}.json?fields={uri.var.fields}\"/>\n"
                             "      </endpoint>\n"
                             "    </call>\n"
                             "  </sequence>\n"
                             "</template>\n";
    const auto d = read_service_description("getLead.xml", wso2);
    REQUIRE(d.has_value());
    CHECK(d->format == "xml");
    REQUIRE(d->operations.size() == 1);
    CHECK(d->operations[0].line == 5);
    CHECK(d->operations[0].uri == "{marketoInstanceURL}/rest/v1/lead/{leadId}.json?fields={fields}");
    CHECK(resolved("getLead.xml", wso2) == std::vector<std::string>{"GET /rest/v1/lead/{leadId}.json?fields={fields}"});

    const std::string nested = "<?xml version=\"1.0\"?>\n<api name=\"marketo\" basePath=\"/rest/v1\">\n  <operation>\n"
                               "    <method>POST</method>\n    <uri>leads/push.json</uri>\n  </operation>\n</api>\n";
    CHECK(resolved("ops.xml", nested) == std::vector<std::string>{"POST /rest/v1/leads/push.json"});
}

TEST_CASE("service description: a relative path that leaves its base is resolved (/rest/../bulk)") {
    const std::string json = R"({"marketo": true, "baseUrl": "https://x.mktorest.com/rest",
        "calls": [{"method": "POST", "url": "/../bulk/v1/leads/export/create.json"}]})";
    CHECK(resolved("calls.json", json) == std::vector<std::string>{"POST /bulk/v1/leads/export/create.json"});
}

TEST_CASE("service description: files that are not descriptions are not read as ones") {
    CHECK_FALSE(read_service_description("package.json", R"({"name": "app", "scripts": {"test": "jest"}})"));
    CHECK_FALSE(read_service_description("broken.json", R"({"method": "GET", "uri": )"));
    CHECK_FALSE(read_service_description("pom.xml", "<project><method>GET</method>"));
    CHECK_FALSE(read_service_description("data.yaml", "method: FETCH\nuri: /x\n"));
    CHECK(is_service_description_file("a/B.JSON"));
    CHECK(is_service_description_file("c.yml"));
    CHECK_FALSE(is_service_description_file("c.js"));
    // A description that never names Marketo contributes only URIs rooted at a Marketo API path.
    const std::string other = R"({"operations": {"a": {"httpMethod": "GET", "uri": "users.json"},
                                                   "b": {"httpMethod": "GET", "uri": "/rest/v1/lists.json"}}})";
    CHECK(resolved("other.json", other) == std::vector<std::string>{"GET /rest/v1/lists.json"});
}

TEST_CASE("service description: hostile input is bounded and never throws") {
    std::string deep_json(100000, '[');
    CHECK_NOTHROW((void)read_service_description("deep.json", deep_json + "\"method\""));
    std::string deep_xml;
    for (int i = 0; i < 20000; ++i) {
        deep_xml += "<a>";
    }
    deep_xml += "<op method=\"GET\" uri=\"/rest/v1/lists.json\"/>";
    for (int i = 0; i < 20000; ++i) {
        deep_xml += "</a>";
    }
    CHECK_NOTHROW((void)read_service_description("deep.xml", deep_xml));
    const std::string laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\">"
                               "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
                               "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\"><!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">"
                               "<!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\"><!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\">]>\n"
                               "<op method=\"GET\"><uri>&g;</uri></op>\n";
    CHECK_NOTHROW((void)read_service_description("laughs.xml", laughs));
    const std::string external = "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>\n"
                                 "<op method=\"GET\" uri=\"/rest/v1/lists.json\">&e;</op>\n";
    const auto d = read_service_description("xxe.xml", external);
    if (d) {
        for (const auto& op : d->operations) {
            CHECK(op.uri.find("root:") == std::string::npos);
        }
    }
    CHECK_FALSE(read_service_description("binary.json", std::string("\x00\x01method\xff", 9)));
}

TEST_CASE("scan: a service description anywhere in the tree, its base in a source file elsewhere") {
    TempTree tree;
    tree.write("src/Client.php", "<?php\n$base = sprintf('%s/rest/v%d', rtrim($url, '/'), 1);\n");
    tree.write("src/Resources/service.json", kGuzzleJson);
    tree.write("package.json", R"({"name": "not-a-description", "method": "none"})");
    const ScanResult r = scan(sd_router(), {tree.path.string()});
    std::set<std::string> ops;
    for (const auto& op : r.operations) {
        ops.insert(sd_router().rules().at(op.endpoint).key());
        if (op.method == "GET") {
            CHECK(op.evidence.front().find("service.json:7") != std::string::npos);
            CHECK(op.snippet.find("service description: getLead") == 0);
            CHECK(op.snippet.find("/rest/v1 from ") != std::string::npos);
        }
    }
    CHECK(ops == std::set<std::string>{"GET /rest/v1/lead/{leadId}.json", "POST /rest/v1/leads.json",
                                       "POST /rest/asset/v1/email/{id}/approveDraft.json"});
    // (The source scanner reports the base literal itself too; that one is not ours to judge.)
    CHECK(std::any_of(r.unmatched.begin(), r.unmatched.end(),
                      [](const UnmatchedSighting& u) { return u.text == "DELETE /rest/v1/leads.json"; }));
    CHECK(r.files == 2); // the PHP file and the description; package.json is not read as one
}

TEST_CASE("service description: minrole's own reports are not descriptions") {
    const std::string allows = R"({
  "schema": "minrole/allows/v1",
  "tool": {"name": "minrole", "version": "0.1.0"},
  "workspaces": [{"endpoints": [{"endpoint": "DELETE /rest/v1/leads.json", "method": "DELETE", "path": "/rest/v1/leads.json"}]}]
})";
    CHECK(is_minrole_report(allows));
    CHECK_FALSE(read_service_description("minrole-allows.json", allows).has_value());
    CHECK(is_minrole_report("schema: minrole/scan/v1\nops: []\n"));
    CHECK(is_minrole_report(R"({"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "minrole", "rules": []}}}]})"));
    // A description naming minrole elsewhere, or with a JSON Schema $schema, still is one.
    const std::string guzzle = R"({"$schema": "https://json-schema.org/x", "description": "see minrole/docs",
 "operations": {"a": {"httpMethod": "GET", "uri": "/rest/v1/lists.json"}}})";
    CHECK_FALSE(is_minrole_report(guzzle));
    CHECK(read_service_description("s.json", guzzle).has_value());
    // A "URI" with whitespace is a label, not a URI.
    CHECK_FALSE(read_service_description("l.json", R"({"marketo": 1, "x": [{"endpoint": "GET /rest/v1/x.json", "method": "GET"}]})")
                    .has_value());
}
