// redact(): the cases the scan tests do not cover (those live with the scanners that use it).
#include "minrole/redact.hpp"

#include <doctest/doctest.h>

namespace redact_test {

using minrole::redact;
using minrole::redact_code;

TEST_CASE("redact: a template placeholder is hidden whole, braces included") {
    CHECK(redact("/rest/v1/leads.json?access_token=${token}&fields=email") ==
          "/rest/v1/leads.json?access_token=<redacted>&fields=email");
    CHECK(redact("?access_token={{secret}}") == "?access_token=<redacted>");
    CHECK(redact("client_secret={clientSecret} next") == "client_secret=<redacted> next");
}

TEST_CASE("redact: an unclosed brace is an ordinary value up to its delimiter") {
    CHECK(redact("access_token={abc&x=1") == "access_token=<redacted>&x=1");
}

TEST_CASE("redact: a Marketo token keeps its ':region' suffix hidden too") {
    // Marketo access tokens look like "<uuid>:<pod>", so ':' cannot end a value.
    CHECK(redact("access_token=cdf01657-110d-4155-99a7-f986b2ff13a0:ab cannot read") ==
          "access_token=<redacted> cannot read");
}

TEST_CASE("redact: an escaped quote inside a JSON string value is part of the value") {
    // The JSON text of {"access_token": "ab\"cd"}: the whole value goes, the JSON stays valid.
    CHECK(redact(R"({"access_token": "ab\"cd", "n": 1})") == R"({"access_token": "<redacted>", "n": 1})");
    CHECK(redact(R"(access_token=ab\\)") == "access_token=<redacted>");
}

TEST_CASE("redact: a credential's name in any case style, header or encoding") {
    CHECK(redact("?accessToken=abc&x=1") == "?accessToken=<redacted>&x=1");
    CHECK(redact("clientSecret: abc") == "clientSecret: <redacted>");
    CHECK(redact("X-Api-Key: abc") == "X-Api-Key: <redacted>");
    CHECK(redact("MKTO_CLIENT_SECRET=abc") == "MKTO_CLIENT_SECRET=<redacted>");
    CHECK(redact("refresh-token=abc") == "refresh-token=<redacted>");
    CHECK(redact("client%5Fsecret=abc") == "client%5Fsecret=<redacted>");
    CHECK(redact("?client_secret%3Dabc") == "?client_secret%3D<redacted>");
    CHECK(redact("r=%3Faccess_token%3Dabc") == "r=%3Faccess_token%3D<redacted>");
}

TEST_CASE("redact: source literals, tabs and URL userinfo") {
    CHECK(redact(R"(const clientSecret = "abc";)") == R"(const clientSecret = "<redacted>";)");
    CHECK(redact(R"('client_secret' => 'abc')") == R"('client_secret' => '<redacted>')");
    CHECK(redact(R"(apiKey := "abc")") == R"(apiKey := "<redacted>")");
    CHECK(redact("Bearer\tabc") == "Bearer\t<redacted>");
    CHECK(redact("Authorization:\tBearer\tabc") == "Authorization:\tBearer\t<redacted>");
    CHECK(redact("https://user:pw@host/rest/v1/leads.json") == "https://user:<redacted>@host/rest/v1/leads.json");
    CHECK(redact("https://host:8443/rest/v1/leads.json") == "https://host:8443/rest/v1/leads.json");
}

TEST_CASE("redact: a credential inside a JSON or YAML report string, its quotes escaped") {
    // The report line of a name that held "clientSecret": "abc" (JSON and YAML write \").
    CHECK(redact(R"("service": "svc \"clientSecret\": \"abc\" next")") ==
          R"("service": "svc \"clientSecret\": \"<redacted>\" next")");
    CHECK(redact(R"(role: "r \\\"access_token\\\": \\\"abc\\\"")") == R"(role: "r \\\"access_token\\\": \\\"<redacted>\\\"")");
    CHECK(redact(R"("note": "Authorization:\tBearer\tabc")") == R"("note": "Authorization:\tBearer\t<redacted>")");
    CHECK(redact(R"("n": "x Bearer\tabc")") == R"("n": "x Bearer\t<redacted>")");
}

TEST_CASE("redact: a credential inside an HTML page, its quotes as character references") {
    CHECK(redact("&quot;clientSecret&quot;: &quot;abc&quot;") == "&quot;clientSecret&quot;: &quot;<redacted>&quot;");
    CHECK(redact("&#39;client_secret&#39; =&gt; &#39;abc&#39;") == "&#39;client_secret&#39; =&gt; &#39;<redacted>&#39;");
    CHECK(redact("&lt;clientSecret&gt;abc&lt;/clientSecret&gt;") == "&lt;clientSecret&gt;<redacted>&lt;/clientSecret&gt;");
}

TEST_CASE("redact: XML elements and name/value pairs named like a credential") {
    CHECK(redact("<clientSecret>abc</clientSecret>") == "<clientSecret><redacted></clientSecret>");
    CHECK(redact(R"(<entry key="client_secret">abc</entry>)") == R"(<entry key="client_secret"><redacted></entry>)");
    CHECK(redact(R"(<property name="password" value="abc"/>)") == R"(<property name="password" value="<redacted>"/>)");
    CHECK(redact(R"({"name": "X-Api-Key", "value": "abc"})") == R"({"name": "X-Api-Key", "value": "<redacted>"})");
    CHECK(redact(R"({"name":"Authorization","value":"Basic dXNlcjpwdw=="})") ==
          R"({"name":"Authorization","value":"Basic <redacted>"})");
    CHECK(redact("<token/> <token>") == "<token/> <token>");
}

TEST_CASE("redact: cookies and session ids") {
    CHECK(redact("Cookie: sid=abc; theme=dark") == "Cookie: <redacted>");
    CHECK(redact(R"("Set-Cookie": "BIGipServer=abc; Path=/")") == R"("Set-Cookie": "<redacted>")");
    CHECK(redact(R"({"name": "Cookie", "value": "sid=abc"})") == R"({"name": "Cookie", "value": "<redacted>"})");
    CHECK(redact("/rest/v1/leads.json;jsessionid=abc?x=1") == "/rest/v1/leads.json;jsessionid=<redacted>");
    CHECK(redact("PHPSESSID=abc") == "PHPSESSID=<redacted>");
}

TEST_CASE("redact: a name or separator percent-encoded twice, or letter by letter") {
    CHECK(redact("?client_secret%253Dabc") == "?client_secret%253D<redacted>");
    CHECK(redact("?client%255Fsecret%253Aabc") == "?client%255Fsecret%253A<redacted>");
    CHECK(redact("r=%253Faccess_token%253Dabc") == "r=%253Faccess_token%253D<redacted>");
    CHECK(redact("?%61ccess_token=abc") == "?%61ccess_token=<redacted>");
    CHECK(redact("?%61%63%63%65%73%73%5F%74%6F%6B%65%6E=abc") == "?%61%63%63%65%73%73%5F%74%6F%6B%65%6E=<redacted>");
    CHECK(redact("?client%5Fsecre%74=abc") == "?client%5Fsecre%74=<redacted>");
}

TEST_CASE("redact: URL userinfo with a user name only is a token") {
    CHECK(redact("https://ghp_abc@host/x") == "https://<redacted>@host/x");
    CHECK(redact("https://user:p%40ss@host/x") == "https://user:<redacted>@host/x");
    CHECK(redact("https://host/x?email=a@b.example") == "https://host/x?email=a@b.example");
}

TEST_CASE("redact: Marketo's identity URL keeps nothing of the client's credentials") {
    CHECK(redact("/identity/oauth/token?grant_type=client_credentials&client_id=abc&client_secret=def") ==
          "/identity/oauth/token?grant_type=client_credentials&client_id=<redacted>&client_secret=<redacted>");
}

TEST_CASE("redact: hostile runs of escapes stay linear") {
    const std::string run = "%25" + std::string(200000, '2') + "5";
    CHECK(redact(run) == run);
    std::string escapes;
    for (int i = 0; i < 50000; ++i) {
        escapes += "%2525";
    }
    CHECK(redact(escapes + "access_token=x") == escapes + "access_token=<redacted>");
}

TEST_CASE("redact_code: a value built from a placeholder or an operator hides the rest of the line") {
    CHECK(redact_code(R"(requests.post(u, data="client_secret=%s" % "abc"))") == R"(requests.post(u, data="client_secret=<redacted>)");
    CHECK(redact_code(R"(get("/x?client_secret=" + "abc"); next())") == R"(get("/x?client_secret=" <redacted>)");
    CHECK(redact_code(R"(get("/x?client_secret={}".format("abc")))") == R"(get("/x?client_secret=<redacted>)");
    CHECK(redact_code(R"(fmt.Sprintf("/x?access_token=%1$s", "abc"))") == R"(fmt.Sprintf("/x?access_token=<redacted>)");
    CHECK(redact_code("a(\"token=\" . $t)\nsecond line") == "a(\"token=\" <redacted>\nsecond line");
    // A value written out, or a variable's placeholder, is hidden alone, as redact() does.
    CHECK(redact_code(R"(get("/x?access_token=abc&fields=email"))") == R"(get("/x?access_token=<redacted>&fields=email"))");
    CHECK(redact_code("get(`/x?access_token=${token}&y=1`)") == "get(`/x?access_token=<redacted>&y=1`)");
    CHECK(redact_code(R"(u = "client_secret=%2Fabc" + x)") == R"(u = "client_secret=<redacted>" + x)");
    // redact() itself never cuts a line: report lines must keep their syntax.
    CHECK(redact(R"("note": "client_secret=%s and more",)") == R"("note": "client_secret=<redacted> and more",)");
}

TEST_CASE("redact: curl's -u and --user hide the password") {
    CHECK(redact("curl -u admin:pw1 https://h/x") == "curl -u admin:<redacted> https://h/x");
    CHECK(redact(R"(curl --user "admin:pw1" h)") == R"(curl --user "admin:<redacted>" h)");
    CHECK(redact("curl --user=admin:pw1") == "curl --user=admin:<redacted>");
    CHECK(redact("curl -u admin h") == "curl -u admin h");
    CHECK(redact("read-u x:y and co-u a:b") == "read-u x:y and co-u a:b");
}

TEST_CASE("redact: words that only contain a credential's name stay") {
    CHECK(redact("GET /rest/v1/activities/pagingtoken.json") == "GET /rest/v1/activities/pagingtoken.json");
    CHECK(redact("tokenizer=1 secretary: x") == "tokenizer=1 secretary: x");
}

} // namespace redact_test
