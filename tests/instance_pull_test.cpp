// The Marketo protocol of `instance pull` against a scripted transport and a fake clock: the
// client-side rate window, backoff bounds, token refresh, paging and shape errors.
#include "minrole/error.hpp"
#include "minrole/instance_pull.hpp"

#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include <functional>
#include <string>
#include <vector>

using namespace minrole;
using Json = nlohmann::json;
using std::chrono::milliseconds;

namespace {

struct FakeClock {
    std::chrono::steady_clock::time_point now{};
    std::vector<milliseconds> sleeps;
};

struct Scripted final : Transport {
    std::function<HttpResponse(const HttpRequest&)> handler;
    std::vector<HttpRequest> requests;
    FakeClock* clock = nullptr;
    HttpResponse send(const HttpRequest& request) override {
        requests.push_back(request);
        clock->now += milliseconds(10); // every call takes 10 ms
        return handler(request);
    }
};

HttpResponse ok(const Json& body) { return HttpResponse{HttpFailure::none, "", 200, body.dump()}; }

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

Json users(int n) {
    Json out = Json::array();
    for (int i = 0; i < n; ++i) {
        out.push_back({{"id", 1000 + i}, {"userid", "u" + std::to_string(i) + "@x.example"}, {"apiOnly", i % 2 == 0}});
    }
    return out;
}

// A well-behaved instance with `all` users; `tweak` may answer a request first.
struct FakeInstance {
    FakeClock clock;
    Scripted transport;
    Json all = users(3);
    long long expires_in = 3600;
    std::function<std::optional<HttpResponse>(const HttpRequest&)> tweak;

    FakeInstance() {
        transport.clock = &clock;
        transport.handler = [this](const HttpRequest& r) -> HttpResponse {
            if (tweak) {
                if (auto answer = tweak(r)) {
                    return *answer;
                }
            }
            const std::string path = r.url.substr(r.url.find("//") + 2);
            if (has(path, "/identity/oauth/token")) {
                return ok({{"access_token", "T"}, {"token_type", "bearer"}, {"expires_in", expires_in}, {"scope", "x"}});
            }
            if (has(path, "allusers.json")) {
                const auto at = path.find("pageOffset=");
                const int offset = std::stoi(path.substr(at + 11));
                const int size = std::stoi(path.substr(path.find("pageSize=") + 9));
                Json page = Json::array();
                for (int i = offset; i < offset + size && i < static_cast<int>(all.size()); ++i) {
                    page.push_back(all[static_cast<std::size_t>(i)]);
                }
                return ok(page);
            }
            if (has(path, "/users/roles.json") || has(path, "/users/workspaces.json")) {
                return ok(Json::array({{{"id", 1}, {"name", "Default"}}}));
            }
            if (has(path, "/roles.json")) {
                return ok(Json::array({{{"accessRoleId", 1}, {"accessRoleName", "R"}, {"workspaceId", 1}, {"workspaceName", "Default"}}}));
            }
            if (has(path, "partitions.json")) {
                return ok({{"success", true}, {"result", Json::array({{{"id", 1}, {"name", "Default"}}})}});
            }
            return HttpResponse{HttpFailure::none, "", 404, "{}"};
        };
    }

    PullOptions options() {
        PullOptions o;
        o.base_url = "https://test.example";
        o.now = [this] { return clock.now; };
        o.sleep = [this](milliseconds d) {
            clock.sleeps.push_back(d);
            clock.now += d;
        };
        o.seed = 42;
        o.backoff = milliseconds(1000);
        return o;
    }

    Snapshot pull(const PullOptions& o) { return pull_snapshot(transport, Credentials{}, o); }
    Snapshot pull() { return pull(options()); }
};

std::string error_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const Error& e) {
        return e.what();
    }
    return "";
}

} // namespace

