#pragma once
// From an evaluated string to the Marketo path it holds (code_marketo_path.cpp).
#include <cstddef>
#include <string>
#include <string_view>

namespace minrole::code {

// The Marketo part of an evaluated string (holes as \x01), normalised: "/rest/v1/lead/{x}.json"
// for ".../rest/v1/lead/\x01.json", "/bulk/v1/..." for "/rest/../bulk/v1/...", "/rest/v1/..." for a
// path relative to the /rest base ("v1/leads.json", "/asset/v1/..."). Empty when it is none.
std::string marketo_path_of(const std::string& evaluated);

// Where the Marketo API base (rest/, bulk/, identity/oauth, userservice/, subscriptions/) starts
// in `text`: the first one right after a '/', or at `lead` (past the holes an evaluated string
// starts with; 0 for a literal); npos when there is none. The one base finder of the parsed
// (marketo_path_of) and the lexical (scan_source.cpp) extractors.
std::size_t find_api_base(std::string_view text, std::size_t lead = 0);

// Removes "." and ".." segments: "/rest/../bulk/v1" is "/bulk/v1".
std::string remove_dot_segments(const std::string& path);

// Holes become {x}; so does any {...} left in the text (a template written in a literal).
std::string neutralise(const std::string& s);

} // namespace minrole::code
