// Deciding a branch's guards (code_ir.hpp's Guard) from what a call binds: `if job is not None:`
// runs when the caller passes a job id, not when it leaves the parameter out (its default None);
// `if (job === undefined)` the other way round. Without a call binding the name, or when the
// value's alternatives disagree, a guard decides nothing and the branch may run, as before.
#include "code_evaluator.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

namespace minrole::code {

std::optional<Value> Evaluator::argument(const std::string& n, std::uint32_t file, int scope, const Frame* frame) const {
    const auto& scopes = p_.files[file].scopes;
    for (int s = scope; s >= 0 && static_cast<std::size_t>(s) < scopes.size(); s = scopes[static_cast<std::size_t>(s)].parent) {
        const int fn = p_.function_of_scope[file][static_cast<std::size_t>(s)];
        if (fn < 0) {
            continue;
        }
        const Function& f = p_.files[file].functions[static_cast<std::size_t>(fn)];
        if (std::find(f.params.begin(), f.params.end(), n) == f.params.end()) {
            continue; // a local, or a parameter of a function further out
        }
        for (const Frame* fr = frame; fr != nullptr; fr = fr->caller) {
            if (fr->file == file && fr->function == fn) {
                const auto it = fr->bound.find(n);
                return it != fr->bound.end() ? it->second : null_value();
            }
        }
        return std::nullopt;
    }
    return std::nullopt;
}

// A value the call passes but evaluation cannot read (a hole: an id from a response) is taken
// to be there: not null, and truthy. Several alternatives decide only when they agree.
Evaluator::Truth Evaluator::decide(const Guard& g, std::uint32_t file, int scope, const Frame* frame) const {
    const std::optional<Value> v = argument(g.subject, file, scope, frame);
    if (!v || v->empty()) {
        return Truth::Unknown;
    }
    using T = Guard::Test;
    std::optional<bool> agreed;
    for (const Alt& a : *v) {
        std::optional<bool> holds;
        switch (g.test) {
        case T::IsNull:
        case T::NotNull:
            holds = a.kind == Alt::Kind::Null;
            break;
        case T::Truthy:
        case T::Falsy:
            if (a.kind == Alt::Kind::Null) {
                holds = false;
            } else if (a.kind != Alt::Kind::Str) {
                holds = !a.items.empty();
            } else if (a.text != "0" && a.text != "false" && a.text != "False") {
                holds = !a.text.empty(); // "0" and "false" may be a number or a boolean: undecided
            }
            break;
        case T::Equals:
        case T::NotEquals:
            if (a.kind != Alt::Kind::Str || !is_hole_text(a.text)) {
                holds = a.kind == Alt::Kind::Str && a.text == g.literal;
            }
            break;
        }
        if (!holds || (agreed && *agreed != *holds)) {
            return Truth::Unknown;
        }
        agreed = holds;
    }
    const bool negated = g.test == T::NotNull || g.test == T::Falsy || g.test == T::NotEquals;
    return *agreed != negated ? Truth::True : Truth::False;
}

Evaluator::Truth Evaluator::decide_all(const std::vector<Guard>& guards, std::uint32_t file, int scope, const Frame* frame) const {
    if (guards.empty() || frame == nullptr) {
        return Truth::Unknown;
    }
    Truth all = Truth::True;
    for (const Guard& g : guards) {
        const Truth t = decide(g, file, scope, frame);
        if (t == Truth::False) {
            return Truth::False;
        }
        if (t == Truth::Unknown) {
            all = Truth::Unknown;
        }
    }
    return all;
}

} // namespace minrole::code
