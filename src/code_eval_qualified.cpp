// Names qualified by their classes: Constants.UrlSegments.Folder is the constant Folder of the
// class UrlSegments nested in Constants, not the field Folder of some request class, nor
// QueryParameters.Keys.Folder. And request.Name, read from a parameter, is the caller's data: no
// class's constant of that name stands in for it.
#include "code_evaluator.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace minrole::code {

std::vector<std::string> Evaluator::class_chain(std::uint32_t file, int scope) const {
    std::vector<std::string> chain;
    const auto& scopes = p_.files[file].scopes;
    for (int s = scope; s >= 0 && static_cast<std::size_t>(s) < scopes.size(); s = scopes[static_cast<std::size_t>(s)].parent) {
        if (scopes[static_cast<std::size_t>(s)].kind != Scope::Kind::Class) {
            break;
        }
        chain.push_back(scopes[static_cast<std::size_t>(s)].name);
    }
    return chain;
}

bool Evaluator::instance_name(const std::string& head, const Context& c) const {
    const FileIR& file = p_.files[c.file];
    const auto defs = p_.defs.find(head);
    for (int s = c.scope; s >= 0 && static_cast<std::size_t>(s) < file.scopes.size(); s = file.scopes[static_cast<std::size_t>(s)].parent) {
        const int fn = p_.function_of_scope[c.file][static_cast<std::size_t>(s)];
        if (fn < 0) {
            continue;
        }
        const Function& f = file.functions[static_cast<std::size_t>(fn)];
        if (std::find(f.params.begin(), f.params.end(), head) != f.params.end()) {
            return true;
        }
        if (defs == p_.defs.end()) {
            continue;
        }
        for (const auto& ref : defs->second) {
            if (ref.file == c.file && file.definitions[ref.def].scope == s) {
                // A local made by a call may be an instance of the very class whose constants
                // it reads (settings = Settings(); settings.BASE): that reading stays open.
                const Expr& value = *file.definitions[ref.def].value;
                return !(value.op == Op::Call && !value.text.empty());
            }
        }
    }
    return false;
}

std::optional<Value> Evaluator::qualified(const std::string& dotted, const Context& c, int depth, bool& instance) {
    std::vector<std::string> parts;
    for (std::size_t from = 0;;) {
        const std::size_t dot = dotted.find('.', from);
        parts.push_back(dotted.substr(from, dot == std::string::npos ? std::string::npos : dot - from));
        if (dot == std::string::npos) {
            break;
        }
        from = dot + 1;
    }
    if (parts.size() < 2 || parts.front() == "self") {
        return std::nullopt;
    }
    const auto it = p_.defs.find(parts.back());
    if (it == p_.defs.end()) {
        return std::nullopt;
    }
    // The prefix names the classes innermost last: Namespace.Outer.Inner. Leading namespaces
    // and outer classes it leaves out (a nested class used from its outer one) still match.
    const std::size_t prefix = parts.size() - 1;
    Value out;
    bool class_level = false;
    for (const auto& listed : it->second) {
        const auto ref = p_.near(listed, c.file);
        const Definition& d = p_.files[ref.file].definitions[ref.def];
        const std::vector<std::string> chain = class_chain(ref.file, d.scope);
        if (chain.empty()) {
            continue;
        }
        class_level = true;
        bool match = chain.front() == parts[prefix - 1];
        for (std::size_t i = 1; match && i < chain.size() && i < prefix; ++i) {
            match = chain[i] == parts[prefix - 1 - i];
        }
        if (match) {
            add(out, definition(ref, c, depth));
        }
    }
    if (!out.empty()) {
        note(dotted);
        return out;
    }
    instance = class_level && instance_name(parts.front(), c);
    return std::nullopt;
}

} // namespace minrole::code
