#include "commands.hpp"

namespace minrole::cli {

void attach_permissions(CLI::App& command, Context& context) {
    auto options = std::make_shared<OutputOptions>();
    add_output_options(command, *options, Result::Permissions);
    command.callback([&context, options] {
        context.run = [&context, options] {
            emit(*options, render_permissions(context.model(), chosen_format(*options)));
            return kExitOk;
        };
    });
}

} // namespace minrole::cli
