#include "json_input.hpp"
#include "minrole/openapi.hpp"
#include "minrole/source.hpp"

#include "vocabulary.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <regex>

namespace minrole {

namespace {

using Json = nlohmann::ordered_json;

// Swagger spells the methods of a path item in lower case ("get", "post").
bool is_swagger_method(const std::string& key) {
    return key == vocab::to_lower(key) && vocab::method_index(vocab::to_upper(key)) != vocab::kOtherMethod;
}

std::string trim(const std::string& text) { return std::string(vocab::trim(text)); }

std::string strip_final_period(std::string text) {
    text = trim(text);
    while (!text.empty() && (text.back() == '.' || text.back() == '`')) {
        text.pop_back();
    }
    while (!text.empty() && text.front() == '`') {
        text.erase(text.begin());
    }
    return trim(text);
}

Location offset_to_location(const SourceFile& source, std::size_t offset) {
    return location_at(source.path, source.text, offset);
}

Location locate_operation(const SourceFile& source, const std::string& operation_id) {
    const std::size_t at = source.text.find("\"" + operation_id + "\"");
    return at == std::string::npos ? Location{source.path, 0, 0} : offset_to_location(source, at);
}

std::string base_name(const std::string& path) {
    const std::size_t slash = path.find_last_of('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string area_of(const std::string& spec_file, const std::string& path) {
    if (spec_file.find("asset") != std::string::npos) {
        return "asset";
    }
    if (spec_file.find("identity") != std::string::npos) {
        return "identity";
    }
    if (spec_file.find("user") != std::string::npos) {
        return "user-management";
    }
    if (spec_file.find("ingestion") != std::string::npos) {
        return "data-ingestion";
    }
    return path.rfind("/bulk/", 0) == 0 ? "bulk" : "lead-database";
}

// ---- Summaries: generated from the path, so no spec prose is copied. ----

std::vector<std::string> camel_words(const std::string& text) {
    std::vector<std::string> words;
    std::string current;
    for (char c : text) {
        if (std::isupper(static_cast<unsigned char>(c)) && !current.empty()) {
            words.push_back(current);
            current.clear();
        }
        if (c == '_' || c == '-') {
            if (!current.empty()) {
                words.push_back(current);
                current.clear();
            }
            continue;
        }
        current += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    if (!current.empty()) {
        words.push_back(current);
    }
    return words;
}

const std::array<const char*, 30> kActionWords{
    "activate", "add",      "approve", "associate", "cancel",   "clone",    "create",   "deactivate",
    "delete",   "discard",  "enqueue", "import",    "merge",    "push",     "remove",   "rename",
    "schedule", "submit",   "sync",    "trigger",   "unapprove", "update",  "upload",   "reorder",
    "move",     "transition", "used",  "usedby",    "register", "export"};

std::string generate_summary(const std::string& method, const std::string& path) {
    std::vector<std::string> segments;
    std::size_t start = 1;
    while (start <= path.size()) {
        const std::size_t end = std::min(path.find('/', start), path.size());
        std::string segment = path.substr(start, end - start);
        if (segment.size() > 5 && segment.compare(segment.size() - 5, 5, ".json") == 0) {
            segment.resize(segment.size() - 5);
        }
        if (!segment.empty()) {
            segments.push_back(segment);
        }
        start = end + 1;
    }
    // Drop the API base and version: /rest/v1, /rest/asset/v2, /bulk/v1, /userservice/management/v1.
    std::size_t first = 0;
    for (std::size_t i = 0; i < segments.size(); ++i) {
        if (segments[i].size() >= 2 && segments[i][0] == 'v' && std::isdigit(static_cast<unsigned char>(segments[i][1]))) {
            first = i + 1;
            break;
        }
    }
    if (first == 0 && !segments.empty() && segments.front() == "subscriptions") {
        first = 2; // /subscriptions/{munchkinId}/...
    }
    std::vector<std::string> object;
    for (std::size_t i = first; i < segments.size(); ++i) {
        const std::string& s = segments[i];
        if (s.front() == '{') {
            object.push_back(s);
        } else {
            std::string phrase;
            for (const auto& w : camel_words(s)) {
                phrase += (phrase.empty() ? "" : " ") + w;
            }
            object.push_back(phrase);
        }
    }
    std::string verb = method == "GET" ? "read" : method == "DELETE" ? "delete" : method == "PUT" ? "replace" : "write";
    if (method != "GET" && object.size() > 1 && segments.back().front() != '{') {
        const auto words = camel_words(segments.back());
        if (!words.empty() && std::find(kActionWords.begin(), kActionWords.end(), words.front()) != kActionWords.end()) {
            verb = object.back();
            object.pop_back();
        }
    }
    if (object.empty()) {
        object.push_back(segments.empty() ? "root" : segments.back());
    }
    std::string summary = verb;
    summary.front() = static_cast<char>(std::toupper(static_cast<unsigned char>(summary.front())));
    summary += ": ";
    for (std::size_t i = 0; i < object.size(); ++i) {
        summary += (i == 0 ? "" : " / ") + object[i];
    }
    return summary;
}

// ---- Statements ----

std::vector<std::string> split_on(const std::string& text, const std::string& separator) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (;;) {
        const std::size_t at = text.find(separator, start);
        out.push_back(text.substr(start, at == std::string::npos ? std::string::npos : at - start));
        if (at == std::string::npos) {
            return out;
        }
        start = at + separator.size();
    }
}

Requirement make_list(std::vector<Requirement> operands, bool all) {
    if (operands.size() == 1) {
        return std::move(operands.front());
    }
    return all ? Requirement::all_of(std::move(operands)) : Requirement::any_of(std::move(operands));
}

Requirement parse_list(const Catalog& catalog, const std::string& text, bool comma_means_all, const Location& where) {
    const std::string body = strip_final_period(text);
    if (body == "None") {
        return Requirement::none();
    }
    if (body.find(" and ") != std::string::npos) {
        std::vector<Requirement> parts;
        for (const auto& part : split_on(body, " and ")) {
            parts.push_back(parse_list(catalog, part, comma_means_all, where));
        }
        return make_list(std::move(parts), true);
    }
    std::vector<Requirement> names;
    for (const auto& comma_part : split_on(body, ",")) {
        for (const auto& name : split_on(comma_part, " or ")) {
            const std::string clean = strip_final_period(name);
            if (clean.empty()) {
                throw Error(where, "empty permission name in statement '" + text + "'");
            }
            names.push_back(Requirement::of(catalog.resolve(clean, where)));
        }
    }
    const bool has_or = body.find(" or ") != std::string::npos;
    return make_list(std::move(names), comma_means_all && !has_or);
}

} // namespace

std::string extract_permission_statement(const std::string& description) {
    static const std::regex marker(R"(Required [Pp]ermissions?:)");
    std::smatch found;
    if (!std::regex_search(description, found, marker)) {
        return {};
    }
    std::string rest = description.substr(static_cast<std::size_t>(found.position(0) + found.length(0)));
    // The statement ends where markup or a blank line begins.
    for (const char* stop : {"<br", "<b>", "\n\n", "\nNote:"}) {
        const std::size_t at = rest.find(stop);
        if (at != std::string::npos) {
            rest.resize(at);
        }
    }
    return trim(rest);
}

Requirement parse_permission_statement(const Catalog& catalog, const std::string& statement, bool comma_means_all,
                                       const Location& where) {
    static const std::regex conditional(R"(^(.*?)\s*If (\w+) is passed in the request:\s*(.*)$)");
    std::smatch parts;
    if (std::regex_match(statement, parts, conditional)) {
        Requirement base = parse_list(catalog, parts[1].str(), comma_means_all, where);
        Requirement extra = parse_list(catalog, parts[3].str(), comma_means_all, where);
        return Requirement::all_of({std::move(base), Requirement::when(parts[2].str(), std::move(extra))});
    }
    return parse_list(catalog, statement, comma_means_all, where);
}

namespace {

// operation.value(key, fallback) throws nlohmann's type_error when the field has another type;
// a spec is input, so that is a located Error like any other bad input.
template <typename T>
T typed_field(const Json& object, const char* key, T fallback, const SourceFile& spec, const std::string& what) {
    const auto it = object.find(key);
    if (it == object.end() || it->is_null()) {
        return fallback;
    }
    if constexpr (std::is_same_v<T, bool>) {
        if (it->is_boolean()) {
            return it->template get<bool>();
        }
    } else {
        if (it->is_string()) {
            return it->template get<std::string>();
        }
    }
    throw Error(Location{spec.path, 0, 0}, std::string("expected '") + key + "' of " + what + " to be a " +
                                               (std::is_same_v<T, bool> ? "boolean" : "string") + ", found " +
                                               it->type_name());
}

// An operationId is an identifier and a path a URL path template, as every rule and every
// report that names the operation shows them: a spec whose operationId or path holds a line
// break, a space, markup or non-ASCII text would forge lines in the generated rules file and in
// the reports built from it, so it is refused, located at the text it stopped at.
void check_operation_text(const SourceFile& spec, const std::string& method, const std::string& path,
                          const std::string& operation_id) {
    const auto bad_in_id = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) == 0 && c != '_' && c != '.' && c != '-'; };
    const auto bad_in_path = [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return byte <= 0x20 || byte >= 0x7f || c == '"' || c == '\'' || c == '<' || c == '>' || c == '\\' || c == '`';
    };
    const auto located = [&](const std::string& text, std::size_t bad) {
        const std::size_t at = spec.text.find("\"" + text.substr(0, bad));
        return at == std::string::npos ? Location{spec.path, 1, 1} : offset_to_location(spec, at);
    };
    if (const auto bad = std::find_if(path.begin(), path.end(), bad_in_path); bad != path.end() || path.front() != '/') {
        throw Error(located(path, static_cast<std::size_t>(bad - path.begin())),
                    "path '" + path + "' is not a URL path template (it must start with '/' and hold printable ASCII only)");
    }
    if (const auto bad = std::find_if(operation_id.begin(), operation_id.end(), bad_in_id); bad != operation_id.end()) {
        throw Error(located(operation_id, static_cast<std::size_t>(bad - operation_id.begin())),
                    "operationId '" + operation_id + "' of " + method + " " + path +
                        " is not an identifier (letters, digits, '_', '.' and '-' only)");
    }
}

} // namespace

