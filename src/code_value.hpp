#pragma once
// The evaluator's values (code_eval.hpp): a value is a small set of alternatives, each a string
// template, a list or a dict of them; a hole (\x01, printed {x}) stands for whatever is decided
// at run time. Here are the value algebra and the bounds every part of the evaluator shares.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

namespace minrole::code {

constexpr char kHole = '\x01';
// Bounds: alternatives per value, nested evaluation (definitions, calls), characters per string.
constexpr std::size_t kMaxAlternatives = 32;
constexpr int kMaxEvalDepth = 24;
constexpr std::size_t kMaxText = 4096;

struct Alt {
    enum class Kind : std::uint8_t { Str, List, Dict, Null } kind = Kind::Str; // Null: None, null, nil (a hole as text)
    std::string text;
    std::vector<std::string> items;
    std::vector<std::string> keys;
    std::string type; // a Dict that is an instance of a project class, its fields as keys: the class
    bool operator<(const Alt& o) const {
        return std::tie(kind, text, items, keys, type) < std::tie(o.kind, o.text, o.items, o.keys, o.type);
    }
    bool operator==(const Alt& o) const { return kind == o.kind && text == o.text && items == o.items && keys == o.keys && type == o.type; }
};
using Value = std::vector<Alt>;

inline Value str(std::string s) { return Value{Alt{Alt::Kind::Str, std::move(s), {}, {}, {}}}; }
inline Value hole() { return str(std::string(1, kHole)); }
inline Value null_value() { return Value{Alt{Alt::Kind::Null, {}, {}, {}, {}}}; }

// Adds `more`'s alternatives not yet in `into`, up to kMaxAlternatives.
inline void add(Value& into, const Value& more) {
    for (const Alt& a : more) {
        if (into.size() >= kMaxAlternatives) {
            return;
        }
        if (std::find(into.begin(), into.end(), a) == into.end()) {
            into.push_back(a);
        }
    }
}

inline std::string as_text(const Alt& a) { return a.kind == Alt::Kind::Str ? a.text : std::string(1, kHole); }

inline bool only_holes(const std::string& s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c == kHole; });
}

// A value that says nothing: one hole, or null (what a name defaults to before it is set).
inline bool unknown(const Value& v) {
    return v.size() == 1 && (v[0].kind == Alt::Kind::Null || (v[0].kind == Alt::Kind::Str && only_holes(v[0].text)));
}

inline bool is_hole_text(const std::string& s) { return s.find(kHole) != std::string::npos; }

// "c" for "a.b.c".
inline std::string last_component(std::string_view dotted) {
    const std::size_t dot = dotted.rfind('.');
    return std::string(dot == std::string_view::npos ? dotted : dotted.substr(dot + 1));
}

} // namespace minrole::code
