#include "commands.hpp"

#include "minrole/diff.hpp"
#include "minrole/source.hpp"

namespace minrole::cli {

namespace {
struct DiffOptions {
    std::string old_path;
    std::string new_path;
    bool fail_on_new_access = false;
};
} // namespace

void attach_diff(CLI::App& command, Context& context) {
    auto output = std::make_shared<OutputOptions>();
    auto options = std::make_shared<DiffOptions>();
    add_output_options(command, *output, Result::Diff);
    command.add_option("old", options->old_path, "the role before the change")->required();
    command.add_option("new", options->new_path, "the role after the change")->required();
    command.add_flag("--fail-on-new-access", options->fail_on_new_access,
                     "exit 1 when NEW reaches an endpoint OLD could not (the pull-request gate)");
    command.callback([&context, output, options] {
        context.run = [&context, output, options] {
            const Model& model = context.model();
            const RoleSpec before = parse_role(model, read_source(options->old_path));
            const RoleSpec after = parse_role(model, read_source(options->new_path));
            const RoleDiff result = diff_roles(model, before, after);
            emit(*output, render_diff(model, result, chosen_format(*output)));
            return options->fail_on_new_access && result.widens() ? kExitFindings : kExitOk;
        };
    });
}

} // namespace minrole::cli
