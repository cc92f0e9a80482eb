// Project functions applied at their call sites: which functions a call can reach (by name,
// the caller's file first, methods only through a receiver that names their class), binding
// the call's arguments to parameters (keywords, rest parameters, defaults, JS `arguments`), and
// the value of the function's returns under that binding.
#include "code_evaluator.hpp"
#include "vocabulary.hpp"

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

namespace minrole::code {

// The project functions a call may reach: by name, the caller's file first.
std::vector<Project::Impl::FnRef> Evaluator::targets(const Expr& e, const Context& c) const {
    std::vector<Project::Impl::FnRef> out;
    if (e.text.empty() || e.text[0] == '.' || e.text.rfind("new ", 0) == 0) {
        return out;
    }
    const std::string last = last_component(e.text);
    const auto it = p_.functions.find(last);
    if (it == p_.functions.end()) {
        return out;
    }
    // obj.m(...) reaches a method m only when obj names its class (connection.postJson ->
    // Connection), self.m(...) any method, a plain or module-qualified call (util.createPath)
    // plain functions: `_.find(...)` is not Lead.find.
    const std::size_t dot = e.text.rfind('.');
    const std::string receiver = dot == std::string::npos ? std::string() : vocab::to_lower(last_component(e.text.substr(0, dot)));
    bool self_call = e.text.rfind("self.", 0) == 0 && e.text.find('.', 5) == std::string::npos;
    // Go: c.Get(...) inside a method of Client, c being the receiver: a call on the same type.
    std::string caller_owner;
    for (int s = c.scope; s >= 0 && static_cast<std::size_t>(s) < p_.files[c.file].scopes.size();
         s = p_.files[c.file].scopes[static_cast<std::size_t>(s)].parent) {
        const int fn = p_.function_of_scope[c.file][static_cast<std::size_t>(s)];
        if (fn >= 0) {
            caller_owner = p_.files[c.file].functions[static_cast<std::size_t>(fn)].owner;
            break;
        }
    }
    const bool short_receiver = dot != std::string::npos && e.text.find('.') == dot && dot <= 2;
    // Java, C#: m(...) in a method is this.m(...), a method of its class or of one it extends.
    const bool implicit = dot == std::string::npos && implicit_this(c.file) && !caller_owner.empty();
    // client.wait(...) is Client.wait wherever that is defined, before a plain function `wait`
    // of the caller's own file (a sync.wait calling client.wait is not calling itself).
    if (!receiver.empty() && !self_call && !short_receiver) {
        for (const auto& listed : it->second) {
            const auto ref = p_.near(listed, c.file);
            const Function& f = p_.files[ref.file].functions[ref.fn];
            if (!f.owner.empty() && vocab::to_lower(f.owner) == receiver && caller_owner != f.owner) {
                out.push_back(ref);
            }
        }
    }
    for (int pass = 0; pass < 2 && out.empty(); ++pass) {
        for (const auto& listed : it->second) {
            const auto ref = p_.near(listed, c.file);
            const Function& f = p_.files[ref.file].functions[ref.fn];
            const bool reachable = f.owner.empty() || self_call || (short_receiver && !caller_owner.empty() && caller_owner == f.owner) ||
                                   (implicit && p_.is_a(caller_owner, f.owner)) ||
                                   (!receiver.empty() && vocab::to_lower(f.owner) == receiver && caller_owner != f.owner) ||
                                   (!receiver.empty() && receiver.size() > 1 && vocab::to_lower(f.owner).find(receiver) != std::string::npos &&
                                    caller_owner != f.owner);
            if ((pass == 0) == (ref.file == c.file) && reachable) {
                out.push_back(ref);
            }
        }
    }
    if (out.empty() && short_receiver == false && dot != std::string::npos && receiver.size() >= 2 &&
        e.text.find('.') == dot && std::isupper(static_cast<unsigned char>(last.front())) != 0) {
        // (Exported names only: Go and C# methods. args.push(x) is not Lead.push.)
        // req.Get(...) on an interface or a variable of unknown type: the project's only
        // method of that name, if there is exactly one.
        std::vector<Project::Impl::FnRef> methods;
        for (const auto& listed : it->second) {
            const auto ref = p_.near(listed, c.file);
            if (!p_.files[ref.file].functions[ref.fn].owner.empty()) {
                methods.push_back(ref);
            }
        }
        if (methods.size() == 1) {
            out = methods;
        }
    }
    // self.m(...) / this.m(...) in a method of class C (a closure inside it included) is C's own
    // m or that of a class C extends or that extends C, when the project has one; a method of
    // an unrelated class never. In JavaScript, where classes extend one base, no related m
    // means an inherited one from outside the project: a Readable's this.push(null) is not
    // Lead.push. (Python's mixins are bases this does not see, so there any m stays.)
    if (self_call && !out.empty()) {
        std::string enclosing;
        for (int s = c.scope; s >= 0 && static_cast<std::size_t>(s) < p_.files[c.file].scopes.size() && enclosing.empty();
             s = p_.files[c.file].scopes[static_cast<std::size_t>(s)].parent) {
            const int fn = p_.function_of_scope[c.file][static_cast<std::size_t>(s)];
            if (fn >= 0) {
                enclosing = p_.files[c.file].functions[static_cast<std::size_t>(fn)].owner;
            }
        }
        const auto unrelated = [&](const Project::Impl::FnRef& ref) {
            const std::string& owner = p_.files[ref.file].functions[ref.fn].owner;
            return !owner.empty() && !p_.is_a(enclosing, owner) && !p_.is_a(owner, enclosing);
        };
        const std::string& language = p_.files[c.file].language;
        if (!enclosing.empty() && (!std::all_of(out.begin(), out.end(), unrelated) || language == "javascript" || language == "typescript")) {
            out.erase(std::remove_if(out.begin(), out.end(), unrelated), out.end());
        }
    }
    // Overloads (Java, C#): those whose parameters fit the call, when any does.
    const auto fits = [&](const Project::Impl::FnRef& ref) { return arity_fits(p_.files[ref.file].functions[ref.fn], e.items.size()); };
    if (implicit_this(c.file) && std::any_of(out.begin(), out.end(), fits)) {
        out.erase(std::remove_if(out.begin(), out.end(), [&](const Project::Impl::FnRef& ref) { return !fits(ref); }), out.end());
    }
    if (out.size() > 4) {
        out.resize(4); // a name defined everywhere (get, run) is not a path builder to follow
    }
    return out;
}

std::vector<Evaluator::Argument> Evaluator::arguments_of(const Expr& e, const Context& c, int depth) {
    std::vector<Argument> out;
    out.reserve(e.items.size());
    // What each argument read unbound goes with it, not into the caller's value.
    const std::set<FunctionKey> outer = std::move(unbound);
    for (const auto& item : e.items) {
        unbound.clear();
        Value v = eval(*item, c, depth + 1);
        out.push_back(Argument{std::move(v), std::move(unbound)});
    }
    unbound = outer;
    return out;
}

Frame Evaluator::bind(const Expr& e, const Context& c, const Project::Impl::FnRef& ref, int depth, const std::vector<Argument>* evaluated) {
    const Function& f = p_.files[ref.file].functions[ref.fn];
    Frame frame;
    frame.file = ref.file;
    frame.function = static_cast<int>(ref.fn);
    frame.caller = c.frame;
    std::size_t param = 0;
    if (!f.params.empty() && (f.params[0] == "self" || f.params[0] == "cls") && e.text.find('.') != std::string::npos) {
        ++param;
    }
    Alt all;
    all.kind = Alt::Kind::List;
    std::vector<Value> rest_items;
    // What each argument read unbound goes with its parameter, not into the caller's value:
    // only a parameter the function uses passes it on.
    const std::set<FunctionKey> outer = std::move(unbound);
    for (std::size_t i = 0; i < e.items.size(); ++i) {
        const std::string key = i < e.keys.size() ? e.keys[i] : std::string();
        unbound.clear();
        Value v;
        if (evaluated != nullptr && i < evaluated->size()) {
            v = (*evaluated)[i].value;
            unbound = (*evaluated)[i].unbound;
        } else {
            v = eval(*e.items[i], c, depth + 1);
        }
        if (key.empty()) {
            all.items.push_back(v.empty() ? std::string(1, kHole) : as_text(v.front()));
            frame.unbound["arguments"].insert(unbound.begin(), unbound.end());
        }
        std::string into;
        if (!key.empty()) {
            into = key;
            frame.bound[key] = std::move(v);
        } else if (f.rest_param >= 0 && param >= static_cast<std::size_t>(f.rest_param)) {
            into = f.params[static_cast<std::size_t>(f.rest_param)];
            rest_items.push_back(std::move(v));
        } else if (param < f.params.size()) {
            into = f.params[param++];
            frame.bound[into] = std::move(v);
        }
        if (!into.empty()) {
            frame.unbound[into].insert(unbound.begin(), unbound.end());
        }
    }
    unbound = outer;
    if (f.rest_param >= 0 && static_cast<std::size_t>(f.rest_param) < f.params.size()) {
        Alt list;
        list.kind = Alt::Kind::List;
        for (const auto& v : rest_items) {
            list.items.push_back(v.empty() ? std::string(1, kHole) : as_text(v.front()));
        }
        frame.bound[f.params[static_cast<std::size_t>(f.rest_param)]] = Value{list};
    }
    // Defaults for what the call leaves out.
    for (std::size_t i = 0; i < f.params.size(); ++i) {
        if (frame.bound.count(f.params[i]) == 0 && i < f.defaults.size() && f.defaults[i]) {
            frame.bound[f.params[i]] = eval(*f.defaults[i], Context{ref.file, f.scope, nullptr}, depth + 1);
        }
    }
    frame.arguments = Value{all};
    return frame;
}

Value Evaluator::apply_function(const Expr& e, const Context& c, int depth) {
    Value out;
    std::optional<std::vector<Argument>> args; // evaluated once for every target: f(f(f(...))) stays linear
    for (const auto& ref : targets(e, c)) {
        const Function& f = p_.files[ref.file].functions[ref.fn];
        if (f.returns.empty() || on_stack(ref, c.frame) || depth > kMaxEvalDepth - 4) {
            continue;
        }
        if (!args) {
            args = arguments_of(e, c, depth);
        }
        const Frame frame = bind(e, c, ref, depth, &*args);
        applied.emplace(ref.file, static_cast<int>(ref.fn));
        for (std::size_t i = 0; i < f.returns.size(); ++i) {
            if (i < f.return_guards.size() && decide_all(f.return_guards[i], ref.file, f.scope, &frame) == Truth::False) {
                continue; // in a branch the arguments rule out
            }
            add(out, eval(*f.returns[i], Context{ref.file, f.scope, &frame}, depth + 1));
        }
        note(f.qualified + "()");
    }
    return out.empty() ? hole() : out;
}

bool Evaluator::on_stack(const Project::Impl::FnRef& ref, const Frame* frame) {
    for (const Frame* f = frame; f != nullptr; f = f->caller) {
        if (f->file == ref.file && f->function == static_cast<int>(ref.fn)) {
            return true;
        }
    }
    return false;
}

} // namespace minrole::code
