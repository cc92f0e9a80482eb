// scan on how real clients build their requests, most of them seen in C# Marketo clients:
// constants nested in static classes, interpolated/verbatim/raw strings and string.Format,
// StringBuilder, HttpClient's GetAsync/PostAsync/SendAsync, and request classes whose HTTP
// method is an overridden member (C#, Java, Python). Each case is a small project of its own,
// scanned end to end (parse, lower, evaluate, route).
#include "minrole/scan.hpp"
#include "support.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace scan_request_building_test {

using namespace minrole;
using test::model;
using test::router;

namespace {

struct Project {
    std::filesystem::path path;
    Project() {
        path = std::filesystem::temp_directory_path() /
               ("minrole-scan-requests-" + std::to_string(reinterpret_cast<std::uintptr_t>(this)) + "-" + std::to_string(std::rand()));
        std::filesystem::create_directories(path);
    }
    ~Project() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
    Project(const Project&) = delete;
    Project& operator=(const Project&) = delete;
    void write(const std::string& name, const std::string& content) const {
        std::filesystem::create_directories((path / name).parent_path());
        std::ofstream(path / name, std::ios::binary) << content;
    }

    // What the scan found, sorted: "METHOD /template" for a matched operation, "? path" for an
    // ambiguous sighting (no method), "! METHOD path" for one no rule matches.
    std::string found() const {
        const ScanResult r = scan(router(), {path.string()});
        std::vector<std::string> out;
        for (const auto& op : r.operations) {
            out.push_back(model().rules.at(op.endpoint).key());
        }
        for (const auto& a : r.ambiguous) {
            out.push_back("? " + a.target);
        }
        for (const auto& u : r.unmatched) {
            out.push_back("! " + u.text);
        }
        std::sort(out.begin(), out.end());
        std::string text;
        for (const auto& line : out) {
            text += line + "\n";
        }
        return text;
    }

    // The derivation of the first sighting of `key` ("METHOD /template").
    std::string derivation(const std::string& key) const {
        const ScanResult r = scan(router(), {path.string()});
        for (const auto& op : r.operations) {
            if (model().rules.at(op.endpoint).key() == key && !op.sightings.empty()) {
                return op.sightings.front().derivation;
            }
        }
        return "(not found)";
    }
};

// The lines of found(), from a list.
std::string Found(std::initializer_list<const char*> lines) {
    std::string text;
    for (const char* line : lines) {
        text += std::string(line) + "\n";
    }
    return text;
}

} // namespace

TEST_CASE("C# scan: Class.Nested.CONST in an interpolation is that class's constant, not a same-named one elsewhere") {
    Project p;
    p.write("Paths.cs", R"(namespace Acme.Marketo
{
    public static class Paths
    {
        public static class Segments
        {
            public const string Asset = "asset";
            public const string Version = "v1";
            public const string Program = "program";
        }

        public static class Query
        {
            public const string Program = "programName";
        }
    }

    public class ProgramRequest
    {
        public Dictionary<string, string> Program = new Dictionary<string, string>();
    }
}
)");
    p.write("ProgramClient.cs", R"(using System.Net.Http;
namespace Acme.Marketo
{
    public class ProgramClient
    {
        private readonly HttpClient _http = new HttpClient();

        public async Task<string> Fetch(int id)
        {
            var response = await _http.GetAsync($"/rest/{Paths.Segments.Asset}/{Paths.Segments.Version}/{Paths.Segments.Program}/{id}.json");
            return await response.Content.ReadAsStringAsync();
        }

        public async Task<string> FetchByName(string name)
        {
            var url = "/rest/" + Acme.Marketo.Paths.Segments.Asset + "/v1/" + Segments.Program + "/byName.json";
            var response = await _http.GetAsync(url);
            return await response.Content.ReadAsStringAsync();
        }
    }
}
)");
    CHECK(p.found() == Found({"GET /rest/asset/v1/program/byName.json", "GET /rest/asset/v1/program/{id}.json"}));
}

TEST_CASE("C# scan: a parameter's property is not another class's constant of the same name") {
    Project p;
    p.write("Defaults.cs", R"(namespace Acme.Marketo
{
    public static class Defaults
    {
        public const string Entity = "leads";
    }
}
)");
    p.write("EntityClient.cs", R"(using System.Net.Http;
namespace Acme.Marketo
{
    public static class EntityClient
    {
        public static string Describe(EntityRequest request)
        {
            string url = request.Host + "/rest/v1/" + request.Entity + "/describe.json";
            var client = new HttpClient();
            return client.GetAsync(url).Result.Content.ReadAsStringAsync().Result;
        }

        public static string DescribeDefault(EntityRequest request)
        {
            string url = request.Host + "/rest/v1/" + Defaults.Entity + "/describe.json";
            var client = new HttpClient();
            return client.GetAsync(url).Result.Content.ReadAsStringAsync().Result;
        }
    }
}
)");
    // request.Entity is whatever the caller sends: a hole, which fits describe of leads and
    // of a custom object alike; Defaults.Entity is the constant.
    const std::string found = p.found();
    CHECK(found.find("GET /rest/v1/leads/describe.json\n") != std::string::npos);
    CHECK(found.find("{x}/describe.json\n") != std::string::npos);
}

