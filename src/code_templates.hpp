#pragma once
// The string operations path templates are built with (code_templates.cpp): HTTP verbs, brace
// and printf-style formatting, joins. Holes (kHole) pass through them as text.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace minrole::code {

// "GET" for "get", "Get", "GET"; empty otherwise.
std::string verb(std::string_view s);

// The verb a callee's name starts with: get, postJson, PostAsync, post_json, HttpPost, MethodPost.
std::string verb_of_name(std::string_view name);

// Python str.format / C# string.Format: {} {0} {name} {name!r:>10}; {{ }} are braces.
std::string format_braces(const std::string& fmt, const std::vector<std::string>& args,
                          const std::vector<std::pair<std::string, std::string>>& named);

// printf-style: %s %d %v %05d %-10s %%; Python %(name)s.
std::string format_percent(const std::string& fmt, const std::vector<std::string>& args);

// Joins path pieces with one slash between them.
std::string join_path(const std::vector<std::string>& parts);

// Joins with a separator: [..].join(sep), sep.join(list), implode, strings.Join.
std::string join_with(const std::vector<std::string>& parts, const std::string& sep);

} // namespace minrole::code
