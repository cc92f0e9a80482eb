// The code evaluator, from source snippets to the path templates it derives: each case lowers a
// few small files (lower_source) and evaluates them as one project (Project::evaluate), as scan
// does for a real tree.
#include "code_eval.hpp"
#include "code_evaluator.hpp"
#include "code_ir.hpp"
#include "code_marketo_path.hpp"
#include "minrole/loader.hpp"
#include "minrole/scan.hpp"
#include "minrole/sdk.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <utility>
#include <vector>

// Failures print the operations found.
template <>
struct doctest::StringMaker<std::set<std::string>> {
    static doctest::String convert(const std::set<std::string>& ops) {
        std::string out = "{";
        for (const auto& op : ops) {
            out += (out.size() == 1 ? "" : ", ") + op;
        }
        return (out + "}").c_str();
    }
};

namespace code_eval_test {

using namespace minrole;

namespace {

using Files = std::vector<std::pair<std::string, std::string>>;

std::vector<Sighting> sightings(const Files& files, const std::vector<SdkMap>& sdks = {}) {
    code::Project project;
    for (const auto& file : files) {
        // Not a structured binding: clang 14 cannot capture one in REQUIRE_MESSAGE's lambda.
        const std::string& path = file.first;
        code::FileIR ir;
        REQUIRE_MESSAGE(code::lower_source(path, file.second, ir), path);
        project.add(std::move(ir));
    }
    std::vector<Sighting> out;
    project.evaluate(sdks, [&](Sighting&& s) { out.push_back(std::move(s)); });
    return out;
}

// "METHOD /template" per sighting ("? /template" when no method was found).
std::set<std::string> operations(const Files& files, const std::vector<SdkMap>& sdks = {}) {
    std::set<std::string> out;
    for (const Sighting& s : sightings(files, sdks)) {
        out.insert((s.method.empty() ? "?" : s.method) + " " + s.target);
    }
    return out;
}

std::set<std::string> operations(const std::string& path, const std::string& text) { return operations(Files{{path, text}}); }

const Sighting* find(const std::vector<Sighting>& all, const std::string& target) {
    const auto it = std::find_if(all.begin(), all.end(), [&](const Sighting& s) { return s.target == target; });
    return it == all.end() ? nullptr : &*it;
}

using Ops = std::set<std::string>;

} // namespace

// ------------------------------------------------------------------ literals and concatenation

TEST_CASE("code_eval: a literal path in a call is a sighting with the call's method, derived as a literal") {
    const auto all = sightings({{"client.js", "axios.get('/rest/v1/leads.json');\n"}});
    REQUIRE(all.size() == 1);
    CHECK(all[0].method == "GET");
    CHECK(all[0].target == "/rest/v1/leads.json");
    CHECK(all[0].derivation == "literal");
    CHECK(all[0].line == 1);
    CHECK_FALSE(all[0].test);
}

TEST_CASE("code_eval: a colon in the query string does not hide the call; one in the path does") {
    CHECK(operations("client.py", "import requests\n"
                                  "requests.get('/rest/v1/activities/pagingtoken.json?sinceDatetime=2020-01-01T00:00:00Z')\n") ==
          Ops{"GET /rest/v1/activities/pagingtoken.json?sinceDatetime=2020-01-01T00:00:00Z"});
    CHECK(operations("client.py", "import requests\nrequests.get('/rest/v1/https://evil.example/leads.json')\n").empty());
}

TEST_CASE("code_eval: concatenation joins a base constant, literal parts and a run-time hole") {
    CHECK(operations("client.py", "import requests\n"
                                  "BASE = 'https://123-ABC-456.mktorest.com/rest'\n"
                                  "def lead(lead_id):\n"
                                  "    return requests.get(BASE + '/v1/lead/' + str(lead_id) + '.json')\n") ==
          Ops{"GET /rest/v1/lead/{x}.json"});
}

TEST_CASE("code_eval: += and .= append to the value a name had before") {
    CHECK(operations("client.js", "let url = '/rest/v1';\nurl += '/leads.json';\naxios.post(url);\n") == Ops{"POST /rest/v1/leads.json"});
    CHECK(operations("client.php", "<?php\n$url = '/rest/v1';\n$url .= '/leads.json';\n$http->post($url);\n") ==
          Ops{"POST /rest/v1/leads.json"});
}

TEST_CASE("code_eval: a sighting names its enclosing function and how its path was derived") {
    const auto all = sightings({{"client.py", "import requests\n"
                                              "LEADS = '/rest/v1/leads.json'\n"
                                              "class Client:\n"
                                              "    def sync(self):\n"
                                              "        return requests.post(LEADS)\n"}});
    const Sighting* s = find(all, "/rest/v1/leads.json");
    REQUIRE(s != nullptr);
    CHECK(s->method == "POST");
    CHECK(s->function == "Client.sync");
    CHECK(s->derivation == "evaluated from LEADS");
    CHECK(s->line == 5);
}

TEST_CASE("code_eval: sightings in test code are marked as such") {
    const auto all = sightings({{"tests/client_test.js", "axios.get('/rest/v1/leads.json');\n"}});
    REQUIRE(all.size() == 1);
    CHECK(all[0].test);
}

// ------------------------------------------------------------------ formats and interpolation, per language

TEST_CASE("code_eval: JavaScript and TypeScript template literals") {
    CHECK(operations("client.js", "const base = '/rest/v1';\nfunction f(id) { return axios.delete(`${base}/lists/${id}.json`); }\n") ==
          Ops{"DELETE /rest/v1/lists/{x}.json"});
    CHECK(operations("client.ts", "const base: string = '/rest';\n"
                                  "export function f(id: number): Promise<Lead> {\n"
                                  "  return axios.get<Lead>(`${base}/v1/lead/${id}.json`);\n}\n") == Ops{"GET /rest/v1/lead/{x}.json"});
}

TEST_CASE("code_lower: TypeScript `await client.get<T>(url)` keeps the HTTP method of the call, in .ts and .tsx") {
    // The grammar reads the type arguments as binding the call to the await: a call of
    // `await axios.get`, whose callee is what is awaited.
    const std::string text = "import axios from 'axios';\n"
                             "export async function leads(): Promise<Lead[]> {\n"
                             "  const r = await axios.get<Lead[]>('/rest/v1/leads.json');\n"
                             "  return r.data;\n}\n"
                             "class Api {\n"
                             "  constructor(private http: HttpClient) {}\n"
                             "  async sync(rows: Lead[]) { return await this.http.post<Result<Lead>>('/rest/v1/leads.json', rows); }\n"
                             "  lists() { return this.http.get<Array<List>>('/rest/v1/lists/{id}/leads.json'); }\n"
                             "}\n";
    const Ops want{"GET /rest/v1/leads.json", "GET /rest/v1/lists/{x}/leads.json", "POST /rest/v1/leads.json"};
    CHECK(operations("client.ts", text) == want);
    CHECK(operations("client.tsx", text) == want);
}

TEST_CASE("code_eval: Python f-strings, str.format and the % operator") {
    CHECK(operations("a.py", "import requests\nBASE = '/rest'\ndef f(i):\n    requests.get(f'{BASE}/v1/lead/{i!r:>4}.json')\n") ==
          Ops{"GET /rest/v1/lead/{x}.json"});
    CHECK(operations("b.py", "import requests\ndef f(i):\n    requests.get('/rest/{}/lead/{}.json'.format('v1', i))\n") ==
          Ops{"GET /rest/v1/lead/{x}.json"});
    CHECK(operations("c.py", "import requests\ndef f(i):\n    requests.get('/rest/%s/lead/%d.json' % ('v1', i))\n") ==
          Ops{"GET /rest/v1/lead/{x}.json"});
    CHECK(operations("d.py", "import requests\ndef f(i):\n    requests.get('/rest/{v}/lead/{i}.json'.format(v='v1', i=i))\n") ==
          Ops{"GET /rest/v1/lead/{x}.json"});
}

TEST_CASE("code_eval: PHP interpolation, the . operator and sprintf") {
    CHECK(operations("a.php", "<?php\n$v = 'v1';\n$client->get(\"/rest/{$v}/lead/$id.json\");\n") == Ops{"GET /rest/v1/lead/{x}.json"});
    CHECK(operations("b.php", "<?php\n$base = sprintf('%s/rest/v%d', $this->host, 1);\n$client->get($base . '/leads.json');\n") ==
          Ops{"GET /rest/v1/leads.json"});
}

TEST_CASE("code_eval: Java String.format and concatenation") {
    CHECK(operations("Client.java", "class Client {\n"
                                    "  static final String BASE = \"/rest/v1\";\n"
                                    "  Object lead(long id) { return http.get(String.format(\"%s/lead/%d.json\", BASE, id)); }\n"
                                    "  Object list() { return http.post(BASE + \"/lists.json\"); }\n}\n") ==
          Ops{"GET /rest/v1/lead/{x}.json", "POST /rest/v1/lists.json"});
}

TEST_CASE("code_eval: Go fmt.Sprintf and constants") {
    // (The format string is also reported on its own, as "? /rest/%s/lead/%d.json".)
    CHECK(operations("client.go", "package m\n"
                                  "const version = \"v1\"\n"
                                  "func (c *Client) Lead(id int) {\n"
                                  "  c.http.Get(fmt.Sprintf(\"/rest/%s/lead/%d.json\", version, id))\n}\n")
              .count("GET /rest/v1/lead/{x}.json") == 1);
}

TEST_CASE("code_eval: Ruby interpolation") {
    CHECK(operations("client.rb", "class Client\n"
                                  "  BASE = '/rest/v1'\n"
                                  "  def lead(id)\n"
                                  "    connection.get(\"#{BASE}/lead/#{id}.json\")\n"
                                  "  end\nend\n") == Ops{"GET /rest/v1/lead/{x}.json"});
}

TEST_CASE("code_eval: C# interpolated strings and string.Format") {
    CHECK(operations("Client.cs", "class Client {\n"
                                  "  const string Base = \"/rest/v1\";\n"
                                  "  async Task A(int id) { await http.GetAsync($\"{Base}/lead/{id}.json\"); }\n"
                                  "  async Task B(int id) { await http.PostAsync(string.Format(\"{0}/lists/{1}/leads.json\", Base, id), null); }\n"
                                  "}\n") == Ops{"GET /rest/v1/lead/{x}.json", "POST /rest/v1/lists/{x}/leads.json"});
}

// ------------------------------------------------------------------ join helpers

TEST_CASE("code_eval: join('/') on a literal list, in JavaScript and in Python") {
    CHECK(operations("a.js", "axios.get(['', 'rest', 'v1', 'leads.json'].join('/'));\n") == Ops{"GET /rest/v1/leads.json"});
    CHECK(operations("b.py", "import requests\nrequests.get('/'.join(['', 'rest', 'v1', 'leads.json']))\n") == Ops{"GET /rest/v1/leads.json"});
}

TEST_CASE("code_eval: path.join, urljoin and os.path.join put one slash between the parts") {
    CHECK(operations("a.js", "const path = require('path');\naxios.get(path.join('/rest/', '/v1', 'leads.json'));\n") ==
          Ops{"GET /rest/v1/leads.json"});
    CHECK(operations("b.py", "import requests\nfrom urllib.parse import urljoin\nBASE = 'https://x.mktorest.com/rest/'\n"
                             "requests.get(urljoin(BASE, 'v1/leads.json'))\n") == Ops{"GET /rest/v1/leads.json"});
    CHECK(operations("c.py", "import os, requests\nrequests.delete(os.path.join('/rest', 'v1', 'lists', '1.json'))\n") ==
          Ops{"DELETE /rest/v1/lists/1.json"});
}

// ------------------------------------------------------------------ project functions and constants across files

TEST_CASE("code_eval: a project function that builds paths is applied at each call site, its constants from another file") {
    const Files files{
        {"lib/config.js", "module.exports = { api: { version: 'v1' } };\n"},
        {"lib/util.js", "var config = require('./config');\n"
                        "module.exports.createPath = function createPath() {\n"
                        "  var args = Array.prototype.slice.call(arguments);\n"
                        "  args.unshift(config.api.version);\n"
                        "  return '/rest/' + args.join('/');\n"
                        "};\n"},
        {"lib/lead.js", "var util = require('./util');\n"
                        "function Lead(c) { this._connection = c; }\n"
                        "Lead.prototype.byId = function (id) { return this._connection.get(util.createPath('lead', id + '.json')); };\n"
                        "Lead.prototype.merge = function (id) { return this._connection.post(util.createPath('leads', id, 'merge.json')); };\n"},
    };
    CHECK(operations(files) == Ops{"GET /rest/v1/lead/{x}.json", "POST /rest/v1/leads/{x}/merge.json"});
    const auto all = sightings(files);
    const Sighting* merge = find(all, "/rest/v1/leads/{x}/merge.json");
    REQUIRE(merge != nullptr);
    CHECK(merge->file == "lib/lead.js");
    CHECK(merge->derivation.rfind("evaluated from ", 0) == 0);
    CHECK(merge->derivation.find("api.version") != std::string::npos); // the constant of lib/config.js
}

TEST_CASE("code_eval: a module constant is found from another file of the project") {
    CHECK(operations(Files{{"marketo/constants.py", "LEADS_PATH = '/rest/v1/leads.json'\n"},
                           {"marketo/client.py", "import requests\nfrom .constants import LEADS_PATH\n"
                                                 "def push():\n    return requests.post(LEADS_PATH)\n"}}) ==
          Ops{"POST /rest/v1/leads.json"});
}

TEST_CASE("code_eval: a wrapper's method argument reaches the call site that passes the path") {
    CHECK(operations("client.py", "import requests\n"
                                  "class Client:\n"
                                  "    def _api_call(self, method, url):\n"
                                  "        return requests.request(method, url)\n"
                                  "    def lead(self, i):\n"
                                  "        return self._api_call('get', '/rest/v1/lead/' + str(i) + '.json')\n") ==
          Ops{"GET /rest/v1/lead/{x}.json"});
}

TEST_CASE("code_eval: a tunnelled _method is the operation, not the wire method") {
    CHECK(operations("client.js", "axios.post('/rest/v1/leads.json', { _method: 'GET', filterType: 'email' });\n") ==
          Ops{"GET /rest/v1/leads.json"});
}

// ------------------------------------------------------------------ loops and tables over literal values

TEST_CASE("code_eval: a loop over a literal list gives one operation per value") {
    CHECK(operations("a.py", "import requests\n"
                             "for entity in ('leads', 'activities'):\n"
                             "    requests.post('/bulk/v1/{}/export/create.json'.format(entity))\n") ==
          Ops{"POST /bulk/v1/leads/export/create.json", "POST /bulk/v1/activities/export/create.json"});
    CHECK(operations("b.rb", "%w[leads activities].each do |entity|\n"
                             "  connection.post(\"/bulk/v1/#{entity}/export/create.json\")\n"
                             "end\n") == Ops{"POST /bulk/v1/leads/export/create.json", "POST /bulk/v1/activities/export/create.json"});
}

TEST_CASE("code_eval: a membership check on a parameter gives one operation per listed value") {
    CHECK(operations("tap.py", "import requests\n"
                               "def export(entity, job):\n"
                               "    assert entity in ('leads', 'activities')\n"
                               "    return requests.post('/bulk/v1/{}/export/{}/enqueue.json'.format(entity, job))\n") ==
          Ops{"POST /bulk/v1/leads/export/{x}/enqueue.json", "POST /bulk/v1/activities/export/{x}/enqueue.json"});
}

TEST_CASE("code_eval: a value read from a dict table by a literal key is sent; the table's other paths have no method") {
    const auto ops = operations("a.js", "const PATHS = { leads: '/rest/v1/leads.json', lists: '/rest/v1/lists.json' };\n"
                                        "axios.get(PATHS['lists']);\n");
    CHECK(ops.count("GET /rest/v1/lists.json") == 1);
    CHECK(ops.count("? /rest/v1/leads.json") == 1);
    CHECK(ops.count("GET /rest/v1/leads.json") == 0);
}

// ------------------------------------------------------------------ relative paths and bases

TEST_CASE("code_eval: relative paths resolve against the /rest base and dot segments are removed") {
    CHECK(operations("a.js", "axios.get('v1/leads.json');\n") == Ops{"GET /rest/v1/leads.json"});
    CHECK(operations("b.js", "const base = 'https://x.mktorest.com/rest';\n"
                             "axios.post(base + '/../bulk/v1/leads/export/create.json');\n") == Ops{"POST /bulk/v1/leads/export/create.json"});
}

TEST_CASE("marketo_path_of: the Marketo path of an evaluated string") {
    CHECK(code::marketo_path_of("https://123-ABC-456.mktorest.com/rest/v1/lead/\x01.json") == "/rest/v1/lead/{x}.json");
    CHECK(code::marketo_path_of("/rest/../bulk/v1/leads/export/\x01/status.json") == "/bulk/v1/leads/export/{x}/status.json");
    CHECK(code::marketo_path_of("\x01/v1/leads.json") == "/rest/v1/leads.json");
    CHECK(code::marketo_path_of("/asset/v1/email/\x01.json") == "/rest/asset/v1/email/{x}.json");
    CHECK(code::marketo_path_of("https://x.mktorest.com/identity/oauth/token") == "/identity/oauth/token");
    // A base alone, a base with only a hole after the version, prose: none is an operation.
    CHECK(code::marketo_path_of("https://x.mktorest.com/rest").empty());
    CHECK(code::marketo_path_of("/rest/v1/\x01").empty());
    CHECK(code::marketo_path_of("see the docs").empty());
}

// ------------------------------------------------------------------ holes, ambiguity and bounds

TEST_CASE("code_eval: what cannot be followed stays a {x} hole") {
    CHECK(operations("a.py", "import requests\nrequests.get('/rest/v1/lead/' + input() + '.json')\n") == Ops{"GET /rest/v1/lead/{x}.json"});
    CHECK(operations("b.js", "axios.get(`/rest/v1/${process.env.KIND}.json`);\n") == Ops{"GET /rest/v1/{x}.json"});
}

TEST_CASE("code_eval: a path no call sends, or sent with a method that takes several values, keeps no method") {
    CHECK(operations("a.js", "const LEAD = '/rest/v1/lead/{id}.json';\nmodule.exports = { LEAD };\n") == Ops{"? /rest/v1/lead/{x}.json"});
    CHECK(operations("b.py", "import requests\n"
                             "for verb in ('get', 'post'):\n"
                             "    requests.request(verb, '/rest/v1/leads.json')\n") == Ops{"? /rest/v1/leads.json"});
}

TEST_CASE("code_eval: a path without a method is reported by scan as ambiguous with every method that fits") {
    const auto dir = std::filesystem::temp_directory_path() / "minrole_code_eval_test_ambiguous";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "paths.js") << "const LEADS = '/rest/v1/leads.json';\nmodule.exports = { LEADS };\n";
    const Model model = load_default_model();
    const Router router(model.rules);
    const ScanResult result = scan(router, {dir.string()});
    std::filesystem::remove_all(dir);
    REQUIRE(result.ambiguous.size() == 1);
    CHECK(result.ambiguous[0].target == "/rest/v1/leads.json");
    CHECK(result.ambiguous[0].candidates.size() >= 2);
    CHECK(result.operations.empty());
}

