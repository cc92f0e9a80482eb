// The node vocabulary: every grammar's node type names, mapped to the role the lowering walk
// gives them (a string, a call, a member access, a function, ...). The grammars share most
// names; a language that spells a construct its own way adds its name to that role's row.
#include "code_lower.hpp"

#include <string_view>
#include <unordered_map>

namespace minrole::code {

const std::unordered_map<std::string_view, Role>& roles() {
    static const std::unordered_map<std::string_view, Role> table = [] {
        std::unordered_map<std::string_view, Role> t;
        for (auto n : {"string", "template_string", "string_literal", "encapsed_string", "interpreted_string_literal",
                       "raw_string_literal", "interpolated_string_expression", "verbatim_string_literal", "bare_string",
                       "heredoc_body", "nowdoc_body", "text_block"}) {
            t[n] = Role::String;
        }
        for (auto n : {"string_fragment", "string_content", "interpreted_string_literal_content", "raw_string_literal_content",
                       "string_literal_content", "raw_string_content", "string_value", "nowdoc_string", "heredoc_content"}) {
            t[n] = Role::StringPart;
        }
        for (auto n : {"escape_sequence", "string_literal_encoding"}) {
            t[n] = Role::Escape;
        }
        for (auto n : {"template_substitution", "interpolation"}) {
            t[n] = Role::Interpolation;
        }
        t["concatenated_string"] = Role::Concatenated;
        for (auto n : {"identifier", "property_identifier", "field_identifier", "shorthand_property_identifier", "constant",
                       "variable_name", "name", "type_identifier", "private_property_identifier", "package_identifier"}) {
            t[n] = Role::Identifier;
        }
        for (auto n : {"this", "self", "base", "super"}) {
            t[n] = Role::Self;
        }
        t["instance_variable"] = Role::InstanceVar;
        t["class_variable"] = Role::InstanceVar;
        for (auto n : {"member_expression", "attribute", "member_access_expression", "nullsafe_member_access_expression", "field_access",
                       "selector_expression", "scope_resolution", "class_constant_access_expression", "scoped_property_access_expression",
                       "qualified_name", "conditional_access_expression"}) {
            t[n] = Role::Member;
        }
        for (auto n : {"subscript_expression", "subscript", "element_reference", "index_expression", "element_access_expression"}) {
            t[n] = Role::Subscript;
        }
        for (auto n : {"call_expression", "call", "method_invocation", "function_call_expression", "member_call_expression",
                       "nullsafe_member_call_expression", "scoped_call_expression", "invocation_expression",
                       "explicit_constructor_invocation"}) {
            t[n] = Role::Call;
        }
        for (auto n : {"new_expression", "object_creation_expression"}) {
            t[n] = Role::New;
        }
        for (auto n : {"binary_expression", "binary_operator", "binary"}) {
            t[n] = Role::Binary;
        }
        for (auto n : {"ternary_expression", "conditional_expression"}) {
            t[n] = Role::Ternary;
        }
        for (auto n : {"array", "list", "tuple", "set", "string_array", "array_initializer", "collection_expression",
                       "implicit_array_creation_expression", "symbol_array"}) {
            t[n] = Role::List;
        }
        for (auto n : {"object", "dictionary", "hash", "array_creation_expression", "composite_literal", "literal_value",
                       "initializer_expression", "anonymous_object_creation_expression"}) {
            t[n] = Role::Dict;
        }
        for (auto n : {"pair", "keyed_element"}) {
            t[n] = Role::Pair;
        }
        for (auto n : {"parenthesized_expression", "as_expression", "non_null_expression", "satisfies_expression",
                       "type_assertion", "cast_expression", "parenthesized_statements", "checked_expression"}) {
            t[n] = Role::Paren;
        }
        t["await_expression"] = Role::Await;
        for (auto n : {"spread_element", "list_splat", "splat_argument", "variadic_unpacking"}) {
            t[n] = Role::Spread;
        }
        for (auto n : {"variable_declarator", "const_spec", "var_spec", "const_element", "property_element", "field_definition",
                       "public_field_definition", "property_declaration_clause"}) {
            t[n] = Role::Declarator;
        }
        for (auto n : {"assignment_expression", "assignment", "short_var_declaration", "assignment_statement"}) {
            t[n] = Role::Assignment;
        }
        for (auto n : {"augmented_assignment_expression", "augmented_assignment", "operator_assignment"}) {
            t[n] = Role::AugAssign;
        }
        for (auto n : {"function_declaration", "function_expression", "generator_function_declaration", "generator_function",
                       "method_definition", "function_definition", "method_declaration", "constructor_declaration", "method",
                       "singleton_method", "local_function_statement", "func_literal", "anonymous_function",
                       "anonymous_function_creation_expression"}) {
            t[n] = Role::Function;
        }
        for (auto n : {"arrow_function", "lambda", "lambda_expression", "block", "do_block", "arrow_function_expression"}) {
            t[n] = Role::Lambda;
        }
        for (auto n : {"class_declaration", "class_definition", "class", "module", "interface_declaration", "trait_declaration",
                       "struct_declaration", "record_declaration", "object_declaration", "enum_declaration"}) {
            t[n] = Role::Class;
        }
        t["return_statement"] = Role::Return;
        for (auto n : {"for_in_statement", "for_statement", "for_in_clause", "foreach_statement", "enhanced_for_statement", "for",
                       "range_clause"}) {
            t[n] = Role::ForIn;
        }
        t["comparison_operator"] = Role::Comparison;
        for (auto n : {"import_statement", "import_from_statement", "import_declaration", "import_spec", "using_directive",
                       "namespace_use_clause"}) {
            t[n] = Role::Import;
        }
        for (auto n : {"number", "integer", "int_literal", "integer_literal", "decimal_integer_literal", "float"}) {
            t[n] = Role::Number;
        }
        t["simple_symbol"] = Role::Symbol;
        t["argument"] = Role::Argument;
        for (auto n : {"keyword_argument", "named_argument"}) {
            t[n] = Role::KeywordArg;
        }
        t["expression_list"] = Role::ExpressionList;
        t["literal_element"] = Role::Paren; // Go: {key: value} wraps both in literal_element
        t["array_element_initializer"] = Role::ElementInit;
        for (auto n : {"none", "null", "undefined", "null_literal", "nil"}) {
            t[n] = Role::Null;
        }
        return t;
    }();
    return table;
}

} // namespace minrole::code
