#include "commands.hpp"

#include <set>

namespace minrole::cli {

namespace {
struct EndpointFilters {
    std::string area;
    std::string permission;
    bool undocumented = false;
    bool superseded = false;
};

// An --area the rules do not have would list nothing and look like an answer: refuse it, naming
// the closest area (by spelling, or the one it is the start of: "leads" -> lead-database) and
// every area there is.
void check_area(const RuleSet& rules, const std::string& area) {
    std::set<std::string> areas;
    for (EndpointId id = 0; id < rules.size(); ++id) {
        areas.insert(rules.at(id).area);
    }
    if (areas.count(area) != 0) {
        return;
    }
    const std::vector<std::string> names(areas.begin(), areas.end());
    std::string hint = did_you_mean(area, names);
    std::string stem = area;
    while (!stem.empty() && (stem.back() == 's' || stem.back() == '-')) {
        stem.pop_back();
    }
    for (const auto& name : names) {
        if (hint.empty() && stem.size() >= 3 && name.starts_with(stem)) {
            hint = name;
        }
    }
    std::string message = "unknown area '" + area + "'";
    if (!hint.empty()) {
        message += " (did you mean '" + hint + "'?)";
    }
    message += "; areas:";
    for (std::size_t i = 0; i < names.size(); ++i) {
        message += (i == 0 ? " " : ", ") + names[i];
    }
    throw Error(Location{"--area", 0, 0}, message);
}
} // namespace

void attach_endpoints(CLI::App& command, Context& context) {
    auto options = std::make_shared<OutputOptions>();
    auto filters = std::make_shared<EndpointFilters>();
    add_output_options(command, *options, Result::Endpoints);
    command.add_option("--area", filters->area, "only this API area (asset, lead-database, bulk, ...)");
    command.add_option("--permission", filters->permission, "only endpoints this permission takes part in");
    command.add_flag("--undocumented", filters->undocumented, "only endpoints Adobe documents no permission for");
    command.add_flag("--superseded", filters->superseded, "only deprecated or superseded endpoints");
    command.callback([&context, options, filters] {
        context.run = [&context, options, filters] {
            const Model& model = context.model();
            if (!filters->area.empty()) {
                check_area(model.rules, filters->area);
            }
            std::optional<PermissionId> permission;
            if (!filters->permission.empty()) {
                permission = model.catalog.find_any_case(filters->permission);
                if (!permission) {
                    permission = model.catalog.resolve(filters->permission, Location{"--permission", 0, 0});
                }
            }
            std::vector<EndpointId> ids;
            for (EndpointId id = 0; id < model.rules.size(); ++id) {
                const Endpoint& e = model.rules.at(id);
                if (!filters->area.empty() && e.area != filters->area) {
                    continue;
                }
                if (filters->undocumented && !e.requirement.is_undocumented()) {
                    continue;
                }
                if (filters->superseded && !e.deprecated && e.superseded_by.empty()) {
                    continue;
                }
                if (permission) {
                    std::vector<PermissionId> named;
                    e.requirement.collect_permissions(named);
                    if (std::none_of(named.begin(), named.end(),
                                     [&](PermissionId p) { return model.graph->implies(*permission, p); })) {
                        continue;
                    }
                }
                ids.push_back(id);
            }
            emit(*options, render_endpoints(model, ids, chosen_format(*options)));
            return kExitOk;
        };
    });
}

} // namespace minrole::cli
