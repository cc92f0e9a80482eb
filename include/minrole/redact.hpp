#pragma once
// Credentials must never reach any output. Everything minrole echoes from an input (evidence
// snippets, unmatched text, error messages) goes through redact() first.
#include <string>
#include <string_view>

namespace minrole {

// Replaces the values of access_token / client_secret / client_id / refresh_token / password /
// api_key style parameters and of "Authorization: Bearer|Basic" headers with "<redacted>".
std::string redact(std::string_view text);

} // namespace minrole
