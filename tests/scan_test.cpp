// scan: the per-format extractors (source code, log lines and streams, HAR), redact() and the
// intent a scan implies. End-to-end runs over the fixtures live in tests/cli/scan.sh.
#include "minrole/error.hpp"
#include "minrole/loader.hpp"
#include "minrole/redact.hpp"
#include "minrole/router.hpp"
#include "minrole/scan.hpp"
#include "minrole/scan_service_description.hpp"
#include "support.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace scan_test {

using namespace minrole;
using test::model;
using test::router;

namespace {



std::vector<Sighting> from_source(std::string_view text, const std::string& file = "app.js") {
    std::vector<Sighting> out;
    scan_source_text(file, text, [&](Sighting&& s) { out.push_back(std::move(s)); });
    return out;
}

std::vector<Sighting> from_line(std::string_view line, std::uint64_t number = 1) {
    std::vector<Sighting> out;
    scan_log_line("access.log", number, line, [&](Sighting&& s) { out.push_back(std::move(s)); });
    return out;
}

std::vector<Sighting> from_har(const std::string& text) {
    std::vector<Sighting> out;
    scan_har_text("session.har", text, [&](Sighting&& s) { out.push_back(std::move(s)); });
    return out;
}

// Streams `content` through scan_log_stream via a temporary file.
std::vector<Sighting> from_stream(const std::string& content, std::uint64_t& lines) {
    std::FILE* f = std::tmpfile();
    REQUIRE(f != nullptr);
    REQUIRE(std::fwrite(content.data(), 1, content.size(), f) == content.size());
    std::rewind(f);
    std::vector<Sighting> out;
    lines = scan_log_stream("big.log", f, [&](Sighting&& s) { out.push_back(std::move(s)); });
    std::fclose(f);
    return out;
}

// "METHOD target" of a sighting, the way a scan routes it.
std::string said(const Sighting& s) { return s.method.empty() ? s.target : s.method + " " + s.target; }

std::string routed_key(const Sighting& s) {
    const RouteMatch m = router().route(said(s));
    if (m.status == MatchStatus::Matched && m.endpoint) {
        return model().rules.at(*m.endpoint).key();
    }
    return m.status == MatchStatus::Ambiguous ? "<ambiguous>" : "<unmatched>";
}

struct TempDir {
    std::filesystem::path path;
    TempDir() {
        path = std::filesystem::temp_directory_path() /
               ("minrole-scan-test-" + std::to_string(reinterpret_cast<std::uintptr_t>(this)) + "-" +
                std::to_string(std::rand()));
        std::filesystem::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    void write(const std::string& name, const std::string& content) const {
        std::filesystem::create_directories((path / name).parent_path());
        std::ofstream(path / name, std::ios::binary) << content;
    }
};

} // namespace

// ---- scan_source_text ---------------------------------------------------------------------

TEST_CASE("scan_source_text: axios call style gives the method; template strings become {x}") {
    const auto s = from_source("const r = await api.get(`/v1/lead/${id}.json`);\n");
    REQUIRE(s.size() == 1);
    CHECK(s[0].method == "GET");
    CHECK(s[0].target == "/v1/lead/{x}.json");
    CHECK(s[0].file == "app.js");
    CHECK(s[0].line == 1);
    CHECK(routed_key(s[0]) == "GET /rest/v1/lead/{leadId}.json");
}

TEST_CASE("scan_source_text: a path relative to the /rest base routes to the /rest endpoint") {
    const auto s = from_source("\n\n  return api.post('/v1/leads.json', { input });\n");
    REQUIRE(s.size() == 1);
    CHECK(s[0].method == "POST");
    CHECK(s[0].target == "/v1/leads.json");
    CHECK(s[0].line == 3);
    CHECK(routed_key(s[0]) == "POST /rest/v1/leads.json");
}

TEST_CASE("scan_source_text: concatenation with + fills the variable part") {
    const auto s = from_source("HttpPost post = new HttpPost(baseUrl + \"/rest/v1/lists/\" + listId + \"/leads.json\");\n",
                               "Lists.java");
    REQUIRE(s.size() == 1);
    CHECK(s[0].method == "POST");
    CHECK(s[0].target == "/rest/v1/lists/{x}/leads.json");
    CHECK(routed_key(s[0]) == "POST /rest/v1/lists/{listId}/leads.json");
}

TEST_CASE("scan_source_text: a trailing `+ id` fills the last segment") {
    const auto s = from_source("requests.get(BASE + '/rest/v1/lists/' + list_id)\n", "a.py");
    REQUIRE(s.size() == 1);
    CHECK(s[0].method == "GET");
    CHECK(s[0].target == "/rest/v1/lists/{x}");
}

TEST_CASE("scan_source_text: a minified line of 200,000 statements gives each statement's sighting, as its own line would") {
    // Every clue a sighting looks for around its literal (the method before or after it, a fetch
    // with the URL alone, a trailing `+ id`) is searched for once per line, not once per literal:
    // this line took minutes when each literal searched the whole line.
    const std::string unit = "fetch(\"/rest/v1/lead/\" + id + \".json\"); u = '/rest/v1/lists/' + id; ";
    std::string line;
    for (int i = 0; i < 100'000; ++i) {
        line += unit;
    }
    const auto alone = from_source(unit + "\n");
    const auto many = from_source(line + "\n");
    REQUIRE(alone.size() == 2);
    CHECK(alone[0].method == "GET");
    CHECK(alone[0].target == "/rest/v1/lead/{x}.json");
    CHECK(alone[1].method.empty());
    CHECK(alone[1].target == "/rest/v1/lists/{x}");
    REQUIRE(many.size() == 200'000);
    for (std::size_t i = 0; i < many.size(); i += 999) {
        CHECK(many[i].method == alone[i % 2].method);
        CHECK(many[i].target == alone[i % 2].target);
    }
}

TEST_CASE("scan_source_text: a concatenation is assembled from at most 64 literals and 4 KiB") {
    std::string chain = "u = '/rest/v1/leads.json?a='";
    for (int i = 0; i < 100'000; ++i) {
        chain += " + 'b'";
    }
    const auto s = from_source(chain + "\n");
    REQUIRE(!s.empty());
    CHECK(s[0].target == "/rest/v1/leads.json?a=" + std::string(63, 'b'));
}

TEST_CASE("scan_source_text: Python f-strings, requests.post and the _method override") {
    const auto s = from_source("r = requests.post(f\"{BASE}/rest/v1/leads.json?_method=GET\", data=body)\n", "a.py");
    REQUIRE(s.size() == 1);
    CHECK(s[0].method == "POST");
    CHECK(s[0].target == "/rest/v1/leads.json?_method=GET");
    CHECK(routed_key(s[0]) == "GET /rest/v1/leads.json");
}

TEST_CASE("scan_source_text: a query parameter in the literal is kept for the router") {
    const auto s =
        from_source("r = requests.get(f\"{BASE}/rest/asset/v1/email/{email_id}/fullContent.json?leadId={lead_id}\")\n", "a.py");
    REQUIRE(s.size() == 1);
    CHECK(s[0].method == "GET");
    const auto request = parse_request(said(s[0]));
    REQUIRE(request);
    CHECK(request->path == "/rest/asset/v1/email/{x}/fullContent.json");
    CHECK(request->parameters.count("leadId") == 1);
}

TEST_CASE("scan_source_text: fetch with method on the following lines") {
    const auto s = from_source("const res = await fetch(`${BASE}/rest/asset/v1/email/${emailId}/fullContent.json`, {\n"
                               "  method: 'GET',\n"
                               "  headers: { Accept: 'application/json' },\n"
                               "});\n",
                               "email.ts");
    REQUIRE(s.size() == 1);
    CHECK(s[0].method == "GET");
    CHECK(s[0].target == "/rest/asset/v1/email/{x}/fullContent.json");
    CHECK(s[0].line == 1);
}

TEST_CASE("scan_source_text: fetch with method POST later on the same line") {
    const auto s = from_source("await fetch(`${BASE}/rest/v1/leads.json`, { method: 'POST', body });\n", "e.ts");
    REQUIRE(s.size() == 1);
    CHECK(s[0].method == "POST");
}

TEST_CASE("scan_source_text: fetch with the URL as its only argument is a GET") {
    const auto s = from_source("const r = await fetch(`${BASE}/rest/v1/leads.json?filterType=email`);\n"
                               "fetch(BASE + '/rest/v1/lead/' + id + '.json').then((r) => r.json());\n"
                               "window.fetch(\"https://123-ABC-456.mktorest.com/rest/v1/lists.json\")\n",
                               "f.js");
    REQUIRE(s.size() == 3);
    for (const auto& sighting : s) {
        CAPTURE(sighting.target);
        CHECK(sighting.method == "GET");
    }
    CHECK(s[1].target == "/rest/v1/lead/{x}.json");
}

TEST_CASE("scan_source_text: fetch with options, inside another call or a lookalike keeps the method open") {
    const auto s = from_source("fetch(BASE + '/rest/v1/leads.json', options);\n"
                               "fetch(url('/rest/v1/lists.json'));\n"
                               "prefetch('/rest/v1/lead/1.json');\n"
                               "fetch(base, '/rest/v1/lead/2.json');\n",
                               "g.js");
    REQUIRE(s.size() == 4);
    for (const auto& sighting : s) {
        CAPTURE(sighting.target);
        CHECK(sighting.method.empty());
    }
}

TEST_CASE("scan_source_text: a constant without any call leaves the method empty") {
    const auto s = from_source("const LIST_LEADS = '/rest/v1/lists/{listId}/leads.json';\n");
    REQUIRE(s.size() == 1);
    CHECK(s[0].method.empty());
    CHECK(s[0].target == "/rest/v1/lists/{x}/leads.json");
    CHECK(routed_key(s[0]) == "<ambiguous>");
}

TEST_CASE("scan_source_text: a base URL alone is configuration, not a call") {
    CHECK(from_source("const api = axios.create({ baseURL: 'https://123-ABC-456.mktorest.com/rest' });\n").empty());
    CHECK(from_source("BASE = \"https://123-ABC-456.mktorest.com\"\n", "a.py").empty());
    CHECK(from_source("import x from './lib/util.js';\n").empty());
}

TEST_CASE("scan_source_text: curl lines; a body without -X means POST") {
    auto s = from_source("curl -X DELETE \"https://x.mktorest.com/rest/v1/lists/42/leads.json?id=1\"\n", "a.sh");
    REQUIRE(s.size() == 1);
    CHECK(s[0].method == "DELETE");
    s = from_source("curl -d '{}' \"https://x.mktorest.com/rest/v1/leads.json\"\n", "a.sh");
    REQUIRE(s.size() == 1);
    CHECK(s[0].method == "POST");
    s = from_source("curl \"https://x.mktorest.com/rest/v1/leads.json\"\n", "a.sh");
    REQUIRE(s.size() == 1);
    CHECK(s[0].method == "GET");
}

TEST_CASE("scan_source_text: snippets are trimmed and redacted") {
    const auto s =
        from_source("    HttpGet g = new HttpGet(base + \"/rest/v1/activities/types.json?access_token=SECRET-TOKEN-12345\");\r\n",
                    "A.java");
    REQUIRE(s.size() == 1);
    CHECK(s[0].method == "GET");
    CHECK(s[0].snippet.rfind("HttpGet g", 0) == 0);
    CHECK(s[0].snippet.find("SECRET-TOKEN-12345") == std::string::npos);
    CHECK(s[0].snippet.find("access_token=<redacted>") != std::string::npos);
}

TEST_CASE("scan_source_text: two calls on two lines keep their own line numbers") {
    const auto s = from_source("api.get('/v1/leads.json');\n"
                               "api.post(`/asset/v1/email/${id}/approveDraft.json`);\n");
    REQUIRE(s.size() == 2);
    CHECK(s[0].line == 1);
    CHECK(s[1].line == 2);
    CHECK(routed_key(s[1]) == "POST /rest/asset/v1/email/{id}/approveDraft.json");
}

TEST_CASE("scan_source_text: empty text and text without a newline") {
    CHECK(from_source("").empty());
    const auto s = from_source("api.get('/v1/leads.json')");
    REQUIRE(s.size() == 1);
    CHECK(s[0].line == 1);
}

// ---- scan_log_line ----------------------------------------------------------------------

TEST_CASE("scan_log_line: combined log format") {
    const auto s = from_line("10.0.0.1 - - [12/Mar/2025:06:00:02 +0000] \"GET /rest/v1/leads.json?filterType=email"
                             "&access_token=SECRET-TOKEN-12345 HTTP/1.1\" 200 12 \"-\" \"python-requests/2.31\"",
                             7);
    REQUIRE(s.size() == 1);
    CHECK(s[0].method == "GET");
    CHECK(s[0].target == "/rest/v1/leads.json?filterType=email&access_token=SECRET-TOKEN-12345");
    CHECK(s[0].line == 7);
    CHECK(s[0].file == "access.log");
    CHECK(s[0].snippet.find("SECRET-TOKEN-12345") == std::string::npos);
}

TEST_CASE("scan_log_line: OPTIONS and HEAD are skipped") {
    CHECK(from_line("1.2.3.4 - - [x] \"OPTIONS /rest/v1/leads.json HTTP/1.1\" 204 0").empty());
    CHECK(from_line("1.2.3.4 - - [x] \"HEAD /rest/v1/leads.json HTTP/1.1\" 200 0").empty());
}

TEST_CASE("scan_log_line: lines without a Marketo path give nothing") {
    CHECK(from_line("1.2.3.4 - - [x] \"GET /healthz HTTP/1.1\" 200 2").empty());
    CHECK(from_line("").empty());
}

TEST_CASE("scan_log_line: POST with ?_method=DELETE routes as DELETE") {
    const auto s = from_line("1.2.3.4 - - [x] \"POST /rest/v1/lists/42/leads.json?_method=DELETE&id=5 HTTP/1.1\" 200 9");
    REQUIRE(s.size() == 1);
    CHECK(s[0].method == "POST");
    CHECK(routed_key(s[0]) == "DELETE /rest/v1/lists/{listId}/leads.json");
}

TEST_CASE("scan_log_line: JSON lines with a method key and escaped slashes") {
    const auto s = from_line("{\"method\":\"GET\",\"url\":\"https:\\/\\/x.mktorest.com\\/rest\\/v1\\/lead\\/318581.json\"}");
    REQUIRE(s.size() == 1);
    CHECK(s[0].method == "GET");
    CHECK(routed_key(s[0]) == "GET /rest/v1/lead/{leadId}.json");
    const auto r = from_line("{\"request\":\"POST /rest/asset/v1/email/1234/approveDraft.json HTTP/1.1\",\"status\":200}");
    REQUIRE(r.size() == 1);
    CHECK(r[0].method == "POST");
    CHECK(routed_key(r[0]) == "POST /rest/asset/v1/email/{id}/approveDraft.json");
}

TEST_CASE("scan_log_line: the request URL wins over a referer") {
    const auto s = from_line("1.2.3.4 - - [x] \"GET /rest/v1/leads.json HTTP/1.1\" 200 9 "
                             "\"https://x.mktorest.com/rest/v1/lists.json\" \"ua\"");
    REQUIRE(s.size() == 1);
    CHECK(s[0].target == "/rest/v1/leads.json");
}

// ---- scan_log_stream --------------------------------------------------------------------

TEST_CASE("scan_log_stream: counts lines and reports each with its number") {
    std::uint64_t lines = 0;
    const auto s = from_stream("noise\n\"GET /rest/v1/leads.json HTTP/1.1\"\nnoise\n\"POST /rest/v1/leads.json HTTP/1.1\"\n", lines);
    CHECK(lines == 4);
    REQUIRE(s.size() == 2);
    CHECK(s[0].line == 2);
    CHECK(s[1].line == 4);
    CHECK(s[1].method == "POST");
}

TEST_CASE("scan_log_stream: a last line without newline is still read") {
    std::uint64_t lines = 0;
    const auto s = from_stream("noise\n\"DELETE /rest/v1/lists/4/leads.json HTTP/1.1\"", lines);
    CHECK(lines == 2);
    REQUIRE(s.size() == 1);
    CHECK(s[0].line == 2);
    CHECK(s[0].method == "DELETE");
}

TEST_CASE("scan_log_stream: a line longer than 64 KiB is cut, not lost, and the next line is intact") {
    std::string content = "\"GET /rest/v1/leads.json?filterValues=" + std::string(100 * 1024, 'a') + " HTTP/1.1\"\n";
    content += std::string(70 * 1024, 'z') + "\n"; // a long line with nothing in it
    content += "\"POST /rest/v1/leads.json HTTP/1.1\"\n";
    std::uint64_t lines = 0;
    const auto s = from_stream(content, lines);
    CHECK(lines == 3);
    REQUIRE(s.size() == 2);
    CHECK(s[0].line == 1);
    CHECK(s[0].method == "GET");
    CHECK(s[0].target.size() <= 64u * 1024u);
    CHECK(routed_key(s[0]) == "GET /rest/v1/leads.json");
    CHECK(s[1].line == 3);
    CHECK(s[1].method == "POST");
    CHECK(s[1].target == "/rest/v1/leads.json");
}

TEST_CASE("scan_log_stream: lines across the 1 MiB chunk boundary are joined") {
    // Pad so the second request straddles the first chunk boundary.
    std::string content;
    const std::string filler = std::string(1000, 'x') + "\n";
    while (content.size() + filler.size() < (1u << 20) - 10) {
        content += filler;
    }
    const std::uint64_t before = static_cast<std::uint64_t>(std::count(content.begin(), content.end(), '\n'));
    content += "\"POST /rest/v1/leads.json HTTP/1.1\"\n";
    std::uint64_t lines = 0;
    const auto s = from_stream(content, lines);
    CHECK(lines == before + 1);
    REQUIRE(s.size() == 1);
    CHECK(s[0].line == before + 1);
    CHECK(s[0].method == "POST");
    CHECK(s[0].target == "/rest/v1/leads.json");
}

TEST_CASE("scan_log_stream: an empty file has no lines") {
    std::uint64_t lines = 7;
    CHECK(from_stream("", lines).empty());
    CHECK(lines == 0);
}

// ---- scan_har_text ----------------------------------------------------------------------

TEST_CASE("scan_har_text: entries with a Marketo URL, the entry index as the line") {
    const auto s = from_har(R"({"log":{"entries":[
        {"request":{"method":"GET","url":"https://cdn.example/app.js"}},
        {"request":{"method":"get","url":"https://x.mktorest.com/rest/v1/activities/types.json?access_token=SECRET-TOKEN-12345"}}
    ]}})");
    REQUIRE(s.size() == 1);
    CHECK(s[0].method == "GET");
    CHECK(s[0].line == 2);
    CHECK(s[0].file == "session.har");
    CHECK(routed_key(s[0]) == "GET /rest/v1/activities/types.json");
    CHECK(s[0].snippet.find("SECRET-TOKEN-12345") == std::string::npos);
}

