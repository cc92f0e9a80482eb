// Evaluating an expression to a value: literals, concatenation, indexing, lists and dicts,
// formats, loop elements and alternatives; and the names it reads, resolved innermost scope
// first, flow-sensitively within a scope, then across the project (constants, config objects,
// class attributes, fields set in object literals).
#include "code_evaluator.hpp"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <string>

namespace minrole::code {

Value Evaluator::eval(const Expr& e, const Context& c, int depth) {
    if (depth > kMaxEvalDepth || !spend()) {
        return hole();
    }
    switch (e.op) {
    case Op::Str:
        return str(e.text.size() > kMaxText ? std::string(1, kHole) : e.text);
    case Op::Hole:
        return hole();
    case Op::Name:
        return name(e.text, c, depth, e.line);
    case Op::Member:
        return member(e.text, c, depth, e.line);
    case Op::Concat: {
        // Text joined; lists joined into one list ([a, b] + list(parts), [...a, ...b]): a list
        // with a value it cannot follow gets a hole for it, so what is known stays.
        Value acc = str({});
        bool first = true;
        for (const auto& item : e.items) {
            const Value part = eval(*item, c, depth + 1);
            Value next;
            for (const Alt& a : acc) {
                for (const Alt& b : part) {
                    const bool a_list = a.kind == Alt::Kind::List;
                    const bool b_list = b.kind == Alt::Kind::List;
                    if (first && b_list) {
                        add(next, Value{b});
                    } else if (a_list && (b_list || only_holes(as_text(b)))) {
                        Alt n = a;
                        if (b_list) {
                            n.items.insert(n.items.end(), b.items.begin(), b.items.end());
                        } else {
                            n.items.push_back(std::string(1, kHole));
                        }
                        add(next, Value{std::move(n)});
                    } else if (b_list && a.kind == Alt::Kind::Str && !a.text.empty() && only_holes(a.text)) {
                        Alt n = b;
                        n.items.insert(n.items.begin(), std::string(1, kHole));
                        add(next, Value{std::move(n)});
                    } else {
                        std::string t = as_text(a) + as_text(b);
                        if (t.size() > kMaxText) {
                            t.resize(kMaxText);
                        }
                        add(next, str(std::move(t)));
                    }
                }
            }
            acc = std::move(next);
            first = false;
        }
        return acc;
    }
    case Op::Call:
        return call(e, c, depth);
    case Op::Null:
        return null_value();
    case Op::Index: {
        if (e.items.size() != 2) {
            return hole();
        }
        if ((e.items[0]->op == Op::Name || e.items[0]->op == Op::Member) && e.items[1]->op == Op::Str) {
            // stream["tap_stream_id"]: a definition or fact about that field first
            const Value fact = name(e.items[0]->text + "." + e.items[1]->text, c, depth + 1, e.line);
            if (!unknown(fact)) {
                return fact;
            }
        }
        if (e.items[0]->op == Op::Index && depth < kMaxEvalDepth - 4) {
            // table[state]['method']: the inner lookup's literal, whose values are dicts too.
            std::vector<const Expr*> dicts;
            dict_literals(*e.items[0], c, depth + 1, dicts);
            if (!dicts.empty()) {
                const Value key = eval(*e.items[1], c, depth + 1);
                Value out;
                for (const Expr* d : dicts) {
                    for (std::size_t i = 0; i < d->items.size() && i < d->keys.size(); ++i) {
                        if (std::any_of(key.begin(), key.end(), [&](const Alt& k) { return k.kind == Alt::Kind::Str && k.text == d->keys[i]; })) {
                            add(out, eval(*d->items[i], c, depth + 1));
                        }
                    }
                }
                if (!out.empty()) {
                    return out;
                }
            }
        }
        const Value object = eval(*e.items[0], c, depth + 1);
        const Value key = eval(*e.items[1], c, depth + 1);
        Value out;
        for (const Alt& o : object) {
            if (o.kind == Alt::Kind::Str) {
                add(out, hole());
                continue;
            }
            bool found = false;
            for (const Alt& k : key) {
                for (std::size_t i = 0; i < o.items.size(); ++i) {
                    const bool hit = o.kind == Alt::Kind::Dict ? (i < o.keys.size() && o.keys[i] == k.text)
                                                               : (k.text == std::to_string(i));
                    if (hit) {
                        add(out, str(o.items[i]));
                        found = true;
                    }
                }
            }
            if (!found) {
                for (const auto& item : o.items) {
                    add(out, str(item));
                }
            }
        }
        return out.empty() ? hole() : out;
    }
    case Op::List:
    case Op::Dict: {
        Alt base;
        base.kind = e.op == Op::List ? Alt::Kind::List : Alt::Kind::Dict;
        Value acc{base};
        for (std::size_t i = 0; i < e.items.size() && i < 256; ++i) {
            const Value v = eval(*e.items[i], c, depth + 1);
            Value next;
            for (const Alt& a : acc) {
                for (const Alt& b : v) {
                    Alt n = a;
                    n.items.push_back(as_text(b));
                    if (base.kind == Alt::Kind::Dict) {
                        n.keys.push_back(i < e.keys.size() ? e.keys[i] : std::string());
                    }
                    if (next.size() < kMaxAlternatives) {
                        next.push_back(std::move(n));
                    }
                }
            }
            acc = std::move(next);
        }
        return acc;
    }
    case Op::Format: {
        if (e.items.empty()) {
            return hole();
        }
        const Value fmt = eval(*e.items[0], c, depth + 1);
        std::vector<Value> args;
        for (std::size_t i = 1; i < e.items.size(); ++i) {
            args.push_back(eval(*e.items[i], c, depth + 1));
        }
        return apply_format(fmt, args, {}, true);
    }
    case Op::Elements: {
        if (e.items.empty()) {
            return hole();
        }
        Value out;
        for (const Alt& a : eval(*e.items[0], c, depth + 1)) {
            if (a.kind == Alt::Kind::Str) {
                add(out, str(a.text));
            } else {
                for (const auto& item : a.kind == Alt::Kind::Dict ? a.keys : a.items) {
                    add(out, str(item));
                }
            }
        }
        return out.empty() ? hole() : out;
    }
    case Op::Either: {
        Value out;
        for (const auto& item : e.items) {
            add(out, eval(*item, c, depth + 1));
        }
        return out;
    }
    }
    return hole();
}

bool Evaluator::within(std::uint32_t file, int scope, int ancestor) const {
    const auto& scopes = p_.files[file].scopes;
    for (int s = scope; s >= 0 && static_cast<std::size_t>(s) < scopes.size(); s = scopes[static_cast<std::size_t>(s)].parent) {
        if (s == ancestor) {
            return true;
        }
    }
    return false;
}

Value Evaluator::definition(const Project::Impl::DefRef& ref, const Context& c, int depth) {
    const FileIR& file = p_.files[ref.file];
    const Definition& d = file.definitions[ref.def];
    const auto key = std::make_pair(ref.file, ref.def);
    if (active_.count(key) != 0) {
        return {}; // a definition that refers to itself (url = url + x): its other values
    }
    // Inside the frame's function the value depends on the bound parameters: no memo.
    const bool framed = c.frame != nullptr && c.frame->function >= 0 && c.frame->file == ref.file &&
                        within(ref.file, d.scope, p_.files[ref.file].functions[static_cast<std::size_t>(c.frame->function)].scope);
    if (!framed) {
        const auto it = memo_.find(key);
        if (it != memo_.end()) {
            unbound.insert(it->second.unbound.begin(), it->second.unbound.end());
            return it->second.value;
        }
    }
    active_.insert(key);
    std::set<FunctionKey> outer = std::move(unbound);
    unbound.clear();
    Value v = eval(*d.value, Context{ref.file, d.scope, framed ? c.frame : nullptr}, depth + 1);
    active_.erase(key);
    if (!framed && active_.empty()) {
        memo_[key] = Memo{v, unbound};
    }
    unbound.insert(outer.begin(), outer.end());
    return v;
}

// The parameter `name` of the function owning `scope`, if it is one: its bound value, or a hole.
std::optional<Value> Evaluator::parameter(const std::string& name, std::uint32_t file, int scope, const Frame* frame, int depth) {
    const int fn = p_.function_of_scope[file][static_cast<std::size_t>(scope)];
    if (fn < 0) {
        return std::nullopt;
    }
    const Function& f = p_.files[file].functions[static_cast<std::size_t>(fn)];
    const bool is_param = std::find(f.params.begin(), f.params.end(), name) != f.params.end();
    const bool is_arguments = name == "arguments";
    if (!is_param && !is_arguments) {
        return std::nullopt;
    }
    for (const Frame* fr = frame; fr != nullptr; fr = fr->caller) {
        if (fr->file == file && fr->function == fn) {
            if (const auto from = fr->unbound.find(name); from != fr->unbound.end()) {
                unbound.insert(from->second.begin(), from->second.end());
            }
            if (is_arguments) {
                return fr->arguments;
            }
            const auto it = fr->bound.find(name);
            return it == fr->bound.end() ? hole() : it->second;
        }
    }
    if (is_param && Project::Impl::is_constructor(f) && !active_.empty()) {
        // Read through a definition (a field set from it, read by a method), not in the
        // constructor's own body: the arguments the project constructs the class with.
        Value v = constructor_argument(file, fn, name, depth);
        if (!(v.size() == 1 && v[0].kind == Alt::Kind::Str && only_holes(v[0].text))) {
            return v; // its holes are the constructing code's, reported nowhere else
        }
    }
    if (name != "self" && name != "cls") {
        unbound.emplace(file, fn); // no call binds it here: the hole stands for what callers pass
    }
    return hole();
}

// A name's value at a use on line `line` (0: anywhere), from the innermost scope that assigns
// it. Within a scope, assignments before the use count from the last one that always runs
// (x = ...; if (...) x += "/a"; x += ".json" is two values, not every combination); an
// assignment in a branch or loop adds its value to what came before.
Value Evaluator::name(const std::string& n, const Context& c, int depth, std::uint32_t line) {
    const FileIR& file = p_.files[c.file];
    const auto it = p_.defs.find(n);
    for (int s = c.scope; s >= 0 && static_cast<std::size_t>(s) < file.scopes.size(); s = file.scopes[static_cast<std::size_t>(s)].parent) {
        Value out;
        Value listed; // what `x in [...]` / `for x in [...]` say x takes
        bool found = false;
        bool enumerated = false;
        // `if entity == 'customobjects': entity = ...` with entity bound to 'customobjects': the
        // branch runs, so the argument is no longer the name's value.
        bool overwritten = false;
        if (it != p_.defs.end()) {
            for (const auto& ref : reaching(n, c, s, line, &overwritten)) {
                found = true;
                // `if x is None: x = ...` (or `if not x:`): past it, x is not null any more.
                const auto& guards = file.definitions[ref.def].guards;
                if (std::any_of(guards.begin(), guards.end(), [&](const Guard& g) {
                        return g.subject == n && (g.test == Guard::Test::IsNull || g.test == Guard::Test::Falsy);
                    })) {
                    out.erase(std::remove_if(out.begin(), out.end(), [](const Alt& a) { return a.kind == Alt::Kind::Null; }), out.end());
                }
                const Definition& d = file.definitions[ref.def];
                add(d.value->op == Op::Elements ? listed : out, definition(ref, c, depth));
                enumerated = enumerated || (d.value->op == Op::Elements && !d.conditional);
            }
        }
        // A parameter no call binds is a hole, unless the scope lists the values it takes (a
        // block over a literal list, `assert entity in (...)`): the list is all it can be. One
        // a call binds is what the call passed: _create_bulk_export_job('activities') with
        // `if entity in ['leads', 'program/members']:` in it is not exporting leads.
        const auto param = overwritten ? std::nullopt : parameter(n, c.file, s, c.frame, depth);
        if (!param || *param == hole()) {
            add(out, listed);
        }
        if (param && !(enumerated && *param == hole())) {
            add(out, *param);
            found = true;
        }
        if (found) {
            note(n);
            return out.empty() ? hole() : out;
        }
    }
    if (auto field = implicit_field(n, c, depth)) {
        return *field;
    }
    return global(n, c, depth);
}

void Evaluator::dict_literals(const Expr& e, const Context& c, int depth, std::vector<const Expr*>& out) {
    if (out.size() >= 64 || depth >= kMaxEvalDepth - 4) {
        return;
    }
    if (e.op == Op::Dict) {
        out.push_back(&e);
    } else if (e.op == Op::Name && p_.defs.count(e.text) != 0) {
        const FileIR& file = p_.files[c.file];
        for (int s = c.scope; s >= 0 && static_cast<std::size_t>(s) < file.scopes.size(); s = file.scopes[static_cast<std::size_t>(s)].parent) {
            const auto refs = reaching(e.text, c, s, e.line);
            for (const auto& ref : refs) {
                if (file.definitions[ref.def].value->op == Op::Dict) {
                    out.push_back(file.definitions[ref.def].value.get());
                }
            }
            if (!refs.empty() || p_.function_of_scope[c.file][static_cast<std::size_t>(s)] >= 0) {
                return; // a function's own name, or one it does not assign
            }
        }
    } else if (e.op == Op::Index && e.items.size() == 2) {
        std::vector<const Expr*> parents;
        dict_literals(*e.items[0], c, depth + 1, parents);
        if (parents.empty()) {
            return;
        }
        const Value key = eval(*e.items[1], c, depth + 1);
        for (const Expr* d : parents) {
            for (std::size_t i = 0; i < d->items.size() && i < d->keys.size(); ++i) {
                const bool hit = std::any_of(key.begin(), key.end(), [&](const Alt& k) {
                    return k.kind == Alt::Kind::Str && (k.text == d->keys[i] || is_hole_text(k.text));
                });
                if (hit) {
                    dict_literals(*d->items[i], c, depth + 1, out);
                }
            }
        }
    }
}

std::vector<Project::Impl::DefRef> Evaluator::reaching(const std::string& n, const Context& c, int s, std::uint32_t line,
                                                       bool* overwritten) {
    const FileIR& file = p_.files[c.file];
    const Project::Impl::Local* local = p_.local(c.file, n);
    if (local == nullptr) {
        return {};
    }
    auto [first, last] = local->scope_range(file, s);
    // Whether definition `d` may reach the use (not being evaluated already, and in no branch the
    // call's arguments rule out), and whether it runs whenever the use does.
    // `runs`: 1 unconditionally, 2 in a branch whose guards the call's arguments decide true.
    auto usable = [&](std::uint32_t d, char& runs) {
        const Definition& def = file.definitions[d];
        if (active_.count({c.file, d}) != 0) {
            return false;
        }
        const Truth t = decide_all(def.guards, c.file, def.scope, c.frame);
        runs = static_cast<char>(!def.conditional ? 1 : def.only_guards && t == Truth::True ? 2 : 0);
        return t != Truth::False;
    };
    if (overwritten != nullptr) {
        *overwritten = false;
    }
    if (line != 0 && local->lines_ordered) {
        // The definitions before the use, back to the last one that always runs: read backwards
        // from the use, so a name defined thousands of times costs what the use reads.
        std::size_t k = static_cast<std::size_t>(
            std::partition_point(local->defs.begin() + static_cast<std::ptrdiff_t>(first), local->defs.begin() + static_cast<std::ptrdiff_t>(last),
                                 [&](std::uint32_t d) { return file.definitions[d].line < line; }) -
            local->defs.begin());
        std::vector<Project::Impl::DefRef> before;
        std::size_t looked = 0;
        while (k > first && spend()) {
            if (++looked > limits_.max_definitions) {
                capped_.insert(n);
                break;
            }
            --k;
            char runs = 0;
            if (usable(local->defs[k], runs)) {
                before.push_back(Project::Impl::DefRef{c.file, local->defs[k]});
                if (runs != 0) {
                    if (overwritten != nullptr) {
                        *overwritten = runs == 2;
                    }
                    break;
                }
            }
        }
        if (!before.empty()) {
            std::reverse(before.begin(), before.end());
            return before;
        }
    }
    // None before the use (or lines out of order): every definition of the scope, the last
    // max_definitions of them at most.
    if (last - first > limits_.max_definitions) {
        first = last - limits_.max_definitions;
        capped_.insert(n);
    }
    std::vector<Project::Impl::DefRef> here;
    // Per definition of `here`: whether it runs whenever the use does, unconditionally (1) or in
    // a branch whose guards the call's arguments decide true (2).
    std::vector<char> runs;
    for (std::size_t k = first; k < last && spend(); ++k) {
        char always = 0;
        if (usable(local->defs[k], always)) {
            here.push_back(Project::Impl::DefRef{c.file, local->defs[k]});
            runs.push_back(always);
        }
    }
    std::vector<Project::Impl::DefRef> before;
    std::size_t from = 0;
    bool decided = false;
    for (std::size_t k = 0; k < here.size(); ++k) {
        if (line != 0 && file.definitions[here[k].def].line < line) {
            if (runs[k] != 0) {
                from = before.size();
                decided = runs[k] == 2;
            }
            before.push_back(here[k]);
        }
    }
    if (overwritten != nullptr) {
        *overwritten = decided;
    }
    if (before.empty()) {
        return here;
    }
    return {before.begin() + static_cast<std::ptrdiff_t>(from), before.end()};
}

// Module- and class-level definitions of `n` anywhere in the project.
Value Evaluator::global(const std::string& n, const Context& c, int depth, bool modules_only) {
    const auto it = p_.defs.find(n);
    if (it == p_.defs.end()) {
        return hole();
    }
    Value out;
    for (const auto& listed : it->second) {
        if (!spend()) {
            break;
        }
        const auto ref = p_.near(listed, c.file);
        const FileIR& file = p_.files[ref.file];
        const Definition& d = file.definitions[ref.def];
        if (p_.function_of_scope[ref.file][static_cast<std::size_t>(d.scope)] >= 0) {
            continue; // a function's local
        }
        if (modules_only && file.scopes[static_cast<std::size_t>(d.scope)].kind == Scope::Kind::Class) {
            continue;
        }
        add(out, definition(ref, c, depth));
    }
    if (!out.empty()) {
        note(n);
    }
    return out.empty() ? hole() : out;
}

Value Evaluator::member(const std::string& dotted, const Context& c, int depth, std::uint32_t line) {
    if (dotted.rfind("self.", 0) == 0) {
        const std::string attribute = dotted.substr(5);
        if (auto v = field_of(self_of(c), attribute)) {
            note(dotted);
            return *v; // the instance the method was called on
        }
        Value out;
        // self.x = ... in any method, x = ... in a class body: this file first, then anywhere
        // (a base class elsewhere).
        for (int pass = 0; pass < 2 && out.empty(); ++pass) {
            for (const std::string& key : {dotted, attribute}) {
                const auto it = p_.defs.find(key);
                if (it == p_.defs.end()) {
                    continue;
                }
                for (const auto& listed : it->second) {
                    const auto ref = p_.near(listed, c.file);
                    const FileIR& file = p_.files[ref.file];
                    const Definition& d = file.definitions[ref.def];
                    const bool same_file = ref.file == c.file;
                    if ((pass == 0) != same_file) {
                        continue;
                    }
                    const bool class_level = file.scopes[static_cast<std::size_t>(d.scope)].kind == Scope::Kind::Class;
                    if (key == dotted || class_level) {
                        add(out, definition(ref, c, depth));
                    }
                }
            }
        }
        if (!out.empty()) {
            note(dotted);
            return out;
        }
        return hole();
    }
    // a.b.c: the whole name in scope, then shorter and shorter suffixes across the project
    // (config.api.version is module.exports.api.version of the config module).
    Value v = name(dotted, c, depth, line);
    if (!unknown(v)) {
        return v;
    }
    // Class.CONST, Outer.Inner.CONST: the constant of the class the name spells out.
    bool instance = false;
    if (auto q = qualified(dotted, c, depth, instance)) {
        return *q;
    }
    std::size_t dot = dotted.find('.');
    while (dot != std::string::npos) {
        const std::string suffix = dotted.substr(dot + 1);
        Value s = global(suffix, c, depth, instance);
        if (!unknown(s)) {
            return s;
        }
        dot = dotted.find('.', dot + 1);
    }
    return field(last_component(dotted), c, depth);
}

// obj.x where only an object or struct literal sets x ({x: ...}, &T{x: ...}): those values,
// this file first.
Value Evaluator::field(const std::string& key, const Context& c, int depth) {
#ifdef MINROLE_DEBUG_SCAN
    std::fprintf(stderr, "field %s\n", key.c_str());
#endif
    const auto it = p_.defs.find("." + key);
    if (it == p_.defs.end()) {
        return hole();
    }
    Value out;
    for (int pass = 0; pass < 2 && out.empty(); ++pass) {
        for (const auto& listed : it->second) {
            const auto ref = p_.near(listed, c.file);
            if ((pass == 0) == (ref.file == c.file)) {
                add(out, definition(ref, c, depth));
            }
        }
    }
    return out.empty() ? hole() : out;
}

void Evaluator::note(const std::string& n) {
    if (via.size() < 4 && std::find(via.begin(), via.end(), n) == via.end()) {
        via.push_back(n);
    }
    if (consulted.size() < 64 && std::find(consulted.begin(), consulted.end(), n) == consulted.end()) {
        consulted.push_back(n);
    }
}

} // namespace minrole::code
