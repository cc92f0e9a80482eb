#include "minrole/audit.hpp"

#include "yaml_reader.hpp"

#include <chrono>
#include <ctime>
#include <filesystem>
#include <regex>

namespace minrole {

const char* to_string(Severity severity) {
    switch (severity) {
    case Severity::Note:
        return "note";
    case Severity::Warning:
        return "warning";
    case Severity::Error:
        return "error";
    case Severity::None:
        return "none";
    }
    return "?";
}

std::optional<Severity> parse_severity(const std::string& text) {
    for (Severity s : {Severity::Note, Severity::Warning, Severity::Error, Severity::None}) {
        if (text == to_string(s)) {
            return s;
        }
    }
    return std::nullopt;
}

namespace {

Severity read_severity(const SourceFile& source, const YAML::Node& node, const std::string& what) {
    const std::string text = yaml::scalar(source, node, what);
    auto severity = parse_severity(text);
    if (!severity) {
        throw Error(yaml::locate(source, node), "unknown severity '" + text + "' (expected error, warning, note or none)");
    }
    return *severity;
}

std::string known_rule(const SourceFile& source, const YAML::Node& node, const std::string& id) {
    if (find_audit_rule(id) == nullptr) {
        std::vector<std::string> ids;
        for (const auto& r : audit_rules()) {
            ids.emplace_back(r.id);
        }
        const std::string hint = did_you_mean(id, ids);
        throw Error(yaml::locate(source, node),
                    "unknown audit rule '" + id + "'" + (hint.empty() ? "" : " (did you mean '" + hint + "'?)"));
    }
    return id;
}

// The subjects instance audits name in their findings (see Finding::subject).
bool valid_subject(const std::string& text) {
    for (std::string_view kind : {"user ", "role ", "service "}) {
        if (text.size() > kind.size() && text.compare(0, kind.size(), kind) == 0) {
            return true;
        }
    }
    return false;
}

} // namespace

bool valid_date(const std::string& text) {
    static const std::regex date(R"(\d{4}-\d{2}-\d{2})");
    if (!std::regex_match(text, date)) {
        return false;
    }
    const std::chrono::year_month_day day{std::chrono::year{std::stoi(text.substr(0, 4))},
                                          std::chrono::month{static_cast<unsigned>(std::stoi(text.substr(5, 2)))},
                                          std::chrono::day{static_cast<unsigned>(std::stoi(text.substr(8, 2)))}};
    return day.ok();
}

Policy parse_policy(const SourceFile& source) {
    const YAML::Node root = yaml::parse(source);
    yaml::expect_kind(source, root, "policy", {"kind", "severity", "forbidden", "exceptions", "overrides", "fail_on"});
    const yaml::Map top(source, root, "the policy",
                        {"kind", "severity", "forbidden", "exceptions", "overrides", "fail_on"});
    if (auto kind = top.optional_string("kind"); kind && *kind != "policy") {
        throw Error(top.where("kind"), "expected 'kind: policy', found '" + *kind + "'");
    }
    Policy policy;
    policy.path = source.path;
    if (top.has("severity")) {
        const YAML::Node map = top.get("severity");
        if (!map.IsMap()) {
            throw Error(yaml::locate(source, map), std::string("expected 'severity' to be a map of rule: level, found ") +
                                                       yaml::type_name(map));
        }
        for (const auto& entry : map) {
            const std::string id = known_rule(source, entry.first, yaml::scalar(source, entry.first, "a rule id"));
            policy.severities.emplace_back(id, read_severity(source, entry.second, "a severity"));
        }
    }
    if (top.has("forbidden")) {
        const YAML::Node list = top.get("forbidden");
        yaml::expect_sequence(source, list, "'forbidden'");
        for (const auto& item : list) {
            policy.forbidden.emplace_back(yaml::scalar(source, item, "a permission"), yaml::locate(source, item));
        }
    }
    if (top.has("exceptions")) {
        const YAML::Node list = top.get("exceptions");
        yaml::expect_sequence(source, list, "'exceptions'");
        for (const auto& item : list) {
            const yaml::Map m(source, item, "an exception", {"rule", "permission", "workspace", "subject", "justification", "expires"});
            PolicyException e;
            e.where = m.where();
            e.rule = known_rule(source, m.require("rule"), m.string("rule"));
            e.permission = m.optional_string("permission").value_or("");
            e.permission_where = m.where("permission");
            e.workspace = m.optional_string("workspace").value_or("");
            e.subject = m.optional_string("subject").value_or("");
            if (!e.subject.empty() && !valid_subject(e.subject)) {
                throw Error(m.where("subject"),
                            "expected 'subject' as 'user EMAIL', 'role NAME' or 'service NAME', found '" + e.subject + "'");
            }
            e.justification = m.string("justification");
            e.expires = m.string("expires");
            if (!valid_date(e.expires)) {
                throw Error(m.where("expires"), "expected 'expires' as YYYY-MM-DD, found '" + e.expires + "'");
            }
            policy.exceptions.push_back(std::move(e));
        }
    }
    const std::filesystem::path folder = std::filesystem::path(source.path).parent_path();
    for (const auto& file : top.strings("overrides")) {
        const std::filesystem::path p(file);
        policy.overrides.push_back(p.is_absolute() ? file : (folder / p).string());
    }
    if (top.has("fail_on")) {
        policy.fail_on = read_severity(source, top.get("fail_on"), "'fail_on'");
    }
    return policy;
}

std::optional<std::string> find_policy_upward(const std::string& start) {
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::path dir = fs::absolute(start, ec).lexically_normal();
    while (!ec) {
        const fs::path candidate = dir / ".minrole.yaml";
        std::error_code probe; // a missing file is the normal case, not a reason to stop climbing
        if (fs::is_regular_file(candidate, probe)) {
            // Relative to the working directory when below it, so messages and SARIF URIs
            // name the file as the repository does.
            const fs::path relative = candidate.lexically_relative(fs::current_path(probe));
            const bool below = !relative.empty() && relative.begin()->string() != "..";
            return (below ? relative : candidate).lexically_normal().string();
        }
        if (!dir.has_parent_path() || dir.parent_path() == dir) {
            break;
        }
        dir = dir.parent_path();
    }
    return std::nullopt;
}

std::string today_utc() {
    const std::time_t now = std::time(nullptr);
    std::tm parts{};
    gmtime_r(&now, &parts);
    char buffer[16];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%d", &parts);
    return buffer;
}

} // namespace minrole
