// The library calls the evaluator knows by name, in every language's spelling: list building
// (push/unshift), joins (join('/'), sep.join, path.join, urljoin, os.path.join, Path.Combine),
// formats (format, sprintf, String.format, Sprintf) and conversions that keep the value. Any
// other call is a project function (code_eval_functions.cpp).
#include "code_evaluator.hpp"

#include <algorithm>
#include <cctype>
#include <functional>
#include <optional>
#include <set>
#include <string>

namespace minrole::code {

Value Evaluator::apply_format(const Value& fmt, const std::vector<Value>& args,
                              const std::vector<std::pair<std::string, Value>>& named, bool percent_default) {
    // One alternative per combination, bounded: the format's alternatives times the first
    // alternative of each argument, then each argument's other alternatives in turn.
    Value out;
    std::vector<std::vector<std::string>> arg_alts;
    for (const Value& a : args) {
        std::vector<std::string> alts;
        for (const Alt& x : a) {
            alts.push_back(as_text(x));
        }
        if (alts.empty()) {
            alts.emplace_back(1, kHole);
        }
        arg_alts.push_back(std::move(alts));
    }
    std::vector<std::pair<std::string, std::string>> names;
    for (const auto& [k, v] : named) {
        names.emplace_back(k, v.empty() ? std::string(1, kHole) : as_text(v.front()));
    }
    for (const Alt& f : fmt) {
        if (f.kind != Alt::Kind::Str) {
            add(out, hole());
            continue;
        }
        const bool percent = f.text.find('%') != std::string::npos && (percent_default || f.text.find('{') == std::string::npos);
        // Cartesian product, capped.
        std::vector<std::size_t> index(arg_alts.size(), 0);
        for (std::size_t round = 0; round < kMaxAlternatives; ++round) {
            std::vector<std::string> chosen;
            for (std::size_t i = 0; i < arg_alts.size(); ++i) {
                chosen.push_back(arg_alts[i][index[i]]);
            }
            add(out, str(percent ? format_percent(f.text, chosen) : format_braces(f.text, chosen, names)));
            std::size_t i = 0;
            while (i < index.size() && ++index[i] == arg_alts[i].size()) {
                index[i] = 0;
                ++i;
            }
            if (i == index.size()) {
                break;
            }
        }
    }
    return out.empty() ? hole() : out;
}

std::vector<std::vector<std::string>> Evaluator::lists_of(const Value& v) {
    std::vector<std::vector<std::string>> out;
    for (const Alt& a : v) {
        if (a.kind == Alt::Kind::List) {
            out.push_back(a.items);
        }
    }
    return out;
}

Value Evaluator::call(const Expr& e, const Context& c, int depth) {
    const std::string& callee = e.text;
    const std::string last = last_component(callee);
    const std::string receiver = callee.find('.') == std::string::npos ? std::string() : callee.substr(0, callee.rfind('.'));
    auto arg = [&](std::size_t i) { return i < e.items.size() ? eval(*e.items[i], c, depth + 1) : hole(); };
    auto receiver_value = [&]() -> Value {
        if (e.object) {
            return eval(*e.object, c, depth + 1);
        }
        if (receiver.empty()) {
            return hole();
        }
        return receiver.find('.') == std::string::npos ? name(receiver, c, depth + 1, e.line) : member(receiver, c, depth + 1, e.line);
    };
    if (callee == "%prepend" || callee == "%append") {
        const Value list = arg(0);
        const Value item = arg(1);
        Value out;
        for (const Alt& l : list) {
            if (l.kind == Alt::Kind::Str && callee == "%append") {
                // A string builder's Append/append: its text grows.
                for (const Alt& i : item) {
                    add(out, str(l.text.size() > kMaxText ? l.text : l.text + as_text(i)));
                }
                continue;
            }
            if (l.kind != Alt::Kind::List) {
                continue;
            }
            for (const Alt& i : item) {
                Alt n = l;
                if (callee == "%prepend") {
                    n.items.insert(n.items.begin(), as_text(i));
                } else if (i.kind == Alt::Kind::List) {
                    n.items.insert(n.items.end(), i.items.begin(), i.items.end());
                } else {
                    n.items.push_back(as_text(i));
                }
                add(out, Value{n});
            }
        }
        return out.empty() ? hole() : out;
    }
    if (auto built = text_builder(e, c, depth)) {
        return *built;
    }
    // Copies of a list: Array.prototype.slice.call(arguments), Array.from(x), list(x)
    if (callee == "Array.prototype.slice.call" || callee == "Array.from" || callee == "list" || callee == "tuple" ||
        callee == "Array.prototype.slice.apply") {
        return arg(0);
    }
    if (last == "concat" && (e.object || !receiver.empty())) {
        // [a, b].concat(parts, [c]), "a".concat(b): a list grows by the lists (or the values)
        // passed, text by the text; a receiver it cannot follow is some other concat.
        Value out = receiver_value();
        const bool known = std::any_of(out.begin(), out.end(), [](const Alt& a) {
            return a.kind == Alt::Kind::List || (a.kind == Alt::Kind::Str && !only_holes(a.text));
        });
        if (known) {
            for (std::size_t i = 0; i < e.items.size(); ++i) {
                const Value part = arg(i);
                Value next;
                for (const Alt& a : out) {
                    for (const Alt& b : part) {
                        Alt n = a;
                        if (a.kind == Alt::Kind::List && b.kind == Alt::Kind::List) {
                            n.items.insert(n.items.end(), b.items.begin(), b.items.end());
                        } else if (a.kind == Alt::Kind::List) {
                            n.items.push_back(as_text(b));
                        } else {
                            n = str(as_text(a) + as_text(b)).front();
                            if (n.text.size() > kMaxText) {
                                n.text.resize(kMaxText);
                            }
                        }
                        add(next, Value{std::move(n)});
                    }
                }
                out = std::move(next);
            }
            return out.empty() ? hole() : out;
        }
    }
    if (last == "join" || last == "Join" || last == "urljoin" || last == "resolve" || last == "Combine" || last == "implode") {
        const Value recv = receiver_value();
        const auto lists = lists_of(recv);
        Value out;
        if (!lists.empty() && (last == "join" || last == "Join")) {
            // [..].join(sep)
            const Value sep = e.items.empty() ? str(",") : arg(0);
            for (const auto& l : lists) {
                for (const Alt& s : sep) {
                    add(out, str(join_with(l, as_text(s))));
                }
            }
            return out;
        }
        if (last == "implode" || (recv.size() == 1 && recv[0].kind == Alt::Kind::Str && !only_holes(recv[0].text) &&
                                  e.items.size() == 1 && !lists_of(arg(0)).empty())) {
            // sep.join(list) (Python), implode(sep, list) (PHP), strings.Join(list, sep) (Go)
            const Value sep = last == "implode" ? arg(0) : recv;
            const Value list = last == "implode" ? arg(1) : arg(0);
            for (const auto& l : lists_of(list)) {
                for (const Alt& s : sep) {
                    add(out, str(join_with(l, as_text(s))));
                }
            }
            return out.empty() ? hole() : out;
        }
        if (callee == "strings.Join" && e.items.size() == 2) {
            for (const auto& l : lists_of(arg(0))) {
                for (const Alt& s : arg(1)) {
                    add(out, str(join_with(l, as_text(s))));
                }
            }
            return out.empty() ? hole() : out;
        }
        // path.join(a, b, c), os.path.join, urljoin(base, path), Path.Combine, url.resolve
        std::vector<Value> parts;
        for (std::size_t i = 0; i < e.items.size(); ++i) {
            parts.push_back(arg(i));
        }
        Value acc = str({});
        for (const Value& part : parts) {
            Value next;
            for (const Alt& a : acc) {
                for (const Alt& b : part) {
                    add(next, str(a.text.empty() ? as_text(b) : join_path({a.text, as_text(b)})));
                }
            }
            acc = std::move(next);
        }
        return acc;
    }
    if (last == "format" || last == "Format" || last == "sprintf" || last == "Sprintf" || last == "vsprintf" ||
        last == "formatted" || last == "printf") {
        std::vector<Value> args;
        std::vector<std::pair<std::string, Value>> named;
        Value fmt;
        std::size_t first = 0;
        if (last == "format" && (e.object || (!receiver.empty() && receiver != "String" && receiver != "string" &&
                                               receiver != "util" && receiver != "fmt" && receiver != "str"))) {
            fmt = receiver_value(); // "{}/x".format(a)
        } else if (last == "formatted") {
            fmt = receiver_value();
        } else {
            fmt = arg(0);
            first = 1;
        }
        for (std::size_t i = first; i < e.items.size(); ++i) {
            const std::string key = i < e.keys.size() ? e.keys[i] : std::string();
            if (key.empty()) {
                if (last == "vsprintf") {
                    for (const auto& l : lists_of(arg(i))) {
                        for (const auto& item : l) {
                            args.push_back(str(item));
                        }
                    }
                } else {
                    args.push_back(arg(i));
                }
            } else {
                named.emplace_back(key, arg(i));
            }
        }
        return apply_format(fmt, args, named, last != "format" && last != "Format");
    }
    // Conversions and trims keep the value: str(x), String(x), x.toString(), x.strip('/'), quote(x)
    static const std::set<std::string, std::less<>> kPassThrough{
        "str",          "String",     "toString",  "to_s",         "strval",    "encodeURIComponent", "encodeURI",
        "quote",        "quote_plus", "escape",    "trim",         "strip",     "rstrip",             "lstrip",
        "trimEnd",      "trimStart",  "TrimEnd",   "TrimStart",    "Trim",      "valueOf",            "ToString",
        "chomp",        "rtrim",      "ltrim",     "url_encode",   "urlencode", "rawurlencode",       "QueryEscape",
        "PathEscape",   "Itoa",       "FormatInt", "toLowerCase",  "lower",     "downcase",           "unicode",
        "text_type",    "text",       "EscapeDataString", "freeze", "dup",      "clone",              "copy"};
    if (kPassThrough.count(last) != 0) {
        // (A module's function takes the value as its argument, url.format(x); without arguments
        // it is a method of the variable: url.ToString().)
        if (e.object || (!receiver.empty() && e.items.empty()) ||
            (!receiver.empty() && receiver != "String" && receiver != "urllib.parse" && receiver != "urllib" &&
                         receiver != "parse" && receiver != "url" && receiver != "Uri" && receiver != "strconv" &&
                         receiver != "CGI" && receiver != "ERB::Util" && receiver != "six" && receiver != "Integer")) {
            Value r = receiver_value();
            return r;
        }
        return e.items.empty() ? hole() : arg(0);
    }
    if (auto v = substitution(e, c, depth)) {
        return *v;
    }
    if (auto v = mapping_get(e, c, depth)) {
        return *v;
    }
    if (last == "replace" || last == "Replace" || last == "sub" || last == "gsub" || last == "rstrip" || last == "removesuffix") {
        return receiver_value();
    }
    if (auto v = instance_call(e, c, depth)) {
        return *v;
    }
    // A project function: applied with its arguments bound.
    return apply_function(e, c, depth);
}

ExprPtr Evaluator::mapping_of_get(const Expr& e, const Context& c, int depth) {
    if (e.items.empty() || e.items.size() > 2 || last_component(e.text) != "get" || p_.files[c.file].language != "python" ||
        std::any_of(e.keys.begin(), e.keys.end(), [](const std::string& k) { return !k.empty(); })) {
        return nullptr;
    }
    ExprPtr table = e.object;
    if (!table) {
        const std::size_t dot = e.text.rfind('.');
        if (dot == std::string::npos || dot == 0) {
            return nullptr; // a plain function get(...)
        }
        auto receiver = std::make_shared<Expr>();
        receiver->text = e.text.substr(0, dot);
        receiver->op = receiver->text.find('.') == std::string::npos ? Op::Name : Op::Member;
        receiver->line = e.line;
        table = receiver;
    }
    // requests.get(url), self.session.get(url): a receiver that is no table is an HTTP client.
    const Value v = eval(*table, c, depth + 1);
    return std::any_of(v.begin(), v.end(), [](const Alt& a) { return a.kind == Alt::Kind::Dict; }) ? table : nullptr;
}

std::optional<Value> Evaluator::mapping_get(const Expr& e, const Context& c, int depth) {
    const ExprPtr table = mapping_of_get(e, c, depth);
    if (!table) {
        return std::nullopt;
    }
    Expr index;
    index.op = Op::Index;
    index.line = e.line;
    index.items = {table, e.items[0]};
    Value out = eval(index, c, depth + 1);
    if (e.items.size() == 2) {
        // The default counts unless every table has every key the call may pass.
        const Value key = eval(*e.items[0], c, depth + 1);
        const Value tables = eval(*table, c, depth + 1);
        const bool present = std::all_of(tables.begin(), tables.end(), [&](const Alt& t) {
            return t.kind == Alt::Kind::Dict && std::all_of(key.begin(), key.end(), [&](const Alt& k) {
                       return k.kind == Alt::Kind::Str && !is_hole_text(k.text) &&
                              std::find(t.keys.begin(), t.keys.end(), k.text) != t.keys.end();
                   });
        });
        if (!present) {
            add(out, eval(*e.items[1], c, depth + 1));
        }
    }
    return out;
}

std::optional<Value> Evaluator::substitution(const Expr& e, const Context& c, int depth) {
    const std::string last = last_component(e.text);
    if (last != "replace" && last != "substitute" && last != "safe_substitute") {
        return std::nullopt;
    }
    if (e.object && e.object->op == Op::Call) {
        const Expr& helper = *e.object;
        if (last == "replace" && helper.text.rfind("new ", 0) == 0 && !e.items.empty()) {
            return eval(*e.items[0], c, depth + 1); // new StringSubstitutor(values).replace(template)
        }
        if (last != "replace" && !helper.items.empty()) {
            return eval(*helper.items[0], c, depth + 1); // string.Template(template).substitute(values)
        }
        return std::nullopt;
    }
    // StrSubstitutor.replace(template, values): a class's static helper, not a string's replace().
    const std::size_t dot = e.text.rfind('.');
    if (last != "replace" || e.items.size() != 2 || dot == std::string::npos || dot == 0 ||
        std::isupper(static_cast<unsigned char>(last_component(e.text.substr(0, dot)).front())) == 0) {
        return std::nullopt;
    }
    const std::string receiver = e.text.substr(0, dot);
    const Value r = receiver.find('.') == std::string::npos ? name(receiver, c, depth + 1) : member(receiver, c, depth + 1);
    if (r.size() == 1 && r[0].kind == Alt::Kind::Str && only_holes(r[0].text)) {
        return eval(*e.items[0], c, depth + 1);
    }
    return std::nullopt;
}

} // namespace minrole::code
