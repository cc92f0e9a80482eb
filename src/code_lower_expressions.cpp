// Expressions to IR: the one dispatch over a node's role, and the operators that build strings
// (+ . & << concatenate, % formats, || ?? or give alternatives). What no case knows is lowered
// for the calls inside it and becomes a Hole.
#include "code_lower.hpp"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace minrole::code {

ExprPtr Lowerer::binary(TSNode node) {
    // The operator: the field, else the anonymous child between the operands.
    auto operator_text = [this](TSNode n) -> std::string_view {
        TSNode op = field(n, "operator");
        if (!ts_node_is_null(op)) {
            return node_text(op);
        }
        const std::uint32_t count = ts_node_child_count(n);
        for (std::uint32_t i = 0; i < count; ++i) {
            TSNode c = ts_node_child(n, i);
            if (!ts_node_is_named(c)) {
                return ts_node_type(c);
            }
        }
        return {};
    };
    auto concatenates = [this](std::string_view o) {
        return o == "+" || (dialect_.dot_concatenates && o == ".") || o == "&" || o == "<<";
    };
    TSNode left = field(node, "left");
    TSNode right = field(node, "right");
    if (ts_node_is_null(left) || ts_node_is_null(right)) {
        return hole(node);
    }
    const std::string_view o = operator_text(node);
    const std::uint32_t line = line_of(node);
    if (concatenates(o)) {
        // a + b + c + ... is a left-deep tree as high as the chain is long (100,000 terms in a
        // hostile file): walk down its left spine here, without recursing per term, so the
        // leading literal survives whatever the length and the stack stays flat.
        std::vector<TSNode> rights{right};
        TSNode leftmost = left;
        while (role(leftmost) == Role::Binary) {
            TSNode l = field(leftmost, "left");
            TSNode r = field(leftmost, "right");
            if (ts_node_is_null(l) || ts_node_is_null(r) || !concatenates(operator_text(leftmost))) {
                break;
            }
            rights.push_back(r);
            leftmost = l;
        }
        auto e = std::make_shared<Expr>();
        e->op = Op::Concat;
        e->line = line;
        auto append = [&e](const ExprPtr& part) {
            if (part->op == Op::Concat) {
                e->items.insert(e->items.end(), part->items.begin(), part->items.end());
            } else {
                e->items.push_back(part);
            }
        };
        append(expr(leftmost));
        for (auto it = rights.rbegin(); it != rights.rend(); ++it) {
            append(expr(*it));
        }
        return e;
    }
    if (o == "%") {
        auto e = std::make_shared<Expr>();
        e->op = Op::Format;
        e->text = "percent";
        e->line = line;
        e->items.push_back(expr(left));
        ExprPtr values = expr(right);
        if (values->op == Op::List) {
            e->items.insert(e->items.end(), values->items.begin(), values->items.end());
        } else {
            e->items.push_back(values);
        }
        return e;
    }
    if (o == "||" || o == "or" || o == "??" || o == "?:") {
        auto e = std::make_shared<Expr>();
        e->op = Op::Either;
        e->line = line;
        e->items = {expr(left), expr(right)};
        return e;
    }
    expr(left);
    expr(right);
    return hole(node);
}

