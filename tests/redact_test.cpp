// redact(): the cases the scan tests do not cover (those live with the scanners that use it).
#include "minrole/redact.hpp"

#include <doctest/doctest.h>

namespace redact_test {

using minrole::redact;

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

TEST_CASE("redact: words that only contain a credential's name stay") {
    CHECK(redact("GET /rest/v1/activities/pagingtoken.json") == "GET /rest/v1/activities/pagingtoken.json");
    CHECK(redact("tokenizer=1 secretary: x") == "tokenizer=1 secretary: x");
}

} // namespace redact_test