TEST_CASE("code_eval: a loop over many values is capped at 32 alternatives") {
    std::string list;
    for (int i = 0; i < 40; ++i) {
        list += (i == 0 ? "'" : ", 'e") + std::to_string(i) + "'";
    }
    const auto ops = operations("a.py", "import requests\nfor e in [" + list + "]:\n    requests.get('/rest/v1/' + e + '.json')\n");
    CHECK(ops.size() == 32);
}

TEST_CASE("code_eval: hostile nesting and recursion end, with holes where the bounds cut") {
    // 400 nested parentheses: deeper than the lowering follows.
    const std::string deep = std::string(400, '(') + "'/rest/v1/leads.json'" + std::string(400, ')');
    CHECK_NOTHROW(operations("deep.js", "axios.get(" + deep + ");\n"));
    // A function that calls itself to build its path: evaluated to a bounded depth.
    CHECK_NOTHROW(operations("rec.js", "function p(x) { return p(x + '/a') + p('/rest/v1/' + x); }\naxios.get(p('leads.json'));\n"));
    // A name defined from itself.
    CHECK(operations("self.js", "let u = '/rest/v1';\nu = u + '/leads.json';\naxios.get(u);\n") == Ops{"GET /rest/v1/leads.json"});
    // A literal longer than the 4,096 characters a template keeps becomes a hole.
    CHECK(operations("long.js", "axios.get('/rest/v1/lead/' + '" + std::string(5000, 'a') + "' + '.json');\n") ==
          Ops{"GET /rest/v1/lead/{x}.json"});
}