ExprPtr Lowerer::expr(TSNode node) {
    if (ts_node_is_null(node)) {
        return make(Op::Hole, 0);
    }
    DepthGuard guard(depth_);
    if (depth_ > kMaxLowerDepth) {
        return hole(node);
    }
    const std::uint32_t line = line_of(node);
    const Role r = role(node);
    switch (r) {
    case Role::String: {
        ExprPtr s = string_literal(node);
        if (root_depth_ == 0) {
            out_.loose.push_back(Loose{s, scope_, function_});
        }
        return s;
    }
    case Role::Concatenated: {
        auto e = std::make_shared<Expr>();
        e->op = Op::Concat;
        e->line = line;
        ++root_depth_;
        for (TSNode c : named_children(node)) {
            e->items.push_back(expr(c));
        }
        --root_depth_;
        if (root_depth_ == 0) {
            out_.loose.push_back(Loose{e, scope_, function_});
        }
        return e;
    }
    case Role::StringPart:
        return make(Op::Str, line, std::string(node_text(node)));
    case Role::Identifier:
        return make(Op::Name, line, name_of(node));
    case Role::Self:
        return make(Op::Name, line, "self");
    case Role::InstanceVar:
    case Role::Member: {
        std::string d = dotted(node);
        if (!d.empty()) {
            return make(Op::Member, line, d);
        }
        // obj().x or "literal".x: lower the object for its calls, the value is unknown
        TSNode object = first_field(node, {"object", "operand", "expression"});
        if (!ts_node_is_null(object)) {
            expr(object);
        }
        return hole(node);
    }
    case Role::Subscript: {
        TSNode object = first_field(node, {"object", "value", "operand", "expression"});
        TSNode index = first_field(node, {"index", "subscript"});
        if (ts_node_is_null(object) && ts_node_named_child_count(node) >= 2) {
            object = ts_node_named_child(node, 0);
            index = ts_node_named_child(node, 1);
        }
        if (ts_node_is_null(object) || ts_node_is_null(index)) {
            return hole(node);
        }
        if (std::string_view(ts_node_type(index)) == "bracketed_argument_list" && ts_node_named_child_count(index) > 0) {
            index = ts_node_named_child(index, 0);
            if (role(index) == Role::Argument && ts_node_named_child_count(index) > 0) {
                index = ts_node_named_child(index, 0);
            }
        }
        auto e = std::make_shared<Expr>();
        e->op = Op::Index;
        e->line = line;
        ++root_depth_;
        e->items = {expr(object), expr(index)};
        --root_depth_;
        return e;
    }
    case Role::Call: {
        // Ruby `obj.attr` without arguments reads an attribute.
        if (dialect_.bare_calls_read_attributes && ts_node_is_null(field(node, "arguments")) && ts_node_is_null(field(node, "block")) &&
            !ts_node_is_null(field(node, "receiver"))) {
            std::string d = dotted(field(node, "receiver"));
            TSNode m = field(node, "method");
            if (!d.empty() && !ts_node_is_null(m)) {
                const std::string name = name_of(m);
                if (name != "new") {
                    return make(Op::Member, line, d + "." + name);
                }
            }
        }
        return call(node, false);
    }
    case Role::New:
        return call(node, true);
    case Role::Binary:
        return binary(node);
    case Role::Ternary: {
        TSNode a = first_field(node, {"consequence", "body"});
        TSNode b = first_field(node, {"alternative", "alternate"});
        TSNode c = field(node, "condition");
        if (!ts_node_is_null(c)) {
            expr(c);
        }
        if (ts_node_is_null(a) || ts_node_is_null(b)) {
            if (ts_node_named_child_count(node) == 3) {
                // body if condition else alternative (Python)
                a = ts_node_named_child(node, dialect_.body_before_condition ? 0 : 1);
                b = ts_node_named_child(node, 2);
                if (dialect_.body_before_condition) {
                    expr(ts_node_named_child(node, 1));
                }
            } else {
                return hole(node);
            }
        }
        auto e = std::make_shared<Expr>();
        e->op = Op::Either;
        e->line = line;
        e->items = {expr(a), expr(b)};
        return e;
    }
    case Role::List:
        return collection(node, false);
    case Role::Dict:
        return collection(node, true);
    case Role::Paren:
    case Role::Await:
    case Role::Spread:
    case Role::Argument:
        if (ts_node_named_child_count(node) == 0) {
            return hole(node);
        }
        {
            // as_expression / cast: the value is the first (TS) or last (C#) named child
            TSNode value = first_field(node, {"value", "expression"});
            if (ts_node_is_null(value)) {
                value = std::string_view(ts_node_type(node)) == "cast_expression"
                            ? ts_node_named_child(node, ts_node_named_child_count(node) - 1)
                            : ts_node_named_child(node, 0);
            }
            return expr(value);
        }
    case Role::Function:
    case Role::Class:
        statement(node, 0);
        return hole(node);
    case Role::Lambda:
        lambda(node, nullptr, line);
        return hole(node);
    case Role::Number:
        return make(Op::Str, line, std::string(node_text(node)));
    case Role::Null:
        return make(Op::Null, line);
    case Role::Symbol: {
        std::string_view t = node_text(node);
        if (!t.empty() && t.front() == ':') {
            t.remove_prefix(1);
        }
        return make(Op::Str, line, std::string(t));
    }
    case Role::Assignment:
    case Role::AugAssign:
    case Role::Declarator:
        statement(node, 0);
        return hole(node);
    case Role::Comparison:
        comparison(node);
        return hole(node);
    default:
        // Anything else: lower what it contains (calls inside conditions, JSX, ...).
        for (TSNode c : named_children(node, 100000)) {
            statement(c, 0);
        }
        return hole(node);
    }
}

} // namespace minrole::code