TEST_CASE("scan_har_text: a POST whose form body carries _method=GET is a GET") {
    auto s = from_har(R"({"log":{"entries":[{"request":{"method":"POST","url":"https://x.mktorest.com/rest/v1/lists/42/leads.json",
        "postData":{"mimeType":"application/x-www-form-urlencoded","text":"batchSize=3&_method=GET"}}}]}})");
    REQUIRE(s.size() == 1);
    CHECK(routed_key(s[0]) == "GET /rest/v1/lists/{listId}/leads.json");
    s = from_har(R"({"log":{"entries":[{"request":{"method":"POST","url":"https://x.mktorest.com/rest/v1/lists/42/leads.json",
        "postData":{"params":[{"name":"_method","value":"DELETE"}]}}}]}})");
    REQUIRE(s.size() == 1);
    CHECK(routed_key(s[0]) == "DELETE /rest/v1/lists/{listId}/leads.json");
    // Only a whole form field counts, not a value that happens to contain the text.
    s = from_har(R"({"log":{"entries":[{"request":{"method":"POST","url":"https://x.mktorest.com/rest/v1/lists/42/leads.json",
        "postData":{"text":"note=x_method=GET"}}}]}})");
    REQUIRE(s.size() == 1);
    CHECK(routed_key(s[0]) == "POST /rest/v1/lists/{listId}/leads.json");
}

