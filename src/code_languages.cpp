// Which files tree-sitter parses, with which grammar, and what each language does differently
// from the shared walk (its Dialect). Adding a language is a row here, its grammar under
// third_party/ and the spellings of its nodes in code_node_roles.cpp.
#include "code_lower.hpp"

#include <array>
#include <string>
#include <string_view>

extern "C" {
const TSLanguage* tree_sitter_javascript(void);
const TSLanguage* tree_sitter_typescript(void);
const TSLanguage* tree_sitter_python(void);
const TSLanguage* tree_sitter_php(void);
const TSLanguage* tree_sitter_java(void);
const TSLanguage* tree_sitter_go(void);
const TSLanguage* tree_sitter_ruby(void);
const TSLanguage* tree_sitter_c_sharp(void);
}

namespace minrole::code {

// The languages that read like the shared walk.
constexpr Dialect kCommonDialect{};
// Python: `body if condition else alternative`.
constexpr Dialect kPythonDialect{.body_before_condition = true};
// PHP: `.` concatenates strings.
constexpr Dialect kPhpDialect{.dot_concatenates = true};
// C#: properties are members (a request class's `Path => ...`, `Method { get { ... } }`).
constexpr Dialect kCSharpDialect{.properties_are_members = true};
// Ruby: `{ |x| ... }` blocks, `key: value` keyword arguments, `obj.attr` attribute reads.
constexpr Dialect kRubyDialect{.closure_blocks = true, .pairs_are_keywords = true, .bare_calls_read_attributes = true};

// .tsx is read with the TypeScript grammar (JSX in it recovers as errors around the markup;
// the string expressions scan needs parse the same). One grammar fewer to compile.
constexpr std::array<Grammar, 14> kGrammars{{
    {".js", "javascript", tree_sitter_javascript, &kCommonDialect},
    {".mjs", "javascript", tree_sitter_javascript, &kCommonDialect},
    {".cjs", "javascript", tree_sitter_javascript, &kCommonDialect},
    {".jsx", "javascript", tree_sitter_javascript, &kCommonDialect},
    {".ts", "typescript", tree_sitter_typescript, &kCommonDialect},
    {".tsx", "typescript", tree_sitter_typescript, &kCommonDialect},
    {".mts", "typescript", tree_sitter_typescript, &kCommonDialect},
    {".py", "python", tree_sitter_python, &kPythonDialect},
    {".php", "php", tree_sitter_php, &kPhpDialect},
    {".java", "java", tree_sitter_java, &kCommonDialect},
    {".go", "go", tree_sitter_go, &kCommonDialect},
    {".rb", "ruby", tree_sitter_ruby, &kRubyDialect},
    {".cs", "csharp", tree_sitter_c_sharp, &kCSharpDialect},
    {".cts", "typescript", tree_sitter_typescript, &kCommonDialect},
}};

const Grammar* grammar_for(const std::string& path) {
    const std::size_t dot = path.rfind('.');
    if (dot == std::string::npos || path.find('/', dot) != std::string::npos) {
        return nullptr;
    }
    const std::string_view ext(path.data() + dot, path.size() - dot);
    for (const Grammar& g : kGrammars) {
        if (g.extension == ext) {
            return &g;
        }
    }
    return nullptr;
}

const char* parsed_language(const std::string& path) {
    const Grammar* g = grammar_for(path);
    return g == nullptr ? nullptr : g->language;
}

} // namespace minrole::code
