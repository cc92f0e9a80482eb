#include "commands.hpp"

#include "minrole/allows.hpp"
#include "minrole/source.hpp"

namespace minrole::cli {

void attach_allows(CLI::App& command, Context& context) {
    auto output = std::make_shared<OutputOptions>();
    auto role_path = std::make_shared<std::string>();
    add_output_options(command, *output, Result::Allows);
    command.add_option("role", *role_path, "role spec YAML ('-' for standard input)")->required();
    command.callback([&context, output, role_path] {
        context.run = [&context, output, role_path] {
            const Model& model = context.model();
            const RoleSpec role = parse_role(model, read_source(*role_path));
            emit(*output, render_allows(model, allows(model, role), chosen_format(*output)));
            return kExitOk;
        };
    });
}

} // namespace minrole::cli
