#pragma once
// Credentials must never reach any output. Everything minrole echoes from an input (evidence
// snippets, unmatched text, error messages) goes through redact() first.
#include <string>
#include <string_view>

namespace minrole {

// Replaces the values of access_token / client_secret / client_id / refresh_token / password /
// api_key style parameters and of "Authorization: Bearer|Basic" headers with "<redacted>".
std::string redact(std::string_view text);

// The same for a line of source code shown as evidence, where a credential's value is often
// built rather than written: after a name whose value is a placeholder or an operator
// ("client_secret=%s" % "...", "client_secret=" + "...", "client_secret={}".format(...)) the
// secret is further along the line, so the rest of the line is hidden too.
std::string redact_code(std::string_view line);

} // namespace minrole
