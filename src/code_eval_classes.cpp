// Classes and their instances in the evaluator (code_evaluator.hpp): `new Class(args)` of a
// project class is an instance whose fields are what its constructor assigns to `this.x`; a
// method called on a known instance runs with `this` bound (a Java enum constant built from a
// path, read through its getter); a field set from a constructor parameter that no call binds
// takes the arguments the project passes to that constructor (a base URL built in another
// file and handed down through this(...) and super(...)); Java and C# read fields and call
// methods of `this`, and of the classes it extends, by their bare names.
#include "code_evaluator.hpp"

#include <algorithm>
#include <cctype>

namespace minrole::code {

namespace {

// "Client" for "new Client", "new pkg.Client", "new Client<T>".
std::string constructed_class(const std::string& text) {
    std::string cls = text.substr(4);
    cls = cls.substr(0, cls.find('<'));
    return last_component(cls);
}

void set_field(Alt& instance, const std::string& key, const std::string& value) {
    for (std::size_t i = 0; i < instance.keys.size() && i < instance.items.size(); ++i) {
        if (instance.keys[i] == key) {
            instance.items[i] = value;
            return;
        }
    }
    instance.keys.push_back(key);
    instance.items.push_back(value);
}

} // namespace

void Project::Impl::index_calls(std::uint32_t f) {
    const FileIR& file = files[f];
    calls_within[f].assign(file.functions.size(), {});
    for (std::size_t c = 0; c < file.calls.size(); ++c) {
        // Every function whose scope encloses the call's.
        for (int s = file.calls[c].scope; s >= 0 && static_cast<std::size_t>(s) < file.scopes.size();
             s = file.scopes[static_cast<std::size_t>(s)].parent) {
            const int k = function_of_scope[f][static_cast<std::size_t>(s)];
            if (k >= 0) {
                calls_within[f][static_cast<std::size_t>(k)].push_back(c);
            }
        }
        const std::string& text = file.calls[c].call->text;
        if (text.rfind("new ", 0) == 0) {
            const std::string cls = constructed_class(text);
            if (!cls.empty() && listed(f)) {
                constructions[cls].push_back(CallRef{f, static_cast<std::uint32_t>(c)});
            }
        }
    }
    for (const Scope& scope : file.scopes) {
        if (scope.kind == Scope::Kind::Class && !scope.name.empty() && !scope.base.empty() && scope.base != scope.name) {
            base_of.emplace(scope.name, scope.base);
        }
    }
}

bool Project::Impl::is_a(const std::string& cls, const std::string& ancestor) const {
    // Called for every candidate of every implicit-this call: walk the chain by reference, and
    // only hash when the class has a base at all (most classes extend nothing known).
    if (cls == ancestor) {
        return true;
    }
    if (base_of.empty()) {
        return false;
    }
    const std::string* c = &cls;
    for (int guard = 0; guard < 16; ++guard) {
        const auto it = base_of.find(*c);
        if (it == base_of.end()) {
            return false;
        }
        c = &it->second;
        if (*c == ancestor) {
            return true;
        }
    }
    return false;
}

bool Project::Impl::is_constructor(const Function& f) {
    return !f.owner.empty() &&
           (f.name == f.owner || f.name == "__init__" || f.name == "constructor" || f.name == "initialize" || f.name == "__construct");
}

bool Evaluator::arity_fits(const Function& f, std::size_t arguments) {
    std::size_t required = 0;
    for (std::size_t i = 0; i < f.params.size(); ++i) {
        required += (i >= f.defaults.size() || !f.defaults[i]) && static_cast<int>(i) != f.rest_param ? 1 : 0;
    }
    return arguments >= required && (f.rest_param >= 0 || arguments <= f.params.size());
}

bool Evaluator::implicit_this(std::uint32_t file) const {
    const std::string& l = p_.files[file].language;
    return l == "java" || l == "csharp";
}

std::string Evaluator::class_of(std::uint32_t file, int scope) const {
    const auto& scopes = p_.files[file].scopes;
    for (int s = scope; s >= 0 && static_cast<std::size_t>(s) < scopes.size(); s = scopes[static_cast<std::size_t>(s)].parent) {
        const Scope& here = scopes[static_cast<std::size_t>(s)];
        if (here.kind == Scope::Kind::Class && !here.name.empty()) {
            return here.name;
        }
    }
    return {};
}

const Alt* Evaluator::self_of(const Context& c) const {
    for (const Frame* fr = c.frame; fr != nullptr; fr = fr->caller) {
        if (fr->self != nullptr && fr->file == c.file && fr->function >= 0 &&
            within(c.file, c.scope, p_.files[c.file].functions[static_cast<std::size_t>(fr->function)].scope)) {
            return fr->self;
        }
    }
    return nullptr;
}

std::optional<Value> Evaluator::field_of(const Alt* instance, const std::string& key) {
    if (instance == nullptr) {
        return std::nullopt;
    }
    for (std::size_t i = 0; i < instance->keys.size() && i < instance->items.size(); ++i) {
        if (instance->keys[i] == key) {
            return str(instance->items[i]);
        }
    }
    return std::nullopt;
}

std::optional<Value> Evaluator::implicit_field(const std::string& n, const Context& c, int depth) {
    if (!implicit_this(c.file) || n.find('.') != std::string::npos) {
        return std::nullopt;
    }
    if (auto v = field_of(self_of(c), n)) {
        note(n);
        return v;
    }
    const std::string cls = class_of(c.file, c.scope);
    const auto it = p_.defs.find("self." + n);
    if (cls.empty() || it == p_.defs.end()) {
        return std::nullopt;
    }
    Value out;
    for (const auto& listed : it->second) {
        const auto ref = p_.near(listed, c.file);
        const Definition& d = p_.files[ref.file].definitions[ref.def];
        if (p_.is_a(cls, class_of(ref.file, d.scope))) {
            add(out, definition(ref, c, depth));
        }
    }
    if (out.empty()) {
        return std::nullopt;
    }
    note("self." + n);
    return out;
}

Value Evaluator::constructor_argument(std::uint32_t file, int fn, const std::string& name, int depth) {
    const Function& f = p_.files[file].functions[static_cast<std::size_t>(fn)];
    const auto index = static_cast<std::size_t>(std::find(f.params.begin(), f.params.end(), name) - f.params.begin());
    const auto key = std::make_tuple(file, fn, name);
    if (const auto memo = constructor_memo_.find(key); memo != constructor_memo_.end()) {
        return memo->second;
    }
    const auto sites = p_.constructions.find(f.owner);
    if (sites == p_.constructions.end() || depth > kMaxEvalDepth - 4 || !constructor_active_.insert(key).second) {
        return hole();
    }
    Value out;
    // Holes in these arguments are not the caller's parameters: the value reaches the request
    // through a field, not through the calls that would report it (Evaluator::unbound).
    const std::set<FunctionKey> outer = std::move(unbound);
    for (const auto& listed : sites->second) {
        const auto ref = p_.near(listed, file);
        const CallSite& site = p_.files[ref.file].calls[ref.call];
        const Expr& call = *site.call;
        const bool positional = std::all_of(call.keys.begin(), call.keys.end(), [](const std::string& k) { return k.empty(); });
        if (positional && arity_fits(f, call.items.size()) && index < call.items.size()) {
            add(out, eval(*call.items[index], Context{ref.file, site.scope, nullptr}, depth + 1));
        }
    }
    unbound = outer;
    constructor_active_.erase(key);
    if (out.empty()) {
        out = hole();
    }
    if (constructor_active_.empty()) {
        constructor_memo_[key] = out; // not while an enclosing one is open: its holes are partial
    }
    return out;
}

std::optional<Value> Evaluator::instance_call(const Expr& e, const Context& c, int depth) {
    if (e.text.rfind("new ", 0) == 0) {
        return construct(e, c, depth);
    }
    const std::size_t dot = e.text.rfind('.');
    if ((dot == std::string::npos && !e.object) || (!e.object && e.text.substr(0, dot) == "self") || !has_method(last_component(e.text))) {
        return std::nullopt;
    }
    // The receiver is read to find an instance; when there is none, the reading leaves no trace
    // in the evidence or in the holes' origins (the call is then applied as before).
    const std::vector<std::string> saved_via = via;
    const std::vector<std::string> saved_consulted = consulted;
    const std::set<FunctionKey> saved_unbound = unbound;
    Value instances;
    if (e.object) {
        instances = eval(*e.object, c, depth + 1);
    } else {
        const std::string receiver = e.text.substr(0, dot);
        instances = receiver.find('.') == std::string::npos ? name(receiver, c, depth + 1) : member(receiver, c, depth + 1);
    }
    if (std::none_of(instances.begin(), instances.end(), [](const Alt& a) { return !a.type.empty(); })) {
        via = saved_via;
        consulted = saved_consulted;
        unbound = saved_unbound;
        return std::nullopt;
    }
    return apply_method(e, c, depth, instances);
}

bool Evaluator::has_method(const std::string& name) const {
    const auto it = p_.functions.find(name);
    return it != p_.functions.end() && std::any_of(it->second.begin(), it->second.end(), [&](const Project::Impl::FnRef& ref) {
               return !p_.files[ref.file].functions[ref.fn].owner.empty();
           });
}

std::optional<Value> Evaluator::apply_method(const Expr& e, const Context& c, int depth, const Value& instances) {
    const auto it = p_.functions.find(last_component(e.text));
    if (it == p_.functions.end() || depth > kMaxEvalDepth - 4) {
        return std::nullopt;
    }
    bool any = false;
    Value out;
    std::optional<std::vector<Argument>> args; // evaluated once, whatever the number of instances and overloads
    for (const Alt& instance : instances) {
        if (instance.type.empty()) {
            continue;
        }
        for (const auto& listed : it->second) {
            const auto ref = p_.near(listed, c.file);
            const Function& f = p_.files[ref.file].functions[ref.fn];
            if (f.owner.empty() || !p_.is_a(instance.type, f.owner) || !arity_fits(f, e.items.size()) || on_stack(ref, c.frame)) {
                continue;
            }
            any = true;
            if (!args) {
                args = arguments_of(e, c, depth);
            }
            Frame frame = bind(e, c, ref, depth, &*args);
            frame.self = &instance;
            for (const auto& r : f.returns) {
                add(out, eval(*r, Context{ref.file, f.scope, &frame}, depth + 1));
            }
            note(f.qualified + "()");
        }
    }
    if (!any) {
        return std::nullopt;
    }
    return out.empty() ? hole() : out;
}

Value Evaluator::construct(const Expr& e, const Context& c, int depth) {
    const std::string cls = constructed_class(e.text);
    if (cls.empty() || depth > kMaxEvalDepth - 4) {
        return hole();
    }
    const auto base = p_.base_of.find(cls);
    Value out;
    std::optional<std::vector<Argument>> args; // evaluated once for every overload that fits
    for (const std::string& name : {cls, std::string("__init__"), std::string("constructor"), std::string("initialize"),
                                    std::string("__construct")}) {
        const auto it = p_.functions.find(name);
        if (it == p_.functions.end()) {
            continue;
        }
        for (const auto& listed : it->second) {
            const auto ref = p_.near(listed, c.file);
            const FileIR& file = p_.files[ref.file];
            const Function& f = file.functions[ref.fn];
            if (f.owner != cls || !arity_fits(f, e.items.size()) || on_stack(ref, c.frame)) {
                continue;
            }
            if (!args) {
                args = arguments_of(e, c, depth);
            }
            const Frame frame = bind(e, c, ref, depth, &*args);
            Alt instance;
            instance.kind = Alt::Kind::Dict;
            instance.type = cls;
            // this(...) and super(...) run first: the fields the delegated constructor sets.
            for (std::size_t k : p_.calls_within[ref.file][ref.fn]) {
                const CallSite& site = file.calls[k];
                const std::string& callee = site.call->text;
                if (site.function == static_cast<int>(ref.fn) &&
                    (callee == "new " + cls || (base != p_.base_of.end() && callee == "new " + base->second))) {
                    for (const Alt& inner : eval(*site.call, Context{ref.file, site.scope, &frame}, depth + 1)) {
                        for (std::size_t i = 0; i < inner.keys.size() && i < inner.items.size(); ++i) {
                            set_field(instance, inner.keys[i], inner.items[i]);
                        }
                    }
                }
            }
            for (const Definition& d : file.definitions) {
                if (d.name.rfind("self.", 0) != 0 || d.name.find('.', 5) != std::string::npos ||
                    p_.function_of_scope[ref.file][static_cast<std::size_t>(d.scope)] != static_cast<int>(ref.fn)) {
                    continue;
                }
                const Value v = eval(*d.value, Context{ref.file, d.scope, &frame}, depth + 1);
                set_field(instance, d.name.substr(5), v.empty() ? std::string(1, kHole) : as_text(v.front()));
            }
            add(out, Value{instance});
        }
    }
    return out.empty() ? hole() : out;
}

} // namespace minrole::code
