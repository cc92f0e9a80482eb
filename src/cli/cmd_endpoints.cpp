#include "commands.hpp"

namespace minrole::cli {

namespace {
struct EndpointFilters {
    std::string area;
    std::string permission;
    bool undocumented = false;
    bool superseded = false;
};
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
            std::optional<PermissionId> permission;
            if (!filters->permission.empty()) {
                permission = model.catalog.resolve(filters->permission, Location{"--permission", 0, 0});
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