ImportedSpec import_openapi(const Catalog& catalog, const SourceFile& spec) {
    const Json document = parse_json_input<Json>(spec.path, spec.text, "an OpenAPI document");
    if (!document.is_object() || !document.contains("paths") || !document["paths"].is_object()) {
        throw Error(Location{spec.path, 1, 1}, "not an OpenAPI/Swagger document: no 'paths' object");
    }
    ImportedSpec out;
    out.file = base_name(spec.path);
    const bool identity = out.file.find("identity") != std::string::npos;
    static const std::regex superseded(R"(superseded[\s\S]*?#operation/([A-Za-z0-9_]+))");
    for (const auto& [path, item] : document["paths"].items()) {
        if (!item.is_object()) {
            continue;
        }
        for (const auto& [method, operation] : item.items()) {
            if (!is_swagger_method(method) || !operation.is_object()) {
                continue;
            }
            ImportedOperation op;
            op.operation_id = typed_field<std::string>(operation, "operationId", "", spec, method + " " + path);
            op.method = vocab::to_upper(method);
            op.path = path;
            if (op.operation_id.empty()) {
                throw Error(Location{spec.path, 0, 0}, "operation " + op.method + " " + path + " has no operationId");
            }
            check_operation_text(spec, op.method, path, op.operation_id);
            op.area = area_of(out.file, path);
            op.summary = generate_summary(op.method, path);
            op.deprecated = typed_field<bool>(operation, "deprecated", false, spec, op.method + " " + path);
            const std::string description = typed_field<std::string>(operation, "description", "", spec, op.method + " " + path);
            std::smatch replacement;
            if (std::regex_search(description, replacement, superseded)) {
                op.superseded_by = replacement[1].str();
            }
            const std::string statement = extract_permission_statement(description);
            const Location where = locate_operation(spec, op.operation_id);
            if (!statement.empty()) {
                const bool design_studio = path.rfind("/rest/asset/v2/", 0) == 0;
                op.requirement = parse_permission_statement(catalog, statement, design_studio, where);
                op.provenance = out.file + ": required-permissions statement";
            } else if (identity) {
                op.requirement = Requirement::none();
                op.provenance = out.file + ": identity endpoint, no permission by definition";
            } else {
                op.requirement = Requirement::undocumented();
                op.provenance = out.file + ": no required-permissions statement";
            }
            out.operations.push_back(std::move(op));
        }
    }
    return out;
}