TEST_CASE("instance pull: never more than 100 API calls in any 20 s window") {
    FakeInstance instance;
    instance.all = users(260);
    PullOptions o = instance.options();
    o.page_size = 1; // 261 pages + 260 role calls + 3 lists
    std::vector<std::chrono::steady_clock::time_point> sent;
    instance.transport.handler = [&, inner = instance.transport.handler](const HttpRequest& r) {
        if (!has(r.url, "/identity/")) {
            sent.push_back(instance.clock.now);
        }
        return inner(r);
    };
    const Snapshot s = instance.pull(o);
    CHECK(s.users.size() == 260);
    REQUIRE(sent.size() > 500);
    std::size_t first = 0;
    for (std::size_t i = 0; i < sent.size(); ++i) {
        while (sent[i] - sent[first] >= milliseconds(20000)) {
            ++first;
        }
        REQUIRE(i - first + 1 <= 100);
    }
    CHECK(!instance.clock.sleeps.empty()); // it did have to wait
}

TEST_CASE("instance pull: 606 backs off exponentially with jitter, capped at the 20 s window") {
    FakeInstance instance;
    int left = 6;
    instance.tweak = [&](const HttpRequest& r) -> std::optional<HttpResponse> {
        if (has(r.url, "workspaces.json") && left-- > 0) {
            return ok({{"success", false}, {"errors", Json::array({{{"code", "606"}, {"message", "Max rate limit"}}})}});
        }
        return std::nullopt;
    };
    PullOptions o = instance.options();
    o.retries = 6;
    o.backoff = milliseconds(4000);
    const Snapshot s = instance.pull(o);
    CHECK(s.retries == 6);
    REQUIRE(instance.clock.sleeps.size() == 6);
    const long long bases[] = {4000, 8000, 16000, 20000, 20000, 20000};
    for (std::size_t i = 0; i < 6; ++i) {
        CHECK(instance.clock.sleeps[i].count() >= bases[i] / 2);
        CHECK(instance.clock.sleeps[i].count() <= bases[i]);
    }
}

TEST_CASE("instance pull: retries are bounded and the error names the call") {
    FakeInstance instance;
    instance.tweak = [](const HttpRequest& r) -> std::optional<HttpResponse> {
        if (has(r.url, "/users/roles.json")) {
            return HttpResponse{HttpFailure::timeout, "Timeout was reached", 0, ""};
        }
        return std::nullopt;
    };
    PullOptions o = instance.options();
    o.retries = 3;
    const std::string e = error_of([&] { instance.pull(o); });
    CHECK(e == "GET /userservice/management/v1/users/roles.json failed: timed out (Timeout was reached) (gave up after 4 attempts)");
    CHECK(instance.transport.requests.size() == 6); // token, workspaces, 4 x roles
}

TEST_CASE("instance pull: an expired token is renewed before use, and 601 once more after a new token stops") {
    FakeInstance instance;
    instance.expires_in = 0; // each token is spent at once: a new one before every call
    const Snapshot s = instance.pull();
    CHECK(s.token_requests * 2 == s.calls);

    FakeInstance refused;
    refused.tweak = [](const HttpRequest& r) -> std::optional<HttpResponse> {
        if (has(r.url, "workspaces.json")) {
            return HttpResponse{HttpFailure::none, "", 401, R"({"errors":[{"code":"601","message":"Access token invalid"}]})"};
        }
        return std::nullopt;
    };
    CHECK(error_of([&] { refused.pull(); }) ==
          "GET /userservice/management/v1/users/workspaces.json failed: Marketo error 601 'Access token invalid' again "
          "with a new access token (access token invalid)");
    CHECK(refused.transport.requests.size() == 4); // token, call, token, call
}

TEST_CASE("instance pull: the token goes in the Authorization header, the secret in a POST body") {
    FakeInstance instance;
    PullOptions o = instance.options();
    Credentials c;
    c.client_id = "id&x";
    c.client_secret = "s=cret";
    pull_snapshot(instance.transport, c, o);
    const HttpRequest& identity = instance.transport.requests.front();
    CHECK(identity.method == "POST");
    CHECK(identity.url == "https://test.example/identity/oauth/token");
    CHECK(identity.body == "grant_type=client_credentials&client_id=id%26x&client_secret=s%3Dcret");
    for (std::size_t i = 1; i < instance.transport.requests.size(); ++i) {
        const auto& r = instance.transport.requests[i];
        CHECK(!has(r.url, "access_token"));
        CHECK(r.headers.front() == std::pair<std::string, std::string>{"Authorization", "Bearer T"});
    }
}

