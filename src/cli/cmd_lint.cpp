#include "commands.hpp"

#include "minrole/lint.hpp"

namespace minrole::cli {

// Loading already rejects malformed data (exit 2); lint adds the checks that need the whole
// model and exits 1 when any of them is an error.
void attach_lint(CLI::App& command, Context& context) {
    auto options = std::make_shared<OutputOptions>();
    add_output_options(command, *options, Result::Lint);
    command.callback([&context, options] {
        context.run = [&context, options] {
            const LintReport report = lint(context.model());
            emit(*options, render_lint(report, chosen_format(*options)));
            return report.has_errors() ? kExitFindings : kExitOk;
        };
    });
}

} // namespace minrole::cli