TEST_CASE("scan_har_text: an OPTIONS preflight is skipped") {
    const auto s = from_har(R"({"log":{"entries":[
        {"request":{"method":"OPTIONS","url":"https://x.mktorest.com/rest/v1/leads.json"}},
        {"request":{"method":"HEAD","url":"https://x.mktorest.com/rest/v1/leads.json"}}
    ]}})");
    CHECK(s.empty());
}

TEST_CASE("scan_har_text: malformed HAR is a located minrole::Error") {
    CHECK_THROWS_AS(from_har("{\"log\": {\"entries\": [ "), Error);
    CHECK_THROWS_AS(from_har("{\"log\": {}}"), Error);
    CHECK_THROWS_AS(from_har("[1, 2, 3]"), Error);
    CHECK_THROWS_AS(from_har(""), Error);
    try {
        from_har("not json");
        FAIL("expected an error");
    } catch (const Error& e) {
        CHECK(e.where().file == "session.har");
    }
    // Odd entries are skipped, not fatal.
    CHECK(from_har(R"({"log":{"entries":[1, {"request":5}, {"request":{"url":7}}]}})").empty());
}

TEST_CASE("scan_har_text: a number no double holds is a located Error that does not quote it") {
    // nlohmann throws out_of_range (not parse_error) for 1e999; the fuzz smoke found it escaping.
    try {
        from_har("{\"log\": {\"entries\": []},\n \"x\": 2777777e7777777777}");
        FAIL("expected an error");
    } catch (const Error& e) {
        CHECK(e.where().file == "session.har");
        CHECK(e.where().line == 2);
        CHECK(e.where().column == 7);
        CHECK(e.message().find("2777777") == std::string::npos);
    }
}

