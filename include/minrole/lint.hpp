#pragma once
// Consistency checks on a loaded model beyond what loading already rejects: the solver's cost
// assumptions, unreachable permissions, undocumented rules. Loading errors are fatal; these
// are findings.
#include "minrole/loader.hpp"

#include <string>
#include <vector>

namespace minrole {

struct LintFinding {
    enum class Severity { Error, Warning, Note };
    Severity severity = Severity::Note;
    std::string check; // stable id, e.g. "cost-order"
    std::string message;
    Location where;
};

struct LintReport {
    std::vector<std::string> sources;
    std::size_t permissions = 0;
    std::size_t endpoints = 0;
    std::vector<LintFinding> findings;

    [[nodiscard]] bool has_errors() const;
};

const char* to_string(LintFinding::Severity severity);

LintReport lint(const Model& model);

} // namespace minrole
