// Statements to IR: the dispatch over a statement's role, and the definitions it makes
// (assignments, declarations, class bodies, loop variables, membership facts, imports). A
// definition inside a branch or loop is marked conditional: it may not run.
#include "code_lower.hpp"

#include <memory>
#include <string>
#include <string_view>

namespace minrole::code {

void Lowerer::statement(TSNode node, int) {
    if (ts_node_is_null(node)) {
        return;
    }
    DepthGuard guard(depth_);
    if (depth_ > kMaxLowerDepth) {
        return;
    }
    const Role r = role(node);
    if (r == Role::Other && std::string_view(ts_node_type(node)) == "enum_constant") {
        enum_constant(node);
        return;
    }
    switch (r) {
    case Role::Function:
        function(node, {}, {});
        return;
    case Role::Lambda:
        lambda(node, nullptr, line_of(node));
        return;
    case Role::Class: {
        TSNode name = field(node, "name");
        TSNode body = field(node, "body");
        std::string n = ts_node_is_null(name) ? std::string() : std::string(node_text(name));
        if (ts_node_is_null(body)) {
            for (TSNode c : named_children(node)) {
                if (!ts_node_eq(c, name)) {
                    statement(c, 0);
                }
            }
            return;
        }
        class_body(n, body, base_class(node));
        return;
    }
    case Role::Declarator:
    case Role::Assignment:
        assignment(node, false);
        return;
    case Role::AugAssign: {
        TSNode op = field(node, "operator");
        const std::string_view o = ts_node_is_null(op) ? std::string_view("+=") : node_text(op);
        assignment(node, o == "+=" || o == ".=" || o == "<<");
        return;
    }
    case Role::Return: {
        if (ts_node_named_child_count(node) > 0) {
            TSNode value = ts_node_named_child(node, 0);
            if (role(value) == Role::ExpressionList && ts_node_named_child_count(value) > 0) {
                value = ts_node_named_child(value, 0);
            }
            ++root_depth_;
            ExprPtr e = expr(value);
            --root_depth_;
            if (function_ >= 0) {
                out_.functions[static_cast<std::size_t>(function_)].returns.push_back(e);
                out_.functions[static_cast<std::size_t>(function_)].return_guards.push_back(guards_);
            } else {
                out_.loose.push_back(Loose{e, scope_, function_});
            }
        }
        return;
    }
    case Role::ForIn:
        ++conditional_;
        for_in(node);
        --conditional_;
        return;
    case Role::Import:
        import(node);
        return;
    case Role::Comparison:
        comparison(node);
        return;
    case Role::Other: {
        const std::string_view type = ts_node_type(node);
        if (dialect_.properties_are_members && type == "property_declaration") {
            property(node);
            return;
        }
        if (branches(node, type)) {
            return;
        }
        // Branches and loop bodies may not run: what they assign is an alternative, not
        // a replacement (see Evaluator::name).
        const bool branch = type == "if_statement" || type == "else_clause" || type == "elif_clause" || type == "else" ||
                            type == "try_statement" || type == "except_clause" || type == "catch_clause" ||
                            type == "while_statement" || type == "do_statement" || type == "switch_statement" ||
                            type == "switch_case" || type == "case_statement" || type == "switch_section" ||
                            type == "expression_case" || type == "if" || type == "unless" || type == "elsif" ||
                            type == "when" || type == "case" || type == "while" || type == "until" || type == "if_modifier" ||
                            type == "unless_modifier" || type == "else_if_clause" || type == "with_statement";
        conditional_ += branch ? 1 : 0;
        // Declarations wrap their declarators; Go const/var blocks wrap specs.
        for (TSNode c : named_children(node, 1000000)) {
            statement(c, 0);
        }
        conditional_ -= branch ? 1 : 0;
        return;
    }
    default:
        expr(node);
        return;
    }
}

void Lowerer::define(const std::string& name, ExprPtr value, std::uint32_t line) {
    if (!value) {
        return;
    }
    if (name.empty()) {
        // module.exports = {...}: each key is a name of the module.
        if (value->op == Op::Dict) {
            for (std::size_t i = 0; i < value->items.size() && i < value->keys.size(); ++i) {
                define(value->keys[i], value->items[i], line);
            }
        }
        return;
    }
    out_.definitions.push_back(Definition{name, value, scope_, line, conditional_ > 0, guards_,
                                          conditional_ > 0 && static_cast<std::size_t>(conditional_) == guards_.size()});
    // Object literals: config = {api: {version: '/v1'}} also defines config.api.version.
    if (value->op == Op::Dict) {
        for (std::size_t i = 0; i < value->items.size() && i < value->keys.size(); ++i) {
            if (!value->keys[i].empty() && value->keys[i].find_first_of(" /") == std::string::npos) {
                define(name + "." + value->keys[i], value->items[i], line);
            }
        }
    }
}

// The name an assignment target gives, "" when it is a pattern we do not follow.
std::string Lowerer::target_name(TSNode left) {
    const Role r = role(left);
    if (r == Role::ExpressionList || std::string_view(ts_node_type(left)) == "pattern_list" ||
        std::string_view(ts_node_type(left)) == "left_assignment_list") {
        return ts_node_named_child_count(left) > 0 ? target_name(ts_node_named_child(left, 0)) : std::string();
    }
    std::string d = dotted(left);
    // module.exports.X and exports.X are X to whoever imports them.
    for (std::string_view prefix : {"module.exports.", "exports.", "module.exports"}) {
        if (d.rfind(prefix, 0) == 0) {
            d = d.substr(prefix.size());
            break;
        }
    }
    return d;
}

void Lowerer::assignment(TSNode node, bool augmented) {
    TSNode left = first_field(node, {"left", "name"});
    TSNode right = first_field(node, {"right", "value", "default_value"});
    const std::uint32_t line = line_of(node);
    if (ts_node_is_null(left)) {
        if (ts_node_named_child_count(node) >= 2) {
            left = ts_node_named_child(node, 0);
            right = ts_node_named_child(node, ts_node_named_child_count(node) - 1);
        } else {
            return;
        }
    }
    if (ts_node_is_null(right) && ts_node_named_child_count(node) >= 2) {
        // C# variable_declarator: name, then the value as an unnamed-field child
        TSNode last = ts_node_named_child(node, ts_node_named_child_count(node) - 1);
        if (!ts_node_eq(last, left)) {
            right = last;
            if (std::string_view(ts_node_type(right)) == "equals_value_clause" && ts_node_named_child_count(right) > 0) {
                right = ts_node_named_child(right, 0);
            }
        }
    }
    if (ts_node_is_null(right)) {
        return;
    }
    // X.prototype = { m: function() {} }: the object's functions are X's methods.
    std::string name = target_name(left);
    if (name.size() > 10 && name.compare(name.size() - 10, 10, ".prototype") == 0 && role(right) == Role::Dict) {
        class_body(name.substr(0, name.size() - 10), right);
        return;
    }
    if (role(right) == Role::ExpressionList && ts_node_named_child_count(right) > 0) {
        right = ts_node_named_child(right, 0);
    }
    // Functions assigned to a name are named after it.
    if (role(right) == Role::Function || role(right) == Role::Lambda) {
        std::string fname = name;
        if (fname.find(".prototype.") != std::string::npos) {
            const std::string cls = fname.substr(0, fname.find(".prototype."));
            fname = fname.substr(fname.find(".prototype.") + 11);
            function(right, fname, cls);
        } else {
            function(right, fname.substr(fname.rfind('.') + 1), {});
        }
        return;
    }
    ++root_depth_;
    ExprPtr value = expr(right);
    --root_depth_;
    if (augmented && !name.empty()) {
        auto e = std::make_shared<Expr>();
        e->op = Op::Concat;
        e->line = line;
        e->items = {make(name.find('.') == std::string::npos ? Op::Name : Op::Member, line, name), value};
        value = e;
    }
    define(name, value, line);
}

void Lowerer::class_body(const std::string& name, TSNode body, std::string base) {
    out_.scopes.push_back(Scope{Scope::Kind::Class, name, scope_, std::move(base)});
    const int saved = scope_;
    scope_ = static_cast<int>(out_.scopes.size()) - 1;
    if (role(body) == Role::Dict) {
        for (TSNode pair : named_children(body)) {
            if (role(pair) == Role::Pair) {
                TSNode key = field(pair, "key");
                TSNode value = field(pair, "value");
                if (!ts_node_is_null(key) && !ts_node_is_null(value)) {
                    if (role(value) == Role::Function || role(value) == Role::Lambda) {
                        function(value, key_text(key), name);
                    } else {
                        ++root_depth_;
                        define(key_text(key), expr(value), line_of(pair));
                        --root_depth_;
                    }
                }
            } else if (role(pair) == Role::Function) {
                statement(pair, 0);
            }
        }
    } else {
        statement(body, 0);
    }
    scope_ = saved;
}

void Lowerer::for_in(TSNode node) {
    TSNode left = first_field(node, {"left", "name", "pattern", "value"});
    TSNode right = first_field(node, {"right", "value"});
    if (std::string_view(ts_node_type(node)) == "foreach_statement" && ts_node_named_child_count(node) >= 2) {
        right = ts_node_named_child(node, 0); // PHP foreach ($list as $x)
        left = ts_node_named_child(node, 1);
        if (std::string_view(ts_node_type(left)) == "pair" && ts_node_named_child_count(left) == 2) {
            left = ts_node_named_child(left, 1);
        }
    }
    if (ts_node_eq(left, right) && std::string_view(ts_node_type(node)) == "enhanced_for_statement") {
        left = field(node, "name");
    }
    if (!ts_node_is_null(right) && std::string_view(ts_node_type(right)) == "in" && ts_node_named_child_count(right) > 0) {
        right = ts_node_named_child(right, 0); // Ruby for x in [...]
    }
    if (!ts_node_is_null(left) && !ts_node_is_null(right)) {
        ++root_depth_;
        ExprPtr iterable = expr(right);
        --root_depth_;
        std::string name = target_name(left);
        if (!name.empty()) {
            auto e = make(Op::Elements, line_of(node));
            std::const_pointer_cast<Expr>(e)->items.push_back(iterable);
            define(name, e, line_of(node));
        }
    }
    for (TSNode c : named_children(node)) {
        if (!ts_node_eq(c, left) && !ts_node_eq(c, right)) {
            statement(c, 0);
        }
    }
}

// x in ('leads', 'activities'): the check tells which values x takes.
void Lowerer::comparison(TSNode node) {
    const std::uint32_t n = ts_node_child_count(node);
    bool in = false;
    for (std::uint32_t i = 0; i < n; ++i) {
        TSNode c = ts_node_child(node, i);
        if (!ts_node_is_named(c) && std::string_view(ts_node_type(c)) == "in") {
            in = true;
        }
    }
    if (in && ts_node_named_child_count(node) == 2) {
        TSNode left = ts_node_named_child(node, 0);
        TSNode right = ts_node_named_child(node, 1);
        std::string subject = role(left) == Role::Identifier ? name_of(left) : fact_name(left);
        if (!subject.empty() && (role(right) == Role::List || role(right) == Role::Dict)) {
            ++root_depth_;
            ExprPtr list = expr(right);
            --root_depth_;
            auto e = make(Op::Elements, line_of(node));
            std::const_pointer_cast<Expr>(e)->items.push_back(list);
            if (role(left) == Role::Identifier) {
                define(subject, e, line_of(node));
            } else {
                // stream["tap_stream_id"] in [...]: a fact about that field wherever the
                // file reads it (another function usually does), kept at module level.
                out_.definitions.push_back(Definition{subject, e, 0, line_of(node), true});
            }
            return;
        }
    }
    for (TSNode c : named_children(node)) {
        expr(c);
    }
}

// "stream.tap_stream_id" for stream["tap_stream_id"] or stream.tap_stream_id; "" otherwise.
std::string Lowerer::fact_name(TSNode node) {
    if (role(node) == Role::Member) {
        return dotted(node);
    }
    if (role(node) != Role::Subscript) {
        return {};
    }
    TSNode object = first_field(node, {"object", "value", "operand", "expression"});
    TSNode index = first_field(node, {"index", "subscript"});
    if (ts_node_is_null(object) || ts_node_is_null(index) || role(index) != Role::String) {
        return {};
    }
    const std::string head = dotted(object);
    const ExprPtr key = string_literal(index);
    return head.empty() || key->op != Op::Str || key->text.empty() ? std::string() : head + "." + key->text;
}

void Lowerer::import(TSNode node) {
    // The module is the first string or dotted name inside.
    for (TSNode c : named_children(node)) {
        const Role r = role(c);
        if (r == Role::String) {
            ExprPtr s = string_literal(c);
            if (s->op == Op::Str) {
                out_.imports.push_back(s->text);
            }
            return;
        }
        const std::string_view t = ts_node_type(c);
        if (t == "dotted_name" || t == "scoped_identifier" || t == "qualified_name" || t == "identifier" || t == "name" ||
            t == "namespace_name" || t == "aliased_import") {
            out_.imports.emplace_back(node_text(c));
            return;
        }
    }
}

} // namespace minrole::code