TEST_CASE("C# scan: the method of a path a request class returns comes from its HTTP-method override") {
    Project p;
    p.write("RequestBuilder.cs", R"(using System.Net.Http;
namespace Acme.Marketo
{
    public abstract class RequestBuilder<T> where T : class
    {
        public HttpRequestMessage Build(T request)
        {
            var url = this.Host() + this.RelativeUrl(request);
            return new HttpRequestMessage { Method = this.GetHttpMethod(), RequestUri = new Uri(url) };
        }

        protected abstract string RelativeUrl(T request);

        protected abstract HttpMethod GetHttpMethod();

        private string Host() => "https://example.mktorest.com/rest";
    }
}
)");
    p.write("Programs.cs", R"(using System.Net.Http;
namespace Acme.Marketo
{
    public class ReadProgram : RequestBuilder<ProgramRequest>
    {
        protected override string RelativeUrl(ProgramRequest request)
        {
            return $"/asset/v1/program/{request.Id}.json";
        }

        protected override HttpMethod GetHttpMethod()
        {
            return HttpMethod.Get;
        }
    }

    public class UpdateProgram : RequestBuilder<ProgramRequest>
    {
        protected override string RelativeUrl(ProgramRequest request) => $"/asset/v1/program/{request.Id}.json";

        protected override HttpMethod GetHttpMethod() => HttpMethod.Post;
    }

    public class ListPrograms : RequestBuilder<ProgramRequest>
    {
        protected override string RelativeUrl(ProgramRequest request)
        {
            var url = "/asset/v1/programs.json";
            return url;
        }

        protected override HttpMethod GetHttpMethod() { return HttpMethod.Get; }
    }
}
)");
    CHECK(p.found() == Found({"GET /rest/asset/v1/program/{id}.json", "GET /rest/asset/v1/programs.json",
                             "POST /rest/asset/v1/program/{id}.json"}));
    CHECK(p.derivation("POST /rest/asset/v1/program/{id}.json").find("UpdateProgram.GetHttpMethod()") != std::string::npos);
}

TEST_CASE("C# scan: a request class without an HTTP-method member of its own takes its base class's") {
    Project p;
    p.write("Requests.cs", R"(using System.Net.Http;
namespace Acme.Marketo
{
    public abstract class ApiRequest
    {
        public virtual HttpMethod Method => HttpMethod.Get;
        public abstract string Path { get; }
    }

    public abstract class WriteRequest : ApiRequest
    {
        public override HttpMethod Method
        {
            get { return HttpMethod.Post; }
        }
    }

    public sealed class ListChannels : ApiRequest
    {
        public override string Path => "/rest/asset/v1/channels.json";
    }

    public sealed class ListFolders : Acme.Marketo.ApiRequest
    {
        public override string Path => "/rest/asset/v1/folders.json";
    }

    public sealed class CreateFolder : WriteRequest
    {
        public override string Path
        {
            get { return "/rest/asset/v1/folders.json"; }
        }
    }
}
)");
    CHECK(p.found() == Found({"GET /rest/asset/v1/channels.json", "GET /rest/asset/v1/folders.json", "POST /rest/asset/v1/folders.json"}));
}

TEST_CASE("C# scan: a StringBuilder's text, with what is appended to it, reaches GetAsync/PostAsync through ToString()") {
    Project p;
    p.write("Leads.cs", R"(using System.Net.Http;
using System.Text;
namespace Acme.Marketo
{
    public static class Leads
    {
        public static string Query(string host, string filter)
        {
            StringBuilder url = new StringBuilder(host + "/rest/v1/leads.json?filterType=" + filter);
            if (filter != null)
            {
                url.Append("&batchSize=300");
            }
            var client = new HttpClient();
            return client.PostAsync(url.ToString(), null).Result.Content.ReadAsStringAsync().Result;
        }

        public static string Lists(string host)
        {
            var url = new StringBuilder(host);
            url.Append("/rest/v1/companies");
            url.Append(".json");
            var client = new HttpClient();
            return client.GetAsync(url.ToString()).Result.Content.ReadAsStringAsync().Result;
        }

        public static string Campaigns(string host)
        {
            var url = new StringBuilder().Append(host).Append("/rest/asset/v1/folders.json").ToString();
            var client = new HttpClient();
            return client.GetAsync(url).Result.Content.ReadAsStringAsync().Result;
        }
    }
}
)");
    CHECK(p.found() == Found({"GET /rest/asset/v1/folders.json", "GET /rest/v1/companies.json", "POST /rest/v1/leads.json"}));
}