TEST_CASE("instance pull: a surprise in a response is located by a JSON pointer") {
    FakeInstance instance;
    instance.tweak = [](const HttpRequest& r) -> std::optional<HttpResponse> {
        if (has(r.url, "/users/roles.json")) {
            return ok(Json::array({{{"id", 1}, {"name", "A"}}, {{"id", "2"}, {"name", "B"}}}));
        }
        return std::nullopt;
    };
    CHECK(error_of([&] { instance.pull(); }) ==
          "unexpected response to GET /userservice/management/v1/users/roles.json (at /1/id): expected an integer, found a string");

    FakeInstance envelope;
    envelope.tweak = [](const HttpRequest& r) -> std::optional<HttpResponse> {
        if (has(r.url, "partitions.json")) {
            return ok({{"success", true}, {"result", {{"id", 1}}}});
        }
        return std::nullopt;
    };
    CHECK(error_of([&] { envelope.pull(); }) == "unexpected response to GET /rest/v1/leads/partitions.json (at /result): "
                                                "expected an array, found an object");
}

TEST_CASE("instance pull: a response nested deeper than MINROLE_MAX_DEPTH is refused before it is parsed") {
    // 1,000,000 balanced '[' (2 MB, under every size limit) crashed the pull on the stack.
    FakeInstance instance;
    instance.tweak = [](const HttpRequest& r) -> std::optional<HttpResponse> {
        if (has(r.url, "/users/workspaces.json")) {
            return HttpResponse{HttpFailure::none, "", 200, std::string(1000000, '[') + std::string(1000000, ']')};
        }
        return std::nullopt;
    };
    CHECK(error_of([&] { instance.pull(); }) == "the response to GET /userservice/management/v1/users/workspaces.json is "
                                                "nested deeper than 64 levels (MINROLE_MAX_DEPTH) at line 1, column 65");
}

TEST_CASE("instance pull: the page size is the API's, 1 to 200") {
    FakeInstance instance;
    PullOptions o = instance.options();
    o.page_size = 201;
    CHECK(has(error_of([&] { instance.pull(o); }), "between 1 and 200"));
}

TEST_CASE("instance pull: base URLs") {
    CHECK(base_url_for_munchkin("123-abc-456") == "https://123-abc-456.mktorest.com");
    CHECK(has(error_of([] { base_url_for_munchkin("123-abc-456.evil.example/x"); }), "expects a Munchkin"));
    CHECK(checked_base_url("https://proxy.example:8443/marketo/") == "https://proxy.example:8443/marketo");
    CHECK(checked_base_url("http://127.0.0.1:8080") == "http://127.0.0.1:8080");
    CHECK(has(error_of([] { checked_base_url("http://proxy.example"); }), "unencrypted"));
    CHECK(has(error_of([] { checked_base_url("https://a@b.example"); }), "no query, fragment or user name"));
    CHECK(has(error_of([] { checked_base_url("https://b.example/?x=1"); }), "no query"));
    CHECK(has(error_of([] { checked_base_url("ftp://b.example"); }), "expects http(s)"));
}

TEST_CASE("instance pull: the generated instance file quotes every name it copies") {
    Snapshot s;
    s.base_url = "https://123-ABC-456.mktorest.com";
    s.pulled_at = "2026-01-01T00:00:00Z";
    s.partitions = Json::array({{{"id", 1}, {"name", "EMEA\"\n- evil: [x]"}}});
    s.roles = Json::array({{{"id", 1}, {"name", "R\n#: {"}}});
    const YAML::Node y = YAML::Load(generated_instance_yaml(s));
    CHECK(y["kind"].as<std::string>() == "instance");
    CHECK(y["instance"].as<std::string>() == "123-ABC-456.mktorest.com");
    REQUIRE(y["partitions"].size() == 1);
    CHECK(y["partitions"][0].as<std::string>() == "EMEA\"\n- evil: [x]");
    CHECK(!y["roles"]); // a template in comments: the permissions are the user's to write
}