namespace {
std::string yaml_scalar(const std::string& text) {
    const bool plain = !text.empty() &&
                       text.find_first_of(":{}[],#&*!|>'\"%@`") == std::string::npos &&
                       text.front() != ' ' && text.back() != ' ' && text.front() != '-' &&
                       text != "none" && text != "undocumented" && text != "true" && text != "false" &&
                       text != "null" && text != "yes" && text != "no";
    if (plain && std::none_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; })) {
        return text;
    }
    return vocab::yaml_quoted(text);
}
} // namespace

std::string requirement_to_yaml(const Catalog& catalog, const Requirement& r) {
    switch (r.kind) {
    case Requirement::Kind::None:
        return "none";
    case Requirement::Kind::Undocumented:
        return "undocumented";
    case Requirement::Kind::Permission:
        return yaml_scalar(catalog.at(r.permission).name);
    case Requirement::Kind::AnyOf:
    case Requirement::Kind::AllOf: {
        std::string out = r.kind == Requirement::Kind::AnyOf ? "{any_of: [" : "{all_of: [";
        for (std::size_t i = 0; i < r.operands.size(); ++i) {
            out += (i == 0 ? "" : ", ") + requirement_to_yaml(catalog, r.operands[i]);
        }
        return out + "]}";
    }
    case Requirement::Kind::When:
        return "{when: " + yaml_scalar(r.parameter) + ", require: " + requirement_to_yaml(catalog, r.operands.front()) + "}";
    }
    return {};
}

