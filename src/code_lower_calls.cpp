// Calls to IR: the callee as a dotted name, positional and keyword arguments, and what a call
// also tells the evaluator: a list built by push/unshift, membership facts ([..].includes(x)),
// callbacks over a list, and require(...) as an import.
#include "code_lower.hpp"

#include <memory>
#include <string>
#include <string_view>

namespace minrole::code {

// The arguments of a call: positional expressions and keywords.
void Lowerer::arguments(TSNode args, Expr& call) {
    if (ts_node_is_null(args)) {
        return;
    }
    const std::uint32_t n = ts_node_named_child_count(args);
    for (std::uint32_t i = 0; i < n; ++i) {
        TSNode a = ts_node_named_child(args, i);
        Role r = role(a);
        std::string keyword;
        if (r == Role::Argument) {
            TSNode name = field(a, "name");
            if (!ts_node_is_null(name)) {
                keyword = name_of(name);
            }
            // C# `name: value` has a name_colon child; PHP/C# the value is the last named child.
            const std::uint32_t k = ts_node_named_child_count(a);
            if (k == 0) {
                continue;
            }
            TSNode first = ts_node_named_child(a, 0);
            if (std::string_view(ts_node_type(first)) == "name_colon" && ts_node_named_child_count(first) > 0) {
                keyword = name_of(ts_node_named_child(first, 0));
            }
            a = ts_node_named_child(a, k - 1);
            r = role(a);
        }
        if (r == Role::KeywordArg || (dialect_.pairs_are_keywords && r == Role::Pair)) {
            TSNode name = first_field(a, {"name", "key"});
            TSNode value = field(a, "value");
            keyword = ts_node_is_null(name) ? std::string() : name_of(name);
            while (!keyword.empty() && (keyword.back() == ':' || keyword.front() == ':')) {
                keyword.erase(keyword.back() == ':' ? keyword.size() - 1 : 0, 1);
            }
            call.items.push_back(ts_node_is_null(value) ? hole(a) : expr(value));
            call.keys.push_back(keyword);
            continue;
        }
        if (std::string_view(ts_node_type(a)) == "comment") {
            continue;
        }
        call.items.push_back(expr(a));
        call.keys.push_back(keyword);
    }
}

// C# `new T(...) { Method = m, RequestUri = u }`: each member the initializer sets is a keyword
// argument of the construction, as in Python's T(method=m, url=u); collection elements
// (`new List<string> { a, b }`) are positional.
void Lowerer::initializer(TSNode init, Expr& call) {
    if (ts_node_is_null(init) || std::string_view(ts_node_type(init)) != "initializer_expression") {
        return;
    }
    const std::uint32_t n = ts_node_named_child_count(init);
    for (std::uint32_t i = 0; i < n && call.items.size() < 4096; ++i) {
        TSNode c = ts_node_named_child(init, i);
        if (std::string_view(ts_node_type(c)) == "comment") {
            continue;
        }
        TSNode left = field(c, "left");
        TSNode right = field(c, "right");
        if (role(c) == Role::Assignment && !ts_node_is_null(left) && !ts_node_is_null(right) && role(left) == Role::Identifier) {
            call.items.push_back(expr(right));
            call.keys.push_back(name_of(left));
        } else {
            call.items.push_back(expr(c));
            call.keys.emplace_back();
        }
    }
}

ExprPtr Lowerer::call(TSNode node, bool constructor) {
    const std::uint32_t line = line_of(node);
    auto e = std::make_shared<Expr>();
    e->op = Op::Call;
    e->line = line;
    TSNode function = first_field(node, {"function", "constructor", "type"});
    if (!ts_node_is_null(function) && role(function) == Role::Await && ts_node_named_child_count(function) == 1) {
        // TypeScript's grammar reads `await axios.get<Lead[]>(url)` as a call of `await axios.get`
        // (its type arguments bind the call to the await); the callee is what is awaited.
        function = ts_node_named_child(function, 0);
    }
    TSNode object = first_field(node, {"object", "receiver", "scope"});
    TSNode name = first_field(node, {"name", "method"});
    if (!ts_node_is_null(function) && ts_node_is_null(name)) {
        std::string d = dotted(function);
        if (d.empty() && role(function) == Role::Member) {
            // A method on something that is not a name: '/'.join(x), [..].join('/'), f().get()
            TSNode obj = first_field(function, {"object", "operand", "expression"});
            TSNode prop = first_field(function, {"property", "attribute", "field", "name"});
            if (!ts_node_is_null(obj) && !ts_node_is_null(prop)) {
                e->object = expr(obj);
                d = "." + name_of(prop);
            }
        }
        if (d.empty() && role(function) == Role::Identifier) {
            d = name_of(function);
        }
        if (d.empty() && !ts_node_is_null(function)) {
            d = std::string(ts_node_type(function)) == "generic_name" || std::string(ts_node_type(function)) == "generic_type"
                    ? std::string(node_text(ts_node_named_child(function, 0)))
                    : std::string();
        }
        e->text = d;
    } else if (!ts_node_is_null(name)) {
        std::string m = name_of(name);
        if (!ts_node_is_null(object)) {
            std::string d = dotted(object);
            if (d.empty()) {
                e->object = expr(object);
                e->text = "." + m;
            } else {
                e->text = d + "." + m;
            }
        } else {
            e->text = m;
        }
    } else if (constructor) {
        // PHP `new Foo(...)`: the class name is the first named child.
        if (ts_node_named_child_count(node) > 0) {
            e->text = dotted(ts_node_named_child(node, 0));
        }
    }
    if (std::string_view(ts_node_type(node)) == "explicit_constructor_invocation") {
        // Java this(...) / super(...): a call of this class's constructor or of its base class's.
        const TSNode which = field(node, "constructor");
        e->text = enclosing_class(!ts_node_is_null(which) && node_text(which) == "super");
        constructor = !e->text.empty();
    }
    if (constructor) {
        e->text = "new " + e->text;
    }
    ++root_depth_;
    arguments(first_field(node, {"arguments"}), *e);
    if (constructor) {
        initializer(field(node, "initializer"), *e);
    }
    --root_depth_;
    if (constructor) {
        anonymous_class_body(node);
    }
    // Ruby blocks and JS callbacks over a literal list: [..].each { |x| } / [..].forEach(x => ..)
    TSNode block = field(node, "block");
    const std::string_view last = std::string_view(e->text).substr(std::string_view(e->text).rfind('.') + 1);
    const bool iterates = last == "each" || last == "forEach" || last == "map" || last == "flatMap" || last == "flat_map" ||
                          last == "each_with_index" || last == "filter";
    if (!ts_node_is_null(block)) {
        lambda(block, iterates && e->object ? e->object : nullptr, line);
    }
    if (iterates && e->object && !e->items.empty()) {
        (void)0; // the callback was lowered as an argument; its parameter binding is added there
    }
    out_.calls.push_back(CallSite{e, scope_, function_, guards_});
    if (function_ >= 0) {
        out_.functions[static_cast<std::size_t>(function_)].calls.push_back(out_.calls.size() - 1);
    }
    // Mutations that build a list: args.unshift(x), parts.push(x), parts.append(x); and a string
    // builder's text: sb.Append(x) (C#), sb.append(x) (Java), see %append in the evaluator.
    if (last == "unshift" || last == "push" || last == "append" || last == "insert" || last == "concat" || last == "extend" ||
        last == "Append") {
        const std::string target = e->text.substr(0, e->text.rfind('.'));
        if (!target.empty() && target.find('.') == std::string::npos && !e->items.empty()) {
            auto op = make(Op::Call, line, last == "unshift" || last == "insert" ? "%prepend" : "%append");
            auto mutable_op = std::const_pointer_cast<Expr>(op);
            mutable_op->items.push_back(make(Op::Name, line, target));
            mutable_op->items.push_back(e->items.back());
            mutable_op->keys = {"", ""};
            define(target, op, line);
        }
    }
    // Membership facts: [..].includes(x) binds x to the listed values.
    if (last == "includes" && e->object && e->object->op == Op::List && e->items.size() == 1 && e->items[0]->op == Op::Name) {
        auto elements = make(Op::Elements, line);
        std::const_pointer_cast<Expr>(elements)->items.push_back(e->object);
        define(e->items[0]->text, elements, line);
    }
    // require('x') / require "x" is an import.
    if ((e->text == "require" || e->text == "require_once" || e->text == "require_relative") && !e->items.empty() &&
        e->items[0]->op == Op::Str) {
        out_.imports.push_back(e->items[0]->text);
    }
    return e;
}

} // namespace minrole::code