TEST_CASE("code_lower: an arrow function whose body holds another keeps its return (found by fuzz_scan_code)") {
    // The inner arrow is lowered while the outer one's return is being stored: the functions
    // vector grows under it (a use after free before the fix).
    code::FileIR ir;
    REQUIRE(code::lower_source("a.js", "const f = () => g(() => '/rest/v1/leads.json');\n", ir));
    REQUIRE(ir.functions.size() == 2);
    CHECK(ir.functions[0].returns.size() == 1);
    CHECK(ir.functions[0].name == "f");
}

// ------------------------------------------------------------------ SDK calls

TEST_CASE("code_eval: an SDK call maps to the SDK method's operations; a method missing from the map is reported") {
    const Files app{{"app.py", "from marketorestpython.client import MarketoClient\n"
                               "mc = MarketoClient(munchkin, client_id, secret)\n"
                               "def sync():\n"
                               "    mc.execute(method='get_lead_by_id', id=1)\n"
                               "    mc.execute(method='no_such_method')\n"}};
    const auto all = sightings(app, builtin_sdk_maps());
    const Sighting* lead = find(all, "/rest/v1/lead/{leadId}.json");
    REQUIRE(lead != nullptr);
    CHECK(lead->method == "GET");
    CHECK(lead->function == "sync");
    CHECK(lead->derivation.find("SDK marketorestpython") == 0);
    const auto unknown = std::find_if(all.begin(), all.end(), [](const Sighting& s) { return s.sdk_unknown; });
    REQUIRE(unknown != all.end());
    CHECK(unknown->target.find("no_such_method") != std::string::npos);
    // Without the SDK imported, the same calls are nothing.
    CHECK(operations(Files{{"app.py", "mc.execute(method='get_lead_by_id', id=1)\n"}}, builtin_sdk_maps()).empty());
}