// ---- redact -----------------------------------------------------------------------------

TEST_CASE("redact: query parameters") {
    CHECK(redact("/rest/v1/leads.json?access_token=SECRET-TOKEN-12345&fields=email") ==
          "/rest/v1/leads.json?access_token=<redacted>&fields=email");
    CHECK(redact("grant_type=client_credentials&client_id=abc&client_secret=SHHH-9876") ==
          "grant_type=client_credentials&client_id=<redacted>&client_secret=<redacted>");
    CHECK(redact("?refresh_token=r1&password=p2&api_key=k3") == "?refresh_token=<redacted>&password=<redacted>&api_key=<redacted>");
    CHECK(redact("ACCESS_TOKEN=Upper") == "ACCESS_TOKEN=<redacted>");
}

TEST_CASE("redact: JSON keys") {
    CHECK(redact(R"({"access_token": "x", "expires_in": 3599})") == R"({"access_token": "<redacted>", "expires_in": 3599})");
    CHECK(redact(R"({"client_secret":"SHHH-9876"})").find("SHHH-9876") == std::string::npos);
}

TEST_CASE("redact: Authorization headers keep the scheme and hide the credential") {
    CHECK(redact("Authorization: Bearer SECRET-TOKEN-12345") == "Authorization: Bearer <redacted>");
    CHECK(redact("authorization: Basic dXNlcjpwYXNz") == "authorization: Basic <redacted>");
    CHECK(redact(R"(-H "Authorization: Bearer SECRET-TOKEN-12345" https://x)").find("SECRET-TOKEN-12345") == std::string::npos);
    CHECK(redact(R"(setHeader("Authorization", "Bearer SECRET-TOKEN-12345"))").find("SECRET-TOKEN-12345") ==
          std::string::npos);
    CHECK(redact(R"({"Authorization":"Bearer SECRET-TOKEN-12345"})").find("SECRET-TOKEN-12345") == std::string::npos);
}

TEST_CASE("redact: ordinary words and paths are untouched") {
    for (const std::string text : {"tokenizer", "the tokenizer splits words", "GET /rest/v1/leads.json?fields=email",
                                   "secretary: Ann", "passwordless=true", "/identity/oauth/token", "my_token_count=3",
                                   "Authorization required", ""}) {
        CHECK(redact(text) == text);
    }
}

// ---- scan_to_intent and scan ------------------------------------------------------------

