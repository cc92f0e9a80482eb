// Branches whose condition evaluation can decide: `if job is not None:`, `if (job === undefined)`,
// `unless job`, `if not job:`, `if kind == "leads":`. What a branch assigns, returns and calls
// carries its guards (code_ir.hpp's Guard), so a call that binds `job` decides which branch runs
// (Evaluator::decide). Conditions of any other shape keep today's meaning: the branch may run.
#include "code_lower.hpp"

#include <string_view>
#include <utility>

namespace minrole::code {

namespace {

Guard negated(Guard g) {
    using T = Guard::Test;
    switch (g.test) {
    case T::IsNull: g.test = T::NotNull; break;
    case T::NotNull: g.test = T::IsNull; break;
    case T::Truthy: g.test = T::Falsy; break;
    case T::Falsy: g.test = T::Truthy; break;
    case T::Equals: g.test = T::NotEquals; break;
    case T::NotEquals: g.test = T::Equals; break;
    }
    return g;
}

} // namespace

// Its "operator"/"operators" field, or else its first anonymous child (Python's "is not" is one token).
std::string_view Lowerer::operator_of(TSNode node) const {
    TSNode op = first_field(node, {"operator", "operators"});
    if (!ts_node_is_null(op)) {
        return ts_node_type(op);
    }
    for (std::uint32_t i = 0; i < ts_node_child_count(node); ++i) {
        TSNode c = ts_node_child(node, i);
        if (!ts_node_is_named(c)) {
            return ts_node_type(c);
        }
    }
    return {};
}

// Only plain names are subjects: a parameter is what a call binds.
std::optional<Guard> Lowerer::guard_of(TSNode cond) {
    DepthGuard guard(depth_); // ((((x)))) and not not not x nest as deep as a file likes
    if (ts_node_is_null(cond) || depth_ > kMaxLowerDepth) {
        return std::nullopt;
    }
    const Role r = role(cond);
    const std::string_view type = ts_node_type(cond);
    if (r == Role::Paren || type == "condition_clause") {
        return ts_node_named_child_count(cond) == 1 ? guard_of(ts_node_named_child(cond, 0)) : std::nullopt;
    }
    if (r == Role::Identifier) {
        return Guard{Guard::Test::Truthy, name_of(cond)};
    }
    if (type == "not_operator" || type == "unary_expression" || type == "unary" || type == "prefix_unary_expression" ||
        type == "unary_op_expression") {
        const std::string_view op = operator_of(cond);
        if ((op == "not" || op == "!") && ts_node_named_child_count(cond) == 1) {
            if (auto g = guard_of(ts_node_named_child(cond, 0))) {
                return negated(*g);
            }
        }
        return std::nullopt;
    }
    if ((r != Role::Comparison && r != Role::Binary) || ts_node_named_child_count(cond) != 2) {
        return std::nullopt;
    }
    const std::string_view op = operator_of(cond);
    const bool equal = op == "is" || op == "==" || op == "===";
    const bool differ = op == "is not" || op == "!=" || op == "!==";
    if (!equal && !differ) {
        return std::nullopt;
    }
    TSNode subject = ts_node_named_child(cond, 0);
    TSNode other = ts_node_named_child(cond, 1);
    if (role(subject) != Role::Identifier) {
        std::swap(subject, other); // null == x
    }
    if (role(subject) != Role::Identifier) {
        return std::nullopt;
    }
    Guard g{equal ? Guard::Test::IsNull : Guard::Test::NotNull, name_of(subject)};
    if (role(other) == Role::Null) {
        return g;
    }
    if (role(other) == Role::String || role(other) == Role::Number) {
        const ExprPtr literal = role(other) == Role::String ? string_literal(other) : make(Op::Str, 0, std::string(node_text(other)));
        if (literal->op == Op::Str) {
            g.test = equal ? Guard::Test::Equals : Guard::Test::NotEquals;
            g.literal = literal->text;
            return g;
        }
    }
    return std::nullopt;
}

bool Lowerer::branches(TSNode node, std::string_view type) {
    const bool unless = type == "unless" || type == "unless_modifier";
    if (type != "if_statement" && type != "elif_clause" && type != "if" && type != "elsif" && type != "else_if_clause" &&
        type != "if_modifier" && !unless) {
        return false;
    }
    const TSNode condition = field(node, "condition");
    if (ts_node_is_null(condition)) {
        return false;
    }
    std::optional<Guard> guard = guard_of(condition);
    if (guard && unless) {
        guard = negated(*guard);
    }
    const TSNode alternative = field(node, "alternative");
    const TSNode initializer = field(node, "initializer"); // Go: if x := f(); x != nil
    ++conditional_;
    for (std::uint32_t i = 0; i < ts_node_named_child_count(node); ++i) {
        const TSNode c = ts_node_named_child(node, i);
        if (ts_node_eq(c, condition) || (!ts_node_is_null(initializer) && ts_node_eq(c, initializer))) {
            statement(c, 0);
            continue;
        }
        const std::string_view ct = ts_node_type(c);
        const bool is_else = ct == "else_clause" || ct == "else";
        const bool is_alternative = is_else || ct == "elif_clause" || ct == "elsif" || ct == "else_if_clause" ||
                                    (!ts_node_is_null(alternative) && ts_node_eq(c, alternative));
        if (guard) {
            guards_.push_back(is_alternative ? negated(*guard) : *guard);
        } else if (is_alternative) {
            ++conditional_; // the other side of a condition nothing decides: one branch deeper
        }
        if (is_else) {
            // Not a branch of its own: its statements run under the negation.
            for (std::uint32_t k = 0; k < ts_node_named_child_count(c); ++k) {
                statement(ts_node_named_child(c, k), 0);
            }
        } else {
            statement(c, 0);
        }
        if (guard) {
            guards_.pop_back();
        } else if (is_alternative) {
            --conditional_;
        }
    }
    --conditional_;
    return true;
}

} // namespace minrole::code