std::map<std::string, std::string> render_rules_files(const Catalog& catalog, const std::vector<ImportedSpec>& specs) {
    std::map<std::string, std::string> files;
    std::map<std::string, std::string> spec_of_area;
    for (const auto& spec : specs) {
        for (const auto& op : spec.operations) {
            std::string& text = files[op.area + ".yaml"];
            if (text.empty()) {
                text = "# Generated by `minrole import-openapi` from Adobe's " + spec.file +
                       " (Apache-2.0).\n# Requirements, methods, paths and operationIds are facts from the spec; "
                       "summaries are generated.\n# Correct a mapping with an overrides file, not by editing here.\n"
                       "kind: rules\narea: " + op.area + "\nspec: " + yaml_scalar(spec.file) + "\noperations:\n";
            }
            text += "  - id: " + yaml_scalar(op.operation_id) + "\n";
            text += "    method: " + op.method + "\n";
            text += "    path: " + yaml_scalar(op.path) + "\n";
            text += "    summary: " + yaml_scalar(op.summary) + "\n";
            text += "    requires: " + requirement_to_yaml(catalog, op.requirement) + "\n";
            if (op.deprecated) {
                text += "    deprecated: true\n";
            }
            if (!op.superseded_by.empty()) {
                text += "    superseded_by: " + yaml_scalar(op.superseded_by) + "\n";
            }
            text += "    provenance: " + yaml_scalar(op.provenance) + "\n";
        }
    }
    return files;
}

} // namespace minrole
