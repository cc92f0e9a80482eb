// Classes to IR, beyond their bodies: the bases a class declaration names (so a request class
// can inherit its HTTP method, see code_request_class.cpp) and C# properties, which are
// methods (`Path => "/rest/..."`, `Method { get { return HttpMethod.Post; } }`) or definitions
// (`{ get; set; } = value`) of the class.
#include "code_lower.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace minrole::code {

// C# base_list, Java superclass/super_interfaces, Python's superclasses, JS/TS class_heritage,
// PHP base_clause/class_interface_clause, Ruby superclass. Type arguments are not bases.
std::vector<std::string> Lowerer::bases_of(TSNode node) {
    std::vector<std::string> out;
    const TSNode superclasses = field(node, "superclasses");
    const std::uint32_t n = ts_node_named_child_count(node);
    for (std::uint32_t i = 0; i < n; ++i) {
        TSNode c = ts_node_named_child(node, i);
        const std::string_view t = ts_node_type(c);
        if (t == "base_list" || t == "superclass" || t == "super_interfaces" || t == "class_heritage" || t == "base_clause" ||
            t == "class_interface_clause" || (!ts_node_is_null(superclasses) && ts_node_eq(c, superclasses))) {
            base_names(c, out, 0);
        }
    }
    return out;
}

void Lowerer::base_names(TSNode node, std::vector<std::string>& out, int depth) {
    if (depth > 4 || out.size() >= 16) {
        return;
    }
    const std::string_view t = ts_node_type(node);
    if (t == "type_argument_list" || t == "type_arguments" || t == "keyword_argument") {
        return;
    }
    const Role r = role(node);
    if (r == Role::Identifier || r == Role::Member) {
        const std::string d = dotted(node);
        if (!d.empty()) {
            out.push_back(d.substr(d.rfind('.') + 1));
        }
        return;
    }
    for (std::uint32_t i = 0; i < ts_node_named_child_count(node); ++i) {
        base_names(ts_node_named_child(node, i), out, depth + 1);
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
