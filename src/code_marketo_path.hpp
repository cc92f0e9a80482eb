#pragma once
// From an evaluated string to the Marketo path it holds (code_marketo_path.cpp).
#include <string>

namespace minrole::code {

// The Marketo part of an evaluated string (holes as \x01), normalised: "/rest/v1/lead/{x}.json"
// for ".../rest/v1/lead/\x01.json", "/bulk/v1/..." for "/rest/../bulk/v1/...", "/rest/v1/..." for a
// path relative to the /rest base ("v1/leads.json", "/asset/v1/..."). Empty when it is none.
std::string marketo_path_of(const std::string& evaluated);

// Removes "." and ".." segments: "/rest/../bulk/v1" is "/bulk/v1".
std::string remove_dot_segments(const std::string& path);

// Holes become {x}; so does any {...} left in the text (a template written in a literal).
std::string neutralise(const std::string& s);

} // namespace minrole::code