TEST_CASE("scan_to_intent: matched, ambiguous and unmatched operations in the Default workspace") {
    TempDir dir;
    dir.write("src/app.js", "api.get('/v1/leads.json');\n"
                            "api.get('/v1/leads.json');\n"
                            "const L = '/rest/v1/lists/{listId}/leads.json';\n"
                            "api.get('/rest/v1/leadz.json');\n");
    dir.write("src/prev.py", "requests.get(f\"{BASE}/rest/asset/v1/email/{e}/fullContent.json?leadId={l}\")\n");
    const ScanResult result = scan(router(), {dir.path.string()});
    CHECK(result.files == 2);
    REQUIRE(result.operations.size() == 2);
    REQUIRE(result.ambiguous.size() == 1);
    REQUIRE(result.unmatched.size() == 1);
    CHECK(result.ambiguous[0].target == "/rest/v1/lists/{x}/leads.json");
    CHECK(result.ambiguous[0].candidates.size() == 3);
    CHECK(result.unmatched[0].text == "GET /rest/v1/leadz.json");
    CHECK_FALSE(result.unmatched[0].closest.empty());

    const Intent intent = scan_to_intent(model().rules, result);
    CHECK(intent.service == "scanned");
    REQUIRE(intent.workspaces.size() == 1);
    CHECK(intent.workspaces[0].name == kDefaultWorkspace);
    const auto& ops = intent.workspaces[0].operations;
    REQUIRE(ops.size() == 4);
    std::vector<std::string> texts;
    for (const auto& op : ops) {
        texts.push_back(op.text);
    }
    CHECK(std::count(texts.begin(), texts.end(), "GET /rest/v1/leads.json") == 1);
    CHECK(std::count(texts.begin(), texts.end(), "GET /rest/asset/v1/email/{id}/fullContent.json") == 1);
    CHECK(std::count(texts.begin(), texts.end(), "/rest/v1/lists/{x}/leads.json") == 1);
    CHECK(std::count(texts.begin(), texts.end(), "GET /rest/v1/leadz.json") == 1);
    for (const auto& op : ops) {
        if (op.text == "GET /rest/v1/leads.json") {
            CHECK(op.note.find("app.js:1") != std::string::npos);
            CHECK(op.note.find("app.js:2") != std::string::npos);
            CHECK(op.note.find("(2 sightings)") != std::string::npos);
        } else if (op.text == "GET /rest/asset/v1/email/{id}/fullContent.json") {
            CHECK(op.parameters == Parameters{"leadId"});
        } else if (op.text == "/rest/v1/lists/{x}/leads.json") {
            CHECK(op.note.rfind("ambiguous:", 0) == 0);
        } else {
            CHECK(op.note.rfind("unmatched:", 0) == 0);
        }
    }
}

TEST_CASE("scan: a missing path is a located error") {
    try {
        (void)scan(router(), {"/no/such/minrole/path"});
        FAIL("expected an error");
    } catch (const Error& e) {
        CHECK(e.where().file == "/no/such/minrole/path");
    }
}

TEST_CASE("scan: vendored folders, .gitignore and binary files are skipped by default") {
    TempDir dir;
    dir.write(".gitignore", "gen/\n");
    dir.write("gen/routes.js", "axios.post('/rest/v1/leads/delete.json');\n");
    dir.write("node_modules/x/index.js", "axios.get('/rest/v1/campaigns.json');\n");
    dir.write("blob.js", std::string("axios.get('/rest/v1/lists.json');\0\0\0", 36));
    dir.write("app.js", "axios.get('/rest/v1/leads.json');\n");
    ScanResult r = scan(router(), {dir.path.string()});
    REQUIRE(r.operations.size() == 1);
    CHECK(model().rules.at(r.operations[0].endpoint).key() == "GET /rest/v1/leads.json");
    CHECK(r.skipped_files == 1);

    ScanOptions options;
    options.include_vendored = true;
    options.follow_gitignore = false;
    r = scan(router(), {dir.path.string()}, options);
    CHECK(r.operations.size() == 3);

    options.excludes = {"*.js"};
    r = scan(router(), {dir.path.string()}, options);
    CHECK(r.operations.empty());
}

TEST_CASE("scan: a file found by walking and not read is reported with why, never only counted") {
    TempDir dir;
    dir.write("logs/access.log.1.gz", std::string("\x1f\x8b\x08\0\0\0\0\0", 8));
    dir.write("logs/app.log", std::string("\xff\xfeG\0E\0T\0 \0/\0", 12));
    dir.write("src/big.js", std::string(2048, 'x') + "\naxios.get('/rest/v1/leads.json');\n");
    dir.write("src/blob.js", std::string("axios.get('/rest/v1/lists.json');\0\0\0", 36));
    ScanOptions options;
    options.max_source_bytes = 1024;
    std::vector<std::string> told;
    options.skipped_file = [&](const ScanNote& note) { told.push_back(note.file + ": " + note.note); };
    const ScanResult r = scan(router(), {dir.path.string()}, options);
    CHECK(r.operations.empty());
    CHECK(r.skipped_files == 4);
    const std::string at = dir.path.generic_string() + "/";
    const std::vector<std::string> want{
        at + "logs/access.log.1.gz: is gzip-compressed; decompress it first (gunzip -k); not scanned",
        at + "logs/app.log: is UTF-16 text; convert it to UTF-8 first (iconv -f UTF-16 -t UTF-8); not scanned",
        at + "src/big.js: is larger than the 1024-byte limit for files found by walking a folder; name it on the command line to read it; not scanned",
        at + "src/blob.js: is binary (it holds NUL bytes), expected source code or a log; not scanned",
    };
    CHECK(told == want);
    std::vector<std::string> notes;
    for (const auto& n : r.notes) {
        notes.push_back(n.file + ": " + n.note);
    }
    CHECK(notes == want);
}

TEST_CASE("scan: a service description past 100,000 operations says how many were left out") {
    // 20,001 paths of five methods each: 100,005 operations in about 1.1 MB.
    std::string spec = "{\"openapi\": \"3.0.0\", \"paths\": {";
    for (int i = 0; i < 20001; ++i) {
        spec += (i == 0 ? "" : ",") + std::string("\"/p") + std::to_string(i) + "\":{\"get\":0,\"put\":0,\"post\":0,\"delete\":0,\"patch\":0}";
    }
    spec += "}}\n";
    // About 240,000 YAML nodes: over the default MINROLE_MAX_NODES (150,000), raised here to
    // reach the operation bound this case is about.
    ::setenv("MINROLE_MAX_NODES", "1000000", 1);
    const auto d = read_service_description("big.json", spec);
    REQUIRE(d.has_value());
    CHECK(d->operations.size() == kMaxDescribedOperations);
    CHECK(d->operations_left_out == 5);
    TempDir dir;
    dir.write("big.json", spec);
    const ScanResult r = scan(router(), {dir.path.string()});
    ::unsetenv("MINROLE_MAX_NODES");
    REQUIRE(r.notes.size() == 1);
    CHECK(r.notes[0].file == dir.path.generic_string() + "/big.json");
    CHECK(r.notes[0].note == "lists more than 100000 operations; 5 more were left out");
}

