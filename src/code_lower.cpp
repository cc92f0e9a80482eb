// The entry of the lowering (code_ir.hpp's lower_source): parse one file with its grammar,
// under a size, memory and time budget, lower the tree with the walk of code_lower.hpp and free
// the tree at once, so memory holds the IR of a project, never its syntax trees.
#include "code_lower.hpp"

#include "minrole/source.hpp"

#include <malloc.h>

#include <cstdint>
#include <cstdlib>
#include <limits>
#include <string>
#include <string_view>

namespace minrole::code {

namespace {

// What the parse in progress on this thread may still allocate. tree-sitter takes one
// process-wide allocator (ts_set_allocator); it counts what each parse holds and, past the
// budget, raises the parser's cancellation flag, which the parser polls every few hundred
// operations: the parse returns no tree and the file is read lexically. Allocation itself never
// fails here (tree-sitter aborts on a null), so the overshoot is what the parser takes between
// two polls, a few KB.
struct ParseBudget {
    std::size_t held = 0;
    std::size_t limit = 0;
    std::size_t cancel = 0; // the flag tree-sitter polls
};
thread_local ParseBudget* current = nullptr;

void charge(std::size_t bytes) {
    if (current != nullptr) {
        current->held += bytes;
        if (current->held > current->limit) {
            current->cancel = 1;
        }
    }
}

void refund(std::size_t bytes) {
    if (current != nullptr) {
        current->held -= std::min(bytes, current->held);
    }
}

void* counted_malloc(std::size_t size) {
    void* p = std::malloc(size);
    if (p != nullptr) {
        charge(malloc_usable_size(p));
    }
    return p;
}

void* counted_calloc(std::size_t count, std::size_t size) {
    void* p = std::calloc(count, size);
    if (p != nullptr) {
        charge(malloc_usable_size(p));
    }
    return p;
}

void* counted_realloc(void* old, std::size_t size) {
    const std::size_t before = old != nullptr ? malloc_usable_size(old) : 0;
    void* p = std::realloc(old, size);
    if (p != nullptr) {
        refund(before);
        charge(malloc_usable_size(p));
    }
    return p;
}

void counted_free(void* p) {
    if (p != nullptr) {
        refund(malloc_usable_size(p));
    }
    std::free(p);
}

void install_counting_allocator() {
    static const bool installed = [] {
        ts_set_allocator(counted_malloc, counted_calloc, counted_realloc, counted_free);
        return true;
    }();
    (void)installed;
}

} // namespace

const ParseLimits& parse_limits() {
    static const ParseLimits limits{
        .max_bytes = limit_from_environment("MINROLE_PARSE_MAX_BYTES", std::size_t{1} << 20),
        .max_memory = limit_from_environment("MINROLE_PARSE_MAX_MEMORY", std::size_t{128} << 20),
        .timeout_ms = limit_from_environment("MINROLE_PARSE_TIMEOUT_MS", 3000),
    };
    return limits;
}

bool lower_source(const std::string& path, std::string_view text, FileIR& out, std::string* why) {
    const Grammar* g = grammar_for(path);
    if (g == nullptr) {
        return false;
    }
    const ParseLimits& limits = parse_limits();
    // Decided before parsing: the tree takes 70-200 bytes per byte of source, and a file this
    // large is generated or minified (its literal paths are still found lexically).
    if (text.size() > limits.max_bytes || text.size() > std::numeric_limits<std::uint32_t>::max() / 2) {
        if (why != nullptr) {
            *why = "not parsed: a " + describe_bytes(text.size()) + " file is over the " + describe_bytes(limits.max_bytes) +
                   " parse limit (MINROLE_PARSE_MAX_BYTES)";
        }
        return false;
    }
    install_counting_allocator();
    TSParser* parser = ts_parser_new();
    if (parser == nullptr || !ts_parser_set_language(parser, g->load())) {
        if (parser != nullptr) {
            ts_parser_delete(parser);
        }
        return false;
    }
    ParseBudget budget{.held = 0, .limit = limits.max_memory, .cancel = 0};
    current = &budget;
    ts_parser_set_cancellation_flag(parser, &budget.cancel);
    // Real files take a few ms per 100 KB; past the timeout the input is pathological (error
    // recovery on token soup) and the file is read by the lexical extractor instead.
    ts_parser_set_timeout_micros(parser, static_cast<std::uint64_t>(limits.timeout_ms) * 1000);
    TSTree* tree = ts_parser_parse_string(parser, nullptr, text.data(), static_cast<std::uint32_t>(text.size()));
    ts_parser_delete(parser);
    current = nullptr;
    if (tree == nullptr) {
        if (why != nullptr) {
            *why = budget.cancel != 0 ? "not parsed: its syntax tree needs more than the " + describe_bytes(limits.max_memory) +
                                            " parse memory limit (MINROLE_PARSE_MAX_MEMORY)"
                                      : "not parsed: the parser gave up after the " + std::to_string(limits.timeout_ms) +
                                            " ms parse time limit (MINROLE_PARSE_TIMEOUT_MS)";
        }
        return false;
    }
    out.path = path;
    out.language = g->language;
    out.test_code = is_test_path(path);
    out.digest = sha256(text);
    Lowerer lowerer(text, out, *g->dialect);
    lowerer.run(ts_tree_root_node(tree));
    ts_tree_delete(tree);
    return true;
}

} // namespace minrole::code