TEST_CASE("scan_code_files: in-memory files are lowered, evaluated as one project, and other languages read lexically") {
    std::vector<Sighting> all;
    scan_code_files({{"paths.py", "LEADS = '/rest/v1/leads.json'\n"},
                     {"client.py", "import requests\nrequests.post(LEADS)\n"},
                     {"run.sh", "curl -X DELETE \"https://x.mktorest.com/rest/v1/lists/1.json\"\n"}},
                    {}, [&](Sighting&& s) { all.push_back(std::move(s)); });
    const Sighting* leads = find(all, "/rest/v1/leads.json");
    REQUIRE(leads != nullptr);
    CHECK(leads->method == "POST");
    CHECK(leads->file == "client.py");
    const auto lexical = std::find_if(all.begin(), all.end(), [](const Sighting& s) { return s.file == "run.sh"; });
    REQUIRE(lexical != all.end());
    CHECK(lexical->derivation == "literal (lexical)");
}

} // namespace code_eval_test

// ------------------------------------------------------------------ bounds on hostile code

namespace code_eval_test {
namespace {

// Sightings and the notes Project::evaluate writes for files over eval_limits().
std::vector<Sighting> sightings_noted(const std::string& path, const std::string& text, std::vector<ScanNote>& notes) {
    code::Project project;
    code::FileIR ir;
    REQUIRE(code::lower_source(path, text, ir));
    project.add(std::move(ir));
    std::vector<Sighting> out;
    project.evaluate({}, [&](Sighting&& s) { out.push_back(std::move(s)); }, code::Project::ParameterHoles::AtCallSites, &notes);
    return out;
}

} // namespace

TEST_CASE("code_eval: 2,000 redefinitions of one name: each use reads the definition before it, found by line") {
    // Each use used to look at every definition of the name (and a method check at every one of
    // them again): more than 100 s for 2,000. Now a use reads back from its line.
    std::string text = "var a = \"/rest/v1/leads.json\";\nfetch(a);\n";
    for (int i = 0; i < 2'000; ++i) {
        text += "a = \"/rest/v1/lead/\" + id + \".json\";\nfetch(a);\n";
    }
    std::vector<ScanNote> notes;
    const auto all = sightings_noted("redefined.js", text, notes);
    std::set<std::string> ops;
    for (const Sighting& s : all) {
        ops.insert(s.method + " " + s.target);
    }
    CHECK(ops == Ops{"GET /rest/v1/leads.json", "GET /rest/v1/lead/{x}.json"});
    CHECK(all.size() == 2'001);
    // The method check on `a` (is it an HTTP method?) reads at most 256 of its assignments: said.
    REQUIRE(notes.size() == 1);
    CHECK(notes[0].note == "more than 256 definitions of a in one scope; a use read the last 256 (MINROLE_EVAL_MAX_DEFINITIONS)");
}

TEST_CASE("code_eval: a chain of 2,000 constants evaluates once per constant; paths are cut at 1 KiB") {
    std::string text = "var c0 = \"/rest\";\n";
    for (int i = 1; i < 2'000; ++i) {
        text += "var c" + std::to_string(i) + " = c" + std::to_string(i - 1) + " + \"/x\";\n";
    }
    text += "fetch(c1999);\nfetch(c3 + \"/leads.json\");\n";
    std::vector<ScanNote> notes;
    const auto all = sightings_noted("chain.js", text, notes);
    CHECK(notes.empty());
    const Sighting* leads = find(all, "/rest/x/x/x/leads.json");
    REQUIRE(leads != nullptr);
    CHECK(leads->method == "GET");
    const auto longest = std::max_element(all.begin(), all.end(), [](const Sighting& a, const Sighting& b) { return a.target.size() < b.target.size(); });
    REQUIRE(longest != all.end());
    CHECK(longest->target.size() == 1024);
}

TEST_CASE("code_eval: a file over its evaluation budget says so in a note and keeps what it found") {
    // 20,000 functions each calling the next: each call site inlines the chain, so the budget
    // (MINROLE_EVAL_MAX_STEPS, 2,000,000 steps by default) ends the file's evaluation.
    std::string text = "fetch(\"/rest/v1/leads.json\");\n";
    for (int i = 0; i < 20'000; ++i) {
        text += "function f" + std::to_string(i) + "(p) { return f" + std::to_string(i + 1) + "(p + \"a\"); }\n";
    }
    text += "function f20000(p) { return p; }\nfetch(f0(\"/rest/v1/\"));\n";
    std::vector<ScanNote> notes;
    const auto all = sightings_noted("calls.js", text, notes);
    CHECK(find(all, "/rest/v1/leads.json") != nullptr);
    REQUIRE(!notes.empty());
    CHECK(notes[0].note == "evaluation stopped after 2000000 steps (MINROLE_EVAL_MAX_STEPS); paths this file builds may be missing");
}

} // namespace code_eval_test

namespace code_eval_test {

TEST_CASE("code_lower: a 20,000-term concatenation keeps its leading path in every language") {
    // A left-deep tree 20,000 levels high: lowered by walking its left spine (no recursion per
    // term; the lowering's depth bound of 200 used to cut the leading literal off in Go, Ruby, C#
    // and Python).
    auto terms = [](const std::string& join, const std::string& sigil) {
        std::string out = "\"/rest/v1/leads.json?x=\"";
        for (int i = 0; i < 20'000; ++i) {
            out += join + sigil + "a" + std::to_string(i % 10);
        }
        return out;
    };
    const std::vector<std::pair<std::string, std::string>> files{
        {"a.js", "var x = " + terms(" + ", "") + ";\nfetch(x);\n"},
        {"a.ts", "const x: string = " + terms(" + ", "") + ";\nhttp.get(x);\n"},
        {"a.py", "import requests\nx = " + terms(" + ", "") + "\nrequests.get(x)\n"},
        {"a.php", "<?php\n$x = " + terms(" . ", "$") + ";\n$client->get($x);\n"},
        {"A.java", "class A {\n  void run() {\n    String x = " + terms(" + ", "") + ";\n    http.get(x);\n  }\n}\n"},
        {"a.go", "package a\n\nfunc run() {\n\tx := " + terms(" + ", "") + "\n\thttp.Get(x)\n}\n"},
        {"a.rb", "x = " + terms(" + ", "") + "\nNet::HTTP.get(x)\n"},
        {"A.cs", "class A {\n  void Run() {\n    var x = " + terms(" + ", "") + ";\n    client.GetAsync(x);\n  }\n}\n"},
    };
    for (const auto& file : files) {
        CAPTURE(file.first);
        CHECK(operations(file.first, file.second) == Ops{"GET /rest/v1/leads.json?x={x}"});
    }
}


// ------------------------------------------------------------------ copies of one file

TEST_CASE("code_eval: of identical copies a use reads the one under the most folders it shares, then the first by path") {
    code::Project::Impl p;
    const Sha256Digest same = sha256("module.exports = {};\n");
    for (const char* path : {"svc/b/lib/util.js", "svc/a/lib/util.js", "app10/util.js", "other/x.js", "svc/a/lib/api/lead.js",
                             "svc/c/main.js", "app1/main.js", "zzz/main.js"}) {
        code::FileIR ir;
        ir.path = path;
        ir.digest = std::string_view(path).find("util.js") != std::string_view::npos ? same : sha256(path);
        p.files.push_back(std::move(ir));
    }
    p.index_copies();
    const auto read_from = [&](std::uint32_t from) { return p.files[p.nearest_copy_of(0, from)].path; };
    CHECK(read_from(4) == "svc/a/lib/util.js"); // shares svc/a/lib/
    CHECK(read_from(5) == "svc/a/lib/util.js"); // shares svc/ with two: the first by path
    CHECK(read_from(6) == "app10/util.js");     // shares no folder (app1/ is not app10/): the first by path
    CHECK(read_from(7) == "app10/util.js");
    CHECK(read_from(0) == "svc/b/lib/util.js"); // a copy reads itself
    CHECK(p.nearest_copy_of(3, 4) == 3);        // a file without copies is itself
    CHECK(p.listed(2));                         // the first copy by path stands for the group
    CHECK_FALSE(p.listed(0));
    CHECK_FALSE(p.listed(1));
    CHECK(p.listed(3));
}

TEST_CASE("code_eval: identical copies of a file are read from the nearest one; a different file setting the same field still counts") {
    const std::string leads = "module.exports = { base: \"/rest/v1/leads.json\" };\n";
    const Files files{{"app1/config.js", leads},
                      {"app2/config.js", leads},
                      {"app3/config.js", "module.exports = { base: \"/rest/v1/lists.json\" };\n"},
                      {"app1/client.js", "var cfg = require('./config');\nfetch(cfg.base);\n"}};
    CHECK(operations(files) == Ops{"GET /rest/v1/leads.json", "GET /rest/v1/lists.json"});
}

} // namespace code_eval_test