TEST_CASE("scan: one call in parsed code that sends several texts to one operation is one sighting; log lines each count") {
    TempDir dir;
    dir.write("a.js", "var q = '?sinceDatetime=' + x;\nif (y) { q = '?sinceDatetime=2020'; }\n"
                      "fetch('/rest/v1/activities/pagingtoken.json' + q);\n");
    dir.write("access.log", "GET /rest/v1/activities/pagingtoken.json?sinceDatetime=1 HTTP/1.1\n"
                            "GET /rest/v1/activities/pagingtoken.json?sinceDatetime=1 HTTP/1.1\n");
    ScanResult r = scan(router(), {(dir.path / "a.js").string()});
    REQUIRE(r.operations.size() == 1);
    CHECK(r.operations[0].calls == 1);
    CHECK(r.operations[0].evidence == std::vector<std::string>{(dir.path / "a.js").generic_string() + ":3"});
    r = scan(router(), {(dir.path / "access.log").string()});
    REQUIRE(r.operations.size() == 1);
    CHECK(r.operations[0].calls == 2);
}

TEST_CASE("scan: --exclude patterns with a slash apply below a root outside the working directory") {
    TempDir dir;
    dir.write("src/app.js", "axios.get('/rest/v1/leads.json');\n");
    dir.write("src/gen/routes.js", "axios.post('/rest/v1/leads/delete.json');\n");
    ScanOptions options;
    options.excludes = {"src/gen/"};
    ScanResult r = scan(router(), {dir.path.string()}, options);
    REQUIRE(r.operations.size() == 1);
    CHECK(model().rules.at(r.operations[0].endpoint).key() == "GET /rest/v1/leads.json");
    options.excludes = {"src/*.js"};
    r = scan(router(), {dir.path.string()}, options);
    REQUIRE(r.operations.size() == 1);
    CHECK(model().rules.at(r.operations[0].endpoint).key() == "POST /rest/v1/leads/delete.json");
}

TEST_CASE("scan: a source file whose name starts with 'access' is code, not an access log") {
    TempDir dir;
    dir.write("accessTokens.js", "const r = await api.get('/v1/leads.json');\n");
    dir.write("access_log", "1.2.3.4 - - [x] \"POST /rest/v1/leads.json HTTP/1.1\" 200 1\n");
    const ScanResult r = scan(router(), {dir.path.string()});
    CHECK(r.files == 2);
    REQUIRE(r.operations.size() == 2);
    CHECK(model().rules.at(r.operations[0].endpoint).key() == "GET /rest/v1/leads.json");
    CHECK(r.operations[0].evidence.at(0).find("accessTokens.js:1") != std::string::npos);
    CHECK(model().rules.at(r.operations[1].endpoint).key() == "POST /rest/v1/leads.json");
}

