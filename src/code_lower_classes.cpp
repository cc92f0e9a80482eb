// Classes to IR beyond their bodies: what a class extends (so a method's unqualified calls can
// reach the base class's methods, and super(...) its constructor, and a request class can
// inherit its HTTP method, see code_request_class.cpp), Java enum constants (each an instance
// built from its constructor arguments), anonymous classes (closures of the function that
// creates them: they read its parameters and call the outer class's methods) and C#
// properties, which are methods (`Path => "/rest/..."`, `Method { get { return
// HttpMethod.Post; } }`) or definitions (`{ get; set; } = value`) of the class.
#include "code_lower.hpp"

#include <memory>
#include <string>
#include <string_view>

namespace minrole::code {

std::string Lowerer::enclosing_class(bool base) const {
    for (int s = scope_; s >= 0; s = out_.scopes[static_cast<std::size_t>(s)].parent) {
        const Scope& scope = out_.scopes[static_cast<std::size_t>(s)];
        if (scope.kind == Scope::Kind::Class && !scope.name.empty()) {
            return base ? scope.base : scope.name;
        }
    }
    return {};
}

// Java `extends B<T>` (superclass), Python `(B)` (superclasses), C# `: B` (base_list),
// JavaScript `extends B` (class_heritage), PHP `extends B` (base_clause), Ruby `< B`.
std::string Lowerer::base_class(TSNode node) const {
    TSNode base = first_field(node, {"superclass", "superclasses"});
    for (std::uint32_t i = 0; ts_node_is_null(base) && i < ts_node_named_child_count(node); ++i) {
        const TSNode c = ts_node_named_child(node, i);
        const std::string_view t = ts_node_type(c);
        if (t == "base_list" || t == "class_heritage" || t == "base_clause" || t == "superclass") {
            base = c;
        }
    }
    // The first name inside, depth first: (superclass (generic_type (type_identifier) ...)); the
    // last part of a qualified one (pkg.Base).
    for (int guard = 0; guard < 8 && !ts_node_is_null(base) && role(base) != Role::Identifier && ts_node_named_child_count(base) > 0;
         ++guard) {
        const std::string_view t = ts_node_type(base);
        const bool qualified = role(base) == Role::Member || t == "scoped_type_identifier" || t == "qualified_name";
        base = ts_node_named_child(base, qualified ? ts_node_named_child_count(base) - 1 : 0);
    }
    return !ts_node_is_null(base) && role(base) == Role::Identifier ? name_of(base) : std::string();
}

void Lowerer::enum_constant(TSNode node) {
    const TSNode name = field(node, "name");
    const std::string cls = enclosing_class(false);
    if (!ts_node_is_null(name) && !cls.empty()) {
        // Not a call site: evaluation builds the instance where the constant is read.
        auto e = std::make_shared<Expr>();
        e->op = Op::Call;
        e->line = line_of(node);
        e->text = "new " + cls;
        ++root_depth_;
        arguments(field(node, "arguments"), *e);
        --root_depth_;
        define(name_of(name), e, line_of(node));
    }
    const TSNode body = field(node, "body");
    if (!ts_node_is_null(body)) {
        statement(body, 0);
    }
}

void Lowerer::anonymous_class_body(TSNode creation) {
    for (std::uint32_t i = 0; i < ts_node_named_child_count(creation); ++i) {
        const TSNode c = ts_node_named_child(creation, i);
        if (std::string_view(ts_node_type(c)) == "class_body") {
            // Its strings are its own statements', not part of the creation expression.
            const int saved_root = root_depth_;
            root_depth_ = 0;
            statement(c, 0);
            root_depth_ = saved_root;
        }
    }
}

void Lowerer::property(TSNode node) {
    TSNode name = field(node, "name");
    TSNode value = field(node, "value");
    if (ts_node_is_null(name)) {
        return;
    }
    if (!ts_node_is_null(value) && std::string_view(ts_node_type(value)) == "arrow_expression_clause") {
        function(node, name_of(name), {});
        return;
    }
    if (!ts_node_is_null(value)) {
        ++root_depth_;
        define(name_of(name), expr(value), line_of(node));
        --root_depth_;
    }
    TSNode accessors = field(node, "accessors");
    for (std::uint32_t i = 0; !ts_node_is_null(accessors) && i < ts_node_named_child_count(accessors); ++i) {
        TSNode accessor = ts_node_named_child(accessors, i);
        bool getter = false;
        for (std::uint32_t k = 0; k < ts_node_child_count(accessor); ++k) {
            getter = getter || std::string_view(ts_node_type(ts_node_child(accessor, k))) == "get";
        }
        if (getter && !ts_node_is_null(field(accessor, "body"))) {
            function(accessor, name_of(name), {});
        }
    }
}

} // namespace minrole::code
