// The entry of the lowering (code_ir.hpp's lower_source): parse one file with its grammar,
// under a time budget, lower the tree with the walk of code_lower.hpp and free the tree at
// once, so memory holds the IR of a project, never its syntax trees.
#include "code_lower.hpp"

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

namespace minrole::code {

bool lower_source(const std::string& path, std::string_view text, FileIR& out) {
    const Grammar* g = grammar_for(path);
    if (g == nullptr || text.size() > std::numeric_limits<std::uint32_t>::max() / 2) {
        return false;
    }
    TSParser* parser = ts_parser_new();
    if (parser == nullptr || !ts_parser_set_language(parser, g->load())) {
        if (parser != nullptr) {
            ts_parser_delete(parser);
        }
        return false;
    }
    // A safety net against pathological input, far above what real files take (a few ms per
    // 100 KB): a file that hits it is read by the lexical extractor instead.
    ts_parser_set_timeout_micros(parser, 20'000'000);
    TSTree* tree = ts_parser_parse_string(parser, nullptr, text.data(), static_cast<std::uint32_t>(text.size()));
    ts_parser_delete(parser);
    if (tree == nullptr) {
        return false;
    }
    out.path = path;
    out.language = g->language;
    out.test_code = is_test_path(path);
    Lowerer lowerer(text, out, *g->dialect);
    lowerer.run(ts_tree_root_node(tree));
    ts_tree_delete(tree);
    return true;
}

} // namespace minrole::code
