// Functions to IR: a function, method, lambda or block gets its own scope, its parameters (with
// defaults and a rest parameter), its returns and the calls of its body; its owner is the class
// around it or, in Go, its receiver's type.
#include "code_lower.hpp"

#include <memory>
#include <string>
#include <string_view>

namespace minrole::code {

void Lowerer::parameters(TSNode params, Function& f) {
    if (ts_node_is_null(params)) {
        return;
    }
    const Role pr = role(params);
    if (pr == Role::Identifier) {
        f.params.push_back(name_of(params));
        f.defaults.push_back(nullptr);
        return;
    }
    const std::uint32_t n = ts_node_named_child_count(params);
    for (std::uint32_t i = 0; i < n; ++i) {
        TSNode p = ts_node_named_child(params, i);
        const std::string_view type = ts_node_type(p);
        if (type == "comment" || type == "this") {
            continue;
        }
        const bool rest = type.find("rest") != std::string_view::npos || type.find("splat") != std::string_view::npos ||
                          type.find("variadic") != std::string_view::npos || type.find("spread") != std::string_view::npos;
        TSNode name = first_field(p, {"name", "pattern", "left"});
        TSNode value = first_field(p, {"value", "default_value", "right", "default"});
        if (ts_node_is_null(name)) {
            if (role(p) == Role::Identifier) {
                name = p;
            } else {
                for (std::uint32_t k = 0; k < ts_node_named_child_count(p); ++k) {
                    if (role(ts_node_named_child(p, k)) == Role::Identifier) {
                        name = ts_node_named_child(p, k);
                        break;
                    }
                }
            }
        }
        if (ts_node_is_null(name)) {
            f.params.push_back({});
            f.defaults.push_back(nullptr);
            continue;
        }
        if (rest) {
            f.rest_param = static_cast<int>(f.params.size());
        }
        f.params.push_back(name_of(name));
        if (!ts_node_is_null(value)) {
            ++root_depth_;
            f.defaults.push_back(expr(value));
            --root_depth_;
        } else {
            f.defaults.push_back(nullptr);
        }
    }
}

// A function, method or lambda: its own scope, parameters, returns and calls.
int Lowerer::function(TSNode node, std::string name, const std::string& cls) {
    if (name.empty()) {
        TSNode n = field(node, "name");
        name = ts_node_is_null(n) ? std::string() : name_of(n);
    }
    std::string owner = cls;
    if (owner.empty()) {
        for (int s = scope_; s >= 0; s = out_.scopes[static_cast<std::size_t>(s)].parent) {
            if (out_.scopes[static_cast<std::size_t>(s)].kind == Scope::Kind::Class) {
                owner = out_.scopes[static_cast<std::size_t>(s)].name;
                break;
            }
        }
    }
    // Go methods name their receiver's type.
    TSNode receiver = field(node, "receiver");
    if (owner.empty() && !ts_node_is_null(receiver)) {
        std::string_view t = node_text(receiver);
        const std::size_t star = t.find_last_of("* ");
        const std::size_t close = t.rfind(')');
        if (star != std::string_view::npos && close != std::string_view::npos && close > star) {
            owner = std::string(t.substr(star + 1, close - star - 1));
        }
    }
    Function f;
    f.name = name;
    f.owner = owner;
    f.qualified = owner.empty() ? name : owner + "." + name;
    if (name.empty() && function_ >= 0) {
        // A callback: its calls belong to the named function around it.
        f.qualified = out_.functions[static_cast<std::size_t>(function_)].qualified;
    }
    f.line = line_of(node);
    out_.scopes.push_back(Scope{Scope::Kind::Function, name, scope_, {}});
    const int saved_scope = scope_;
    const int saved_function = function_;
    const int saved_conditional = conditional_;
    conditional_ = 0;
    std::vector<Guard> saved_guards = std::move(guards_);
    guards_.clear();
    scope_ = static_cast<int>(out_.scopes.size()) - 1;
    f.scope = scope_;
    parameters(first_field(node, {"parameters", "parameter"}), f);
    if (ts_node_is_null(first_field(node, {"parameters", "parameter"}))) {
        // Ruby blocks: |x|
        for (TSNode c : named_children(node)) {
            if (std::string_view(ts_node_type(c)) == "block_parameters" || std::string_view(ts_node_type(c)) == "lambda_parameters") {
                parameters(c, f);
            }
        }
    }
    out_.functions.push_back(std::move(f));
    function_ = static_cast<int>(out_.functions.size()) - 1;
    function_body(node);
    const int index = function_;
    scope_ = saved_scope;
    function_ = saved_function;
    conditional_ = saved_conditional;
    guards_ = std::move(saved_guards);
    return index;
}

// The body of a function (its statements, or the expression an arrow or a C# `=>` member
// returns), lowered into the current function.
void Lowerer::function_body(TSNode node) {
    TSNode body = field(node, "body");
    if (ts_node_is_null(body) && std::string_view(ts_node_type(node)) == "property_declaration") {
        body = field(node, "value"); // C# `Type Name => expression;`
    }
    if (ts_node_is_null(body)) {
        for (TSNode c : named_children(node)) {
            const std::string_view t = ts_node_type(c);
            if (t == "block_body" || t == "body_statement" || t == "statement_block" || t == "block" || t == "compound_statement") {
                body = c;
            }
        }
    }
    if (!ts_node_is_null(body) && std::string_view(ts_node_type(body)) == "arrow_expression_clause" &&
        ts_node_named_child_count(body) > 0) {
        // C# `=> expression` members: the expression is what they return.
        ++root_depth_;
        // Lowered first: the expression may add functions (a nested lambda) and move this one.
        ExprPtr value = expr(ts_node_named_child(body, 0));
        out_.functions[static_cast<std::size_t>(function_)].returns.push_back(std::move(value));
        out_.functions[static_cast<std::size_t>(function_)].return_guards.emplace_back();
        --root_depth_;
    } else if (!ts_node_is_null(body)) {
        const Role br = role(body);
        const bool expression_body = br != Role::Other && br != Role::Lambda && br != Role::Function &&
                                     std::string_view(ts_node_type(body)) != "block";
        if (expression_body) {
            ++root_depth_;
            // Lowered first: the body may add functions (a nested arrow) and move this one.
            ExprPtr value = expr(body);
            out_.functions[static_cast<std::size_t>(function_)].returns.push_back(std::move(value));
            out_.functions[static_cast<std::size_t>(function_)].return_guards.emplace_back();
            --root_depth_;
        } else {
            statement(body, 0);
        }
    }
}

// A callback or block; `elements` binds its first parameter to a list's values.
void Lowerer::lambda(TSNode node, ExprPtr elements, std::uint32_t line) {
    const int index = function(node, {}, {});
    if (elements) {
        Function& f = out_.functions[static_cast<std::size_t>(index)];
        if (!f.params.empty()) {
            auto e = make(Op::Elements, line);
            std::const_pointer_cast<Expr>(e)->items.push_back(elements);
            out_.definitions.push_back(Definition{f.params.front(), e, f.scope, line, false});
        }
    }
}

} // namespace minrole::code
