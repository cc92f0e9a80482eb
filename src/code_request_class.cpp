// Request classes: a class that describes one request, its path from one member and its HTTP
// method from another (C# GetRelativeUrl() + GetHttpMethod() overrides, Path + Method
// properties, Java getPath() + getMethod(), Python class attributes path/method). The method
// member may be inherited: a class without one takes its base's, an override wins. The
// sightings give a path such a class's members build the class's method (code_eval.cpp).
#include "code_evaluator.hpp"
#include "vocabulary.hpp"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

namespace minrole::code {

namespace {

// Whether a member's name says it is a request's HTTP method: GetHttpMethod, Method, getMethod,
// http_method, HTTP_METHOD, Verb, RequestMethod.
bool method_member(const std::string& name) {
    std::string n;
    for (char ch : vocab::to_lower(name)) {
        if (ch != '_') {
            n += ch;
        }
    }
    if (n.size() > 3 && n.rfind("get", 0) == 0) {
        n = n.substr(3);
    }
    return n == "method" || n == "httpmethod" || n == "verb" || n == "httpverb" || n == "requestmethod";
}

} // namespace

std::string Evaluator::verb_value(const Expr& e, const Context& c, int depth) {
    if (depth > 6) {
        return {};
    }
    std::string found;
    bool conflict = false;
    auto agree = [&](const std::string& v) {
        if (v.empty() || (!found.empty() && found != v)) {
            conflict = true;
        }
        found = v;
    };
    switch (e.op) {
    case Op::Str:
        return verb(e.text);
    case Op::Member: {
        // HttpMethod.Post, http.MethodPost, Method.POST, HttpVerbs.Get
        const std::string l = last_component(e.text);
        const std::string v = verb(l).empty() ? verb_of_name(l) : verb(l);
        const std::string lower = vocab::to_lower(e.text);
        if (!v.empty() && (lower.find("method") != std::string::npos || lower.rfind("http", 0) == 0 || lower.find("verb") != std::string::npos)) {
            return v;
        }
        break;
    }
    case Op::Name:
        for (const Expr* value : assigned(e.text, c)) {
            agree(verb_value(*value, c, depth + 1));
        }
        if (!found.empty()) {
            return conflict ? std::string() : found;
        }
        break;
    case Op::Either:
        for (const auto& item : e.items) {
            agree(verb_value(*item, c, depth + 1));
        }
        return conflict ? std::string() : found;
    case Op::Call: {
        if ((e.text == "new HttpMethod" || e.text == "new System.Net.Http.HttpMethod") && e.items.size() == 1) {
            return verb_value(*e.items[0], c, depth + 1);
        }
        for (const auto& ref : targets(e, c)) {
            const Function& f = p_.files[ref.file].functions[ref.fn];
            for (const auto& r : f.returns) {
                agree(verb_value(*r, Context{ref.file, f.scope, nullptr}, depth + 1));
            }
        }
        return conflict ? std::string() : found;
    }
    default:
        break;
    }
    // (Evaluated from depth 0: a definition's value cut short by a deep start would be memoised.)
    for (const Alt& a : eval(e, c, 0)) {
        agree(a.kind == Alt::Kind::Str ? verb(a.text) : std::string());
    }
    return conflict ? std::string() : found;
}

std::pair<std::string, std::string> Evaluator::request_method_at(std::uint32_t file, int scope, const std::vector<std::string>& via) {
    if (std::any_of(via.begin(), via.end(), [](const std::string& n) { return n.rfind("self.", 0) == 0; })) {
        return {};
    }
    const auto& scopes = p_.files[file].scopes;
    for (int s = scope; s >= 0 && static_cast<std::size_t>(s) < scopes.size(); s = scopes[static_cast<std::size_t>(s)].parent) {
        if (scopes[static_cast<std::size_t>(s)].kind == Scope::Kind::Class) {
            return request_method(file, s, 0);
        }
    }
    return {};
}

std::pair<std::string, std::string> Evaluator::request_method(std::uint32_t file, int scope, int depth) {
    const auto key = std::make_pair(file, scope);
    if (const auto it = class_method_.find(key); it != class_method_.end()) {
        return it->second;
    }
    if (depth > 8) {
        return {};
    }
    class_method_[key] = {}; // a cycle of base classes ends here
    const FileIR& f = p_.files[file];
    std::pair<std::string, std::string> result;
    bool conflict = false;
    auto consider = [&](const std::string& v, const std::string& who) {
        if (!result.first.empty() && result.first != v) {
            conflict = true;
        }
        result = {v, who};
    };
    // Its own members: methods and properties declared in its body, class-level definitions.
    for (const Function& fn : f.functions) {
        if (fn.scope < 0 || f.scopes[static_cast<std::size_t>(fn.scope)].parent != scope || !method_member(fn.name)) {
            continue;
        }
        for (const auto& r : fn.returns) {
            if (const std::string v = verb_value(*r, Context{file, fn.scope, nullptr}, 0); !v.empty()) {
                consider(v, fn.qualified + "()");
            }
        }
    }
    for (const Definition& d : f.definitions) {
        if (d.scope == scope && method_member(d.name)) {
            if (const std::string v = verb_value(*d.value, Context{file, scope, nullptr}, 0); !v.empty()) {
                consider(v, f.scopes[static_cast<std::size_t>(scope)].name + "." + d.name);
            }
        }
    }
    // Else what its base class sends, the one in its own file first.
    const std::string& base = f.scopes[static_cast<std::size_t>(scope)].base;
    for (int pass = 0; pass < 2 && result.first.empty() && !base.empty(); ++pass) {
        for (std::uint32_t g = 0; g < p_.files.size(); ++g) {
            if ((pass == 0) != (g == file)) {
                continue;
            }
            const auto& scopes = p_.files[g].scopes;
            for (std::size_t k = 0; k < scopes.size(); ++k) {
                if (scopes[k].kind == Scope::Kind::Class && scopes[k].name == base) {
                    const auto inherited = request_method(g, static_cast<int>(k), depth + 1);
                    if (!inherited.first.empty()) {
                        consider(inherited.first, inherited.second);
                    }
                }
            }
        }
    }
    if (conflict) {
        result = {};
    }
    class_method_[key] = result;
    return result;
}

} // namespace minrole::code