TEST_CASE("scan: a HAR is read whole; a broken one names the file and echoes no credential") {
    TempDir dir;
    dir.write("bad.har", R"({"log":{"entries":[{"request":{"url":"https://x.mktorest.com/rest/v1/leads.json?a=b","headers":[{"value":"SECRET-TOKEN-12345)");
    try {
        (void)scan(router(), {(dir.path / "bad.har").string()});
        FAIL("expected an error");
    } catch (const Error& e) {
        CHECK(e.where().file.find("bad.har") != std::string::npos);
        CHECK(std::string(e.what()).find("SECRET-TOKEN-12345") == std::string::npos);
        CHECK(e.message().find("SECRET-TOKEN-12345") == std::string::npos);
    }
}

// ---- the routing cache and the streamed reader on awkward input ---------------------------

namespace {

// Every field a report shows, in order: a cached scan must give exactly the uncached one.
std::string describe(const RuleSet& rules, const ScanResult& r) {
    std::string out = "files " + std::to_string(r.files) + " lines " + std::to_string(r.lines) + " bytes " +
                      std::to_string(r.bytes) + "\n";
    const auto list = [](const std::vector<std::string>& items) {
        std::string joined;
        for (const auto& item : items) {
            joined += item + "|";
        }
        return joined;
    };
    const auto ids = [&](const std::vector<EndpointId>& items) {
        std::string joined;
        for (const auto id : items) {
            joined += rules.at(id).key() + "|";
        }
        return joined;
    };
    for (const auto& op : r.operations) {
        std::string params;
        for (const auto& p : op.parameters) {
            params += p + ",";
        }
        out += "op " + rules.at(op.endpoint).key() + " [" + params + "] x" + std::to_string(op.calls) + " " +
               list(op.evidence) + " " + op.snippet + "\n";
    }
    for (const auto& a : r.ambiguous) {
        out += "ambiguous " + a.target + " x" + std::to_string(a.calls) + " " + ids(a.candidates) + " " + list(a.evidence) + "\n";
    }
    for (const auto& u : r.unmatched) {
        out += "unmatched " + u.text + " x" + std::to_string(u.calls) + " " + ids(u.closest) + " " + list(u.evidence) + "\n";
    }
    return out;
}

std::string scanned(const Router& router, const std::string& path, bool cache) {
    ScanOptions options;
    options.cache_routes = cache;
    return describe(router.rules(), scan(router, {path}, options));
}

// Request lines that share a shape, differ only in ids or query values, or differ in exactly
// what the route depends on (method override, leadId, the literal-vs-parameter choice).
const char* const kCacheLog =
    "1.2.3.4 - - [x] \"GET /rest/v1/lead/1.json?access_token=SECRET-TOKEN-12345 HTTP/1.1\" 200 1\n"
    "1.2.3.4 - - [x] \"GET /rest/v1/lead/22.json?fields=email&access_token=SECRET-TOKEN-67890 HTTP/1.1\" 200 1\n"
    "1.2.3.4 - - [x] \"GET /rest/v1/lead/00.json HTTP/1.1\" 200 1\n"
    "1.2.3.4 - - [x] \"GET https://123-ABC-456.mktorest.com/rest/v1/lead/333.json?fields=a HTTP/1.1\" 200 1\n"
    "1.2.3.4 - - [x] \"GET //123-ABC-456.mktorest.com/rest/v1/lead/4.json HTTP/1.1\" 200 1\n"
    "1.2.3.4 - - [x] \"GET /rest/asset/v1/email/12/fullContent.json?leadId=5 HTTP/1.1\" 200 1\n"
    "1.2.3.4 - - [x] \"GET /rest/asset/v1/email/34/fullContent.json HTTP/1.1\" 200 1\n"
    "1.2.3.4 - - [x] \"GET /rest/asset/v1/email/56/fullContent.json?type=HTML&leadId=77 HTTP/1.1\" 200 1\n"
    "1.2.3.4 - - [x] \"GET /rest/asset/v1/email/78/fullContent.json?%6CeadId=1 HTTP/1.1\" 200 1\n"
    "1.2.3.4 - - [x] \"POST /rest/v1/leads.json?_method=GET&filterType=email&filterValues=a@b.c HTTP/1.1\" 200 1\n"
    "1.2.3.4 - - [x] \"POST /rest/v1/leads.json?filterType=email HTTP/1.1\" 200 1\n"
    "1.2.3.4 - - [x] \"POST /rest/v1/leads.json?_method=get HTTP/1.1\" 200 1\n"
    "1.2.3.4 - - [x] \"POST /rest/v1/leads.json?%5Fmethod=GET HTTP/1.1\" 200 1\n"
    "1.2.3.4 - - [x] \"POST /rest/v1/lists/42/leads.json?_method=DELETE&id=5 HTTP/1.1\" 200 1\n"
    "1.2.3.4 - - [x] \"POST /rest/v1/lists/43/leads.json?id=5 HTTP/1.1\" 200 1\n"
    "1.2.3.4 - - [x] \"POST /rest/v1/lists/44/leads.json?_method=GET&id=5 HTTP/1.1\" 200 1\n"
    "1.2.3.4 - - [x] \"GET /rest/asset/v1/email/ccFields.json HTTP/1.1\" 200 1\n"
    "1.2.3.4 - - [x] \"POST /rest/asset/v1/email/99.json HTTP/1.1\" 200 1\n"
    "1.2.3.4 - - [x] \"GET /rest/v1/lists/12abc/leads.json HTTP/1.1\" 200 1\n"
    "1.2.3.4 - - [x] \"GET /rest/v1/leadz.json HTTP/1.1\" 404 1\n"
    "1.2.3.4 - - [x] \"GET /rest/v1/leadz.json?x=1 HTTP/1.1\" 404 1\n"
    "1.2.3.4 - - [x] \"GET /rest/v1/leadz/00.json HTTP/1.1\" 404 1\n"
    "1.2.3.4 - - [x] \"GET /rest/v1/leadz/12.json HTTP/1.1\" 404 1\n"
    "1.2.3.4 - - [x] \"GET /rest/v1/leadz/12.json HTTP/1.1\" 404 1\n"
    "1.2.3.4 - - [x] \"GET /rest/v1/lead/12/activity.json HTTP/1.1\" 404 1\n"
    "1.2.3.4 - - [x] \"GET /rest/v1/lead/34/activity.json HTTP/1.1\" 404 1\n"
    "1.2.3.4 - - [x] \"GET /rest/v1/lead/%31.json HTTP/1.1\" 200 1\n"
    "1.2.3.4 - - [x] \"GET /rest/v1/lead/1.json#frag HTTP/1.1\" 200 1\n"
    "1.2.3.4 - - [x] \"GET /rest/v1/leads.json?next=https://elsewhere/rest/v1/lists.json HTTP/1.1\" 200 1\n"
    "{\"method\":\"GET\",\"url\":\"https:\\/\\/x.mktorest.com\\/rest\\/v1\\/lead\\/318581.json?access_token=SECRET-TOKEN-12345\"}\n"
    "see /rest/asset/v1/email/12.json for the body\n"
    "see /rest/asset/v1/email/34.json for the body\n"
    "see /rest/asset/v1/email/12.json again\n"
    "GET /rest/v1/lead/5.json\r\n"
    "GET /rest/v1/lead/6.json?leadId=1\r\n"
    "GET /rest/v1/leads.json\r\n"
    "fetch('rest/v1/lead/1.json') then /rest/v1/lead/2.json\n"
    "x:/rest/v1/lead/3.json\n";

} // namespace

TEST_CASE("scan: cached routing gives exactly what routing every line gives") {
    TempDir dir;
    std::string content;
    for (int i = 0; i < 3; ++i) { // repeats hit the cache
        content += kCacheLog;
    }
    dir.write("access.log", content);
    const std::string path = (dir.path / "access.log").string();
    const std::string cached = scanned(router(), path, true);
    CHECK(cached == scanned(router(), path, false));
    // The variants that matter stay apart.
    CHECK(cached.find("op GET /rest/asset/v1/email/{id}/fullContent.json [leadId,] x9") != std::string::npos);
    CHECK(cached.find("op GET /rest/asset/v1/email/{id}/fullContent.json [] x3") != std::string::npos);
    CHECK(cached.find("op GET /rest/v1/leads.json [] x") != std::string::npos);
    CHECK(cached.find("op DELETE /rest/v1/lists/{listId}/leads.json") != std::string::npos);
    CHECK(cached.find("op POST /rest/v1/lists/{listId}/leads.json") != std::string::npos);
    CHECK(cached.find("op GET /rest/v1/lists/{listId}/leads.json") != std::string::npos);
    CHECK(cached.find("op GET /rest/asset/v1/email/ccFields.json [] x3") != std::string::npos);
    CHECK(cached.find("unmatched GET /rest/v1/leadz/00.json x3") != std::string::npos);
    CHECK(cached.find("unmatched GET /rest/v1/leadz/12.json x6") != std::string::npos);
    CHECK(cached.find("ambiguous /rest/asset/v1/email/12.json x6") != std::string::npos);
    CHECK(cached.find("ambiguous /rest/asset/v1/email/34.json x3") != std::string::npos);
    CHECK(cached.find("SECRET-TOKEN") == std::string::npos);
}

TEST_CASE("scan: a catalog with digits in its literal path text is cached by exact shape only") {
    const std::string perms = "kind: permissions\n"
                              "groups:\n"
                              "  - {name: Access API, api_tree: true}\n"
                              "permissions:\n"
                              "  - {name: Read-Only Lead, group: Access API, resource: Lead, access: read, risk: low, grants: Read}\n";
    const auto rule = [](const std::string& id, const std::string& path) {
        return "  - id: " + id + "\n    method: GET\n    path: \"" + path +
               "\"\n    summary: t\n    requires: Read-Only Lead\n    provenance: test\n";
    };
    const Model model = load_model({SourceFile{"perms.yaml", perms},
                                    SourceFile{"rules.yaml", "kind: rules\narea: test\noperations:\n" +
                                                                 rule("year", "/rest/v1/report/2024.json") +
                                                                 rule("any", "/rest/v1/report/{id}.json") +
                                                                 rule("two", "/rest/v1/thing/{id}2.json")}});
    const Router router(model.rules);
    TempDir dir;
    dir.write("access.log", "\"GET /rest/v1/report/1999.json HTTP/1.1\"\n"
                            "\"GET /rest/v1/report/2024.json HTTP/1.1\"\n"
                            "\"GET /rest/v1/report/7777.json HTTP/1.1\"\n"
                            "\"GET /rest/v1/thing/12.json HTTP/1.1\"\n"
                            "\"GET /rest/v1/thing/13.json HTTP/1.1\"\n"
                            "\"GET /rest/v1/thing/22.json HTTP/1.1\"\n");
    const std::string path = (dir.path / "access.log").string();
    const std::string cached = scanned(router, path, true);
    CHECK(cached == scanned(router, path, false));
    CHECK(cached.find("op GET /rest/v1/report/2024.json [] x1") != std::string::npos);
    CHECK(cached.find("op GET /rest/v1/report/{id}.json [] x2") != std::string::npos);
    CHECK(cached.find("op GET /rest/v1/thing/{id}2.json [] x2") != std::string::npos);
    CHECK(cached.find("unmatched GET /rest/v1/thing/13.json x1") != std::string::npos);
}

TEST_CASE("scan_log_stream: CRLF line ends; \\r\\n split across the chunk boundary") {
    // The \r is the chunk's last byte, the \n the next chunk's first.
    std::string content;
    const std::string filler = std::string(999, 'x') + "\r\n";
    while (content.size() + filler.size() < (1u << 20) - 40) {
        content += filler;
    }
    const std::uint64_t before = static_cast<std::uint64_t>(std::count(content.begin(), content.end(), '\n'));
    std::string request = "\"POST /rest/v1/leads.json HTTP/1.1\" 200";
    content += std::string((1u << 20) - content.size() - request.size() - 2, 'y') + " " + request + "\r\n";
    REQUIRE(content[(1u << 20) - 1] == '\r');
    content += "GET /rest/v1/lead/5.json\r\n";
    std::uint64_t lines = 0;
    const auto s = from_stream(content, lines);
    CHECK(lines == before + 2);
    REQUIRE(s.size() == 2);
    CHECK(s[0].line == before + 1);
    CHECK(s[0].method == "POST");
    CHECK(s[0].target == "/rest/v1/leads.json");
    CHECK(s[1].line == before + 2);
    CHECK(routed_key(s[1]) == "GET /rest/v1/lead/{leadId}.json");
}

TEST_CASE("scan_log_stream: a line longer than the 1 MiB read buffer is cut to 64 KiB, and the line after it is read") {
    std::string content = "\"GET /rest/v1/leads.json?filterValues=" + std::string(3u << 20, 'a') + " HTTP/1.1\"\n";
    content += "\"POST /rest/v1/lists/7/leads.json HTTP/1.1\"\n";
    std::uint64_t lines = 0;
    const auto s = from_stream(content, lines);
    CHECK(lines == 2);
    REQUIRE(s.size() == 2);
    CHECK(s[0].line == 1);
    CHECK(s[0].raw.size() == 200);
    CHECK(routed_key(s[0]) == "GET /rest/v1/leads.json");
    CHECK(s[1].line == 2);
    CHECK(routed_key(s[1]) == "POST /rest/v1/lists/{listId}/leads.json");
}

TEST_CASE("scan_log_line_requests: views into the line, the same request scan_log_line reports") {
    const std::string line = "1.2.3.4 - - [x] \"delete /rest/v1/lists/4/leads.json?id=1 HTTP/1.1\" 200 9";
    std::vector<std::string> seen;
    scan_log_line_requests(9, line, [&](const LogRequest& r) {
        CHECK(r.target.data() >= line.data());
        CHECK(r.target.data() + r.target.size() <= line.data() + line.size());
        seen.push_back(std::string(r.method) + " " + std::string(r.target) + " " + std::to_string(r.line));
    });
    REQUIRE(seen.size() == 1);
    CHECK(seen[0] == "DELETE /rest/v1/lists/4/leads.json?id=1 9");
    const auto s = from_line(line, 9);
    REQUIRE(s.size() == 1);
    CHECK(said(s[0]) == "DELETE /rest/v1/lists/4/leads.json?id=1");
}

TEST_CASE("scan: the route cache starts again when full, and long keys are not cached; counts stay exact") {
    TempDir dir;
    std::string content;
    for (int round = 0; round < 2; ++round) {
        for (int i = 0; i < 17000; ++i) { // more distinct shapes than the cache holds
            content += "\"GET /rest/v1/leads.json?p" + std::to_string(i) + "=1 HTTP/1.1\"\n";
        }
        content += "\"GET /rest/asset/v1/email/1/fullContent.json?" + std::string(2000, 'q') + "=1&leadId=2 HTTP/1.1\"\n";
        content += "\"GET /rest/asset/v1/email/2/fullContent.json?" + std::string(2000, 'q') + "=1 HTTP/1.1\"\n";
    }
    dir.write("access.log", content);
    const std::string path = (dir.path / "access.log").string();
    const std::string cached = scanned(router(), path, true);
    CHECK(cached == scanned(router(), path, false));
    CHECK(cached.find("op GET /rest/v1/leads.json [] x34000") != std::string::npos);
    CHECK(cached.find("op GET /rest/asset/v1/email/{id}/fullContent.json [leadId,] x2") != std::string::npos);
    CHECK(cached.find("op GET /rest/asset/v1/email/{id}/fullContent.json [] x2") != std::string::npos);
}

} // namespace scan_test
