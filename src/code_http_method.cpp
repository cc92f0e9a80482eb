// The HTTP method a call sends: a method argument or option, an HttpMethod-like constant, the
// callee's name (get, postJson, PostAsync, Net::HTTP::Post.new), or a tunnelled `_method`
// (which wins: it is the operation Marketo executes).
#include "code_evaluator.hpp"
#include "vocabulary.hpp"

#include <string>
#include <vector>

namespace minrole::code {

// The expressions assigned to `n` in the innermost scope (of this file) that assigns it.
std::vector<const Expr*> Evaluator::assigned(const std::string& n, const Context& c) const {
    std::vector<const Expr*> out;
    const FileIR& file = p_.files[c.file];
    const auto it = p_.defs.find(n);
    if (it == p_.defs.end()) {
        return out;
    }
    const Project::Impl::Local* local = p_.local(c.file, n);
    if (local == nullptr) {
        return out;
    }
    for (int s = c.scope; s >= 0 && static_cast<std::size_t>(s) < file.scopes.size(); s = file.scopes[static_cast<std::size_t>(s)].parent) {
        auto [first, last] = local->scope_range(file, s);
        if (last - first > limits_.max_definitions) {
            capped_.insert(n);
            return out; // a name assigned this often holds no one method or tunnel
        }
        for (std::size_t k = first; k < last; ++k) {
            out.push_back(file.definitions[local->defs[k]].value.get());
        }
        if (!out.empty()) {
            return out;
        }
    }
    return out;
}

// A tunnelled method: `_method: 'GET'` anywhere in what the call sends (an options object,
// a variable built with _.extend(...), form data, "?_method=GET" in a body string).
std::string Evaluator::tunnel(const Expr& e, const Context& c, int depth) {
    if (depth > 6) {
        return {};
    }
    switch (e.op) {
    case Op::Dict:
        for (std::size_t i = 0; i < e.items.size(); ++i) {
            if (i < e.keys.size() && e.keys[i] == "_method") {
                const Value v = eval(*e.items[i], c, depth + 1);
                if (v.size() == 1 && v[0].kind == Alt::Kind::Str && !verb(v[0].text).empty()) {
                    return verb(v[0].text);
                }
            } else if (auto m = tunnel(*e.items[i], c, depth + 1); !m.empty()) {
                return m;
            }
        }
        return {};
    case Op::Call:
        if (e.text.find('.') != std::string::npos && e.text.front() != '.') {
            // params.build(), query.toString(): what was put into params
            if (auto m = tunnel_put(e.text.substr(0, e.text.find('.')), c, depth); !m.empty()) {
                return m;
            }
        }
        for (std::size_t i = 0; i < e.items.size(); ++i) {
            if (i < e.keys.size() && e.keys[i] == "_method") {
                const Value v = eval(*e.items[i], c, depth + 1);
                if (v.size() == 1 && v[0].kind == Alt::Kind::Str && !verb(v[0].text).empty()) {
                    return verb(v[0].text);
                }
            }
            if (auto m = tunnel(*e.items[i], c, depth + 1); !m.empty()) {
                return m;
            }
        }
        return {};
    case Op::Name:
        for (const Expr* value : assigned(e.text, c)) {
            if (auto m = tunnel(*value, c, depth + 1); !m.empty()) {
                return m;
            }
        }
        return tunnel_put(e.text, c, depth);
    case Op::Str: {
        const std::size_t at = e.text.find("_method=");
        if (at != std::string::npos && (at == 0 || e.text[at - 1] == '&' || e.text[at - 1] == '?')) {
            return verb(e.text.substr(at + 8, e.text.find('&', at) == std::string::npos ? std::string::npos : e.text.find('&', at) - at - 8));
        }
        return {};
    }
    default:
        return {};
    }
}

// `_method` put into a variable by a call in the same function: params.put("_method", "GET"),
// query.add("_method", "GET"), form.append("_method", "GET").
std::string Evaluator::tunnel_put(const std::string& variable, const Context& c, int depth) {
    const FileIR& file = p_.files[c.file];
    int fn = -1;
    for (int s = c.scope; s >= 0 && fn < 0 && static_cast<std::size_t>(s) < file.scopes.size(); s = file.scopes[static_cast<std::size_t>(s)].parent) {
        fn = p_.function_of_scope[c.file][static_cast<std::size_t>(s)];
    }
    if (fn < 0 || variable.empty()) {
        return {};
    }
    const std::string prefix = variable + ".";
    for (std::size_t k : file.functions[static_cast<std::size_t>(fn)].calls) {
        const Expr& put = *file.calls[k].call;
        if (put.text.size() > prefix.size() && put.text.compare(0, prefix.size(), prefix) == 0 &&
            put.text.find('.', prefix.size()) == std::string::npos && put.items.size() == 2 && put.items[0]->op == Op::Str &&
            put.items[0]->text == "_method") {
            const Value v = eval(*put.items[1], c, depth + 1);
            if (v.size() == 1 && v[0].kind == Alt::Kind::Str && !verb(v[0].text).empty()) {
                return verb(v[0].text);
            }
        }
    }
    return {};
}

// The HTTP method a call sends: an argument or option naming it, the callee's name, or a
// tunnelled _method (which wins: it is what Marketo executes).
std::string Evaluator::method_of(const Expr& e, const Context& c, int depth, std::string& tunnelled) {
    bool from_argument = false;
    return method_of(e, c, depth, tunnelled, from_argument);
}

std::string Evaluator::method_of(const Expr& e, const Context& c, int depth, std::string& tunnelled, bool& from_argument) {
    from_argument = false;
    std::string found;
    for (std::size_t i = 1; i < e.items.size() && tunnelled.empty(); ++i) {
        tunnelled = tunnel(*e.items[i], c, depth + 1); // after the URL: options, body, form data
    }
    for (std::size_t i = 0; i < e.items.size(); ++i) {
        const std::string key = i < e.keys.size() ? vocab::to_lower(e.keys[i]) : std::string();
        const Expr& item = *e.items[i];
        if (key == "_method") {
            const Value v = eval(item, c, depth + 1);
            if (v.size() == 1 && !verb(as_text(v[0])).empty()) {
                tunnelled = verb(as_text(v[0]));
            }
            continue;
        }
        if (item.op == Op::Member) {
            // HttpMethod.Post, http.MethodPost, Method::POST, :post
            const std::string l = last_component(item.text);
            const std::string v = verb(l).empty() ? verb_of_name(l) : verb(l);
            if (!v.empty() && found.empty() && (item.text.find("ethod") != std::string::npos || item.text.find("http") == 0)) {
                found = v;
            }
            continue;
        }
        // A variable or a call that gives one: new HttpRequestMessage(verb, url), { Method = GetHttpMethod() }.
        if (found.empty() && (item.op == Op::Name || item.op == Op::Call) && (key.empty() || key == "method" || key == "verb") &&
            !(found = verb_value(item, c, depth + 1)).empty()) {
            continue;
        }
        if (item.op != Op::Str && item.op != Op::Name && item.op != Op::Dict && item.op != Op::Member && item.op != Op::Index) {
            continue;
        }
        const Value v = eval(item, c, depth + 1);
        for (const Alt& a : v) {
            if (a.kind == Alt::Kind::Str) {
                const std::string m = verb(a.text);
                if (!m.empty() && (key.empty() || key == "method" || key == "type" || key == "verb" || key == "http_method" ||
                                   key == "httpmethod" || key == "request_method")) {
                    if (found.empty() || found == m) {
                        found = m;
                    } else {
                        return {}; // the argument takes several values
                    }
                }
            } else if (a.kind == Alt::Kind::Dict) {
                for (std::size_t k = 0; k < a.keys.size() && k < a.items.size(); ++k) {
                    const std::string dk = vocab::to_lower(a.keys[k]);
                    const std::string m = verb(a.items[k]);
                    if (m.empty()) {
                        continue;
                    }
                    if (dk == "_method") {
                        tunnelled = m;
                    } else if (dk == "method" || dk == "type" || dk == "verb" || dk == "httpmethod" || dk == "http_method") {
                        found = found.empty() ? m : found;
                    }
                }
            }
        }
    }
    if (!found.empty()) {
        from_argument = true;
        return found;
    }
    std::string last = last_component(e.text);
    if (last == "new" && e.text.find('.') != std::string::npos) {
        last = last_component(e.text.substr(0, e.text.rfind('.'))); // Net::HTTP::Post.new(uri)
    }
    if (e.text.rfind("new ", 0) == 0) {
        last = last_component(e.text.substr(4));
    }
    if (last == "del" || last == "destroy") {
        return "DELETE"; // restler, superagent, Faraday-style clients
    }
    if (last == "fetch" && e.items.size() == 1) {
        return "GET"; // the Fetch API's default
    }
    if (last == "get" && mapping_of_get(e, c, depth)) {
        return {}; // a table's get(key, default) reads it: ENDPOINTS.get("leads")
    }
    return verb_of_name(last);
}

} // namespace minrole::code
