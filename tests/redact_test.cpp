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

} // namespace redact_test