TEST_CASE("C# scan: verbatim, interpolated-verbatim and raw strings, and string.Format, build paths") {
    Project p;
    p.write("Calls.cs", R"(using System.Net.Http;
namespace Acme.Marketo
{
    public class Calls
    {
        private readonly HttpClient _client = new HttpClient();

        public void Run(string host, int id)
        {
            _client.GetAsync(@"/rest/v1/campaigns.json");
            _client.GetAsync(string.Format("{0}/rest/v1/lead/{1}.json", host, id));
            _client.PostAsync(String.Format("/rest/v1/campaigns/{0}/trigger.json", id), null);
            _client.GetAsync($@"{host}/rest/asset/v1/email/{id}.json");
            _client.GetAsync(@$"{host}/rest/asset/v1/form/{id}.json");
            _client.GetAsync("""/rest/v1/lists.json""");
        }
    }
}
)");
    CHECK(p.found() == Found({"GET /rest/asset/v1/email/{id}.json", "GET /rest/asset/v1/form/{id}.json", "GET /rest/v1/campaigns.json",
                             "GET /rest/v1/lead/{leadId}.json", "GET /rest/v1/lists.json",
                             "POST /rest/v1/campaigns/{campaignId}/trigger.json"}));
}

TEST_CASE("C# scan: SendAsync of an HttpRequestMessage takes the method from its constructor or its Method initializer") {
    Project p;
    p.write("Sender.cs", R"(using System.Net.Http;
namespace Acme.Marketo
{
    public class Sender
    {
        private readonly HttpClient _client = new HttpClient();

        public void Run(string host, int id)
        {
            _client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, host + "/rest/v1/lists/" + id + "/leads.json"));
            var message = new HttpRequestMessage(HttpMethod.Post, $"{host}/rest/v1/leads.json");
            _client.SendAsync(message);
            var request = new HttpRequestMessage
            {
                Method = HttpMethod.Get,
                RequestUri = new Uri(host + "/rest/asset/v1/programs.json")
            };
            _client.SendAsync(request);
            var verb = HttpMethod.Post;
            _client.SendAsync(new HttpRequestMessage(verb, new Uri(new Uri(host), "/rest/asset/v1/folders.json")));
            _client.SendAsync(new HttpRequestMessage() { Method = Verb(), RequestUri = new Uri(host + "/rest/v1/companies.json") });
        }

        private static HttpMethod Verb() => HttpMethod.Get;
    }
}
)");
    CHECK(p.found() == Found({"DELETE /rest/v1/lists/{listId}/leads.json", "GET /rest/asset/v1/programs.json", "GET /rest/v1/companies.json",
                             "POST /rest/asset/v1/folders.json", "POST /rest/v1/leads.json"}));
}

TEST_CASE("scan: request classes in Python: a class attribute `method` (or an inherited one) is the method of the class's path") {
    Project p;
    p.write("requests.py", R"(class Request:
    method = "GET"

    def url(self):
        return BASE + self.path


class ListFolders(Request):
    path = "/rest/asset/v1/folders.json"


class CreateProgram(Request):
    method = "POST"
    path = "/rest/asset/v1/programs.json"


class ListPrograms(Request):
    def path(self):
        return "/rest/asset/v1/programs.json"
)");
    // Request.url() reads its subclasses' paths through self.path: no method of its own is
    // claimed for them (CreateProgram's POST path is no GET).
    CHECK(p.found() == Found({"GET /rest/asset/v1/folders.json", "GET /rest/asset/v1/programs.json", "POST /rest/asset/v1/programs.json"}));
}

TEST_CASE("scan: request classes and StringBuilder in Java: getMethod() overrides, inherited defaults, append") {
    Project p;
    p.write("Requests.java", R"(abstract class ApiRequest {
    public String getMethod() { return "GET"; }
    public abstract String getPath();
}

class CreateFolder extends ApiRequest {
    @Override public String getMethod() { return "POST"; }
    @Override public String getPath() { return "/rest/asset/v1/folders.json"; }
}

class ListPrograms extends ApiRequest {
    @Override public String getPath() { return "/rest/asset/v1/programs.json"; }
}

class Companies {
    String sync(String host) {
        StringBuilder sb = new StringBuilder(host);
        sb.append("/rest/v1/companies");
        sb.append(".json");
        return http.post(sb.toString());
    }
}
)");
    CHECK(p.found() == Found({"GET /rest/asset/v1/programs.json", "POST /rest/asset/v1/folders.json", "POST /rest/v1/companies.json"}));
}

} // namespace scan_request_building_test
