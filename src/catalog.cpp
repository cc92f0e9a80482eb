#include "minrole/catalog.hpp"

#include "minrole/display.hpp"

#include <array>
#include <cctype>
#include <utility>

namespace minrole {

namespace {
constexpr std::array<std::pair<Risk, const char*>, 4> kRisks{{
    {Risk::Low, "low"}, {Risk::Medium, "medium"}, {Risk::High, "high"}, {Risk::Critical, "critical"}}};
constexpr std::array<std::pair<AccessLevel, const char*>, 7> kLevels{{{AccessLevel::Read, "read"},
                                                                      {AccessLevel::Access, "access"},
                                                                      {AccessLevel::Write, "write"},
                                                                      {AccessLevel::Delete, "delete"},
                                                                      {AccessLevel::Approve, "approve"},
                                                                      {AccessLevel::Execute, "execute"},
                                                                      {AccessLevel::Admin, "admin"}}};
} // namespace

std::optional<Risk> parse_risk(const std::string& text) {
    for (const auto& [value, name] : kRisks) {
        if (text == name) {
            return value;
        }
    }
    return std::nullopt;
}

std::optional<AccessLevel> parse_access_level(const std::string& text) {
    for (const auto& [value, name] : kLevels) {
        if (text == name) {
            return value;
        }
    }
    return std::nullopt;
}

const char* to_string(Risk risk) {
    for (const auto& [value, name] : kRisks) {
        if (value == risk) {
            return name;
        }
    }
    return "?";
}

const char* to_string(AccessLevel level) {
    for (const auto& [value, name] : kLevels) {
        if (value == level) {
            return name;
        }
    }
    return "?";
}

std::vector<std::string> risk_names() {
    std::vector<std::string> out;
    for (const auto& entry : kRisks) {
        out.emplace_back(entry.second);
    }
    return out;
}

std::vector<std::string> access_level_names() {
    std::vector<std::string> out;
    for (const auto& entry : kLevels) {
        out.emplace_back(entry.second);
    }
    return out;
}

PermissionId Catalog::add(Permission permission) {
    // Validate every spelling before registering any, so a rejected permission leaves the
    // catalog exactly as it was.
    std::vector<const std::string*> spellings{&permission.name};
    for (const auto& alias : permission.aliases) {
        spellings.push_back(&alias);
    }
    for (std::size_t i = 0; i < spellings.size(); ++i) {
        const std::string& spelling = *spellings[i];
        for (std::size_t j = 0; j < i; ++j) {
            if (*spellings[j] == spelling) {
                throw Error(permission.where, "duplicate permission name or alias '" + spelling + "' (already used by '" +
                                                  permission.name + "' at " + permission.where.to_string() + ")");
            }
        }
        auto it = by_spelling_.find(spelling);
        if (it != by_spelling_.end()) {
            const Permission& other = permissions_.at(it->second);
            throw Error(permission.where, "duplicate permission name or alias '" + spelling + "' (already used by '" +
                                              other.name + "' at " + other.where.to_string() + ")");
        }
    }
    const auto id = static_cast<PermissionId>(permissions_.size());
    for (const std::string* spelling : spellings) {
        by_spelling_.emplace(*spelling, id);
    }
    permissions_.push_back(std::move(permission));
    return id;
}

void Catalog::add_group(Group group) {
    if (const Group* existing = this->group(group.name)) {
        throw Error(group.where, "duplicate group '" + group.name + "' (already defined at " +
                                     existing->where.to_string() + ")");
    }
    groups_.push_back(std::move(group));
}

const Group* Catalog::group(const std::string& name) const {
    for (const auto& g : groups_) {
        if (g.name == name) {
            return &g;
        }
    }
    return nullptr;
}

std::optional<PermissionId> Catalog::find(const std::string& name) const {
    auto it = by_spelling_.find(name);
    if (it == by_spelling_.end()) {
        return std::nullopt;
    }
    return it->second;
}

namespace {
// "Read-Write  lead" and "read_write-Lead" fold to "read-write-lead".
std::string fold_spelling(const std::string& name) {
    std::string out;
    out.reserve(name.size());
    for (const char c : name) {
        if (c == ' ' || c == '-' || c == '_' || c == '\t') {
            if (!out.empty() && out.back() != '-') {
                out += '-';
            }
        } else {
            out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
    }
    while (!out.empty() && out.back() == '-') {
        out.pop_back();
    }
    return out;
}
} // namespace

std::optional<PermissionId> Catalog::find_any_case(const std::string& name) const {
    if (auto id = find(name)) {
        return id;
    }
    const std::string folded = fold_spelling(name);
    std::optional<PermissionId> found;
    for (PermissionId id = 0; id < permissions_.size(); ++id) {
        const Permission& p = permissions_[id];
        bool fits = fold_spelling(p.name) == folded;
        for (const auto& alias : p.aliases) {
            fits = fits || fold_spelling(alias) == folded;
        }
        if (fits) {
            if (found && *found != id) {
                return std::nullopt;
            }
            found = id;
        }
    }
    return found;
}

namespace {
// A name that differs from the suggestion only by characters that look like ASCII ones reads
// the same on screen: say which characters are not ASCII.
std::string lookalike_note(const std::string& name) {
    const std::string characters = non_ascii_characters(name);
    return characters.empty() ? std::string() : " It holds " + characters + ", not ASCII.";
}
} // namespace

PermissionId Catalog::resolve(const std::string& name, const Location& where) const {
    if (auto id = find(name)) {
        return *id;
    }
    std::string message = "unknown permission '" + name + "'";
    if (auto id = find_any_case(name)) {
        message += " (did you mean '" + permissions_.at(*id).name + "'?)";
    } else if (const std::string suggestion = did_you_mean(name, spellings()); !suggestion.empty()) {
        message += " (did you mean '" + permissions_.at(*find(suggestion)).name + "'?" + lookalike_note(name) + ")";
    }
    throw Error(where, message);
}

std::vector<std::string> Catalog::spellings() const {
    std::vector<std::string> out;
    out.reserve(by_spelling_.size());
    for (const auto& p : permissions_) {
        out.push_back(p.name);
        out.insert(out.end(), p.aliases.begin(), p.aliases.end());
    }
    return out;
}

} // namespace minrole
