// Objects that only hold a path's text, in C# and Java: a StringBuilder/StringBuffer is the text
// it was created with plus what Append/append adds (the statement form, sb.Append(x), is a
// definition the lowering writes as %append), and C#'s Uri is its text or a base joined with a
// relative path. None of them sends anything: a call whose value holds the path it was given is
// no sighting of its own (code_eval.cpp), the value is reported where it is sent.
#include "code_evaluator.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace minrole::code {

namespace {

bool is_builder(const std::string& callee) {
    return callee == "new StringBuilder" || callee == "new StringBuffer" || callee == "new System.Text.StringBuilder" ||
           callee == "new java.lang.StringBuilder";
}

bool is_uri(const std::string& callee) { return callee == "new Uri" || callee == "new System.Uri"; }

} // namespace

std::vector<char> Evaluator::text_steps(std::uint32_t file) {
    const FileIR& f = p_.files[file];
    std::map<std::pair<int, std::string>, std::uint32_t> last;
    for (const Definition& d : f.definitions) {
        auto& line = last[{d.scope, d.name}];
        line = std::max(line, d.line);
    }
    std::vector<char> out(f.definitions.size(), 0);
    for (std::size_t k = 0; k < f.definitions.size(); ++k) {
        const Definition& d = f.definitions[k];
        if (d.value->op == Op::Call && d.value->text == "%append" && last[{d.scope, d.name}] > d.line) {
            // A list's appends are reported as they are (each holds the items so far).
            const Value v = eval(*d.value, Context{file, d.scope, nullptr}, 0);
            out[k] = !v.empty() && std::all_of(v.begin(), v.end(), [](const Alt& a) { return a.kind == Alt::Kind::Str; }) ? 1 : 0;
        }
    }
    return out;
}

std::optional<Value> Evaluator::text_builder(const Expr& e, const Context& c, int depth) {
    auto arg = [&](std::size_t i) { return i < e.items.size() ? eval(*e.items[i], c, depth + 1) : hole(); };
    if (is_builder(e.text)) {
        if (e.items.empty()) {
            return str({});
        }
        Value v = arg(0);
        if (v.size() == 1 && !v[0].text.empty() &&
            std::all_of(v[0].text.begin(), v[0].text.end(), [](unsigned char d) { return std::isdigit(d) != 0; })) {
            return str({}); // new StringBuilder(256): a capacity, no text yet
        }
        return v;
    }
    if (is_uri(e.text)) {
        // new Uri(text), new Uri(text, UriKind.Relative), new Uri(baseUri, relative)
        if (e.items.size() == 1 ||
            (e.items.size() == 2 && e.items[1]->op == Op::Member && e.items[1]->text.rfind("UriKind.", 0) == 0)) {
            return arg(0);
        }
        if (e.items.size() == 2) {
            Value out;
            for (const Alt& a : arg(0)) {
                for (const Alt& b : arg(1)) {
                    add(out, str(join_path({as_text(a), as_text(b)})));
                }
            }
            return out;
        }
        return std::nullopt;
    }
    const std::string last = last_component(e.text);
    if ((last == "Append" || last == "append") && e.items.size() == 1) {
        // new StringBuilder(a).Append(b), sb.append(b) as an expression: the text so far plus b.
        Value recv;
        if (e.object) {
            recv = eval(*e.object, c, depth + 1);
        } else if (e.text.find('.') != std::string::npos) {
            const std::string receiver = e.text.substr(0, e.text.rfind('.'));
            recv = receiver.find('.') == std::string::npos ? name(receiver, c, depth + 1, e.line) : member(receiver, c, depth + 1, e.line);
        }
        if (recv.empty() || !std::all_of(recv.begin(), recv.end(), [](const Alt& a) { return a.kind == Alt::Kind::Str; })) {
            return std::nullopt; // a list's append
        }
        Value out;
        for (const Alt& a : recv) {
            for (const Alt& b : arg(0)) {
                add(out, str(a.text.size() > kMaxText ? a.text : a.text + as_text(b)));
            }
        }
        return out;
    }
    return std::nullopt;
}

} // namespace minrole::code
