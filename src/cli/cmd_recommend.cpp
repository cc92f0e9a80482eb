#include "commands.hpp"

#include "minrole/recommend.hpp"
#include "minrole/source.hpp"

namespace minrole::cli {

namespace {
struct RecommendOptions {
    std::string intent_path;
    std::vector<std::string> operations;
    std::string service;
    long budget_ms = 2000;
};
} // namespace

void attach_recommend(CLI::App& command, Context& context) {
    auto output = std::make_shared<OutputOptions>();
    auto options = std::make_shared<RecommendOptions>();
    add_output_options(command, *output, {"text", "json", "yaml", "md"});
    command.add_option("intent", options->intent_path, "intent YAML file ('-' for standard input)");
    command.add_option("--op", options->operations,
                       "an intended operation: 'METHOD /path', a URL, or an operationId (repeatable)");
    command.add_option("--service", options->service, "service name for the role (overrides the intent's)");
    command.add_option("--budget-ms", options->budget_ms, "exact-search time budget per workspace")
        ->check(CLI::Range(1L, 3600000L))
        ->default_str("2000");
    command.callback([&context, output, options] {
        context.run = [&context, output, options] {
            if (options->intent_path.empty() && options->operations.empty()) {
                throw Error("recommend needs an intent file or at least one --op");
            }
            const Model& model = context.model();
            Intent intent;
            if (!options->intent_path.empty()) {
                intent = parse_intent(read_source(options->intent_path));
            }
            if (!options->operations.empty()) {
                Intent flags = intent_from_operations(options->operations);
                auto& into = intent.workspace(kDefaultWorkspace).operations;
                for (auto& op : flags.workspaces.front().operations) {
                    into.push_back(std::move(op));
                }
            }
            if (!options->service.empty()) {
                intent.service = options->service;
            }
            const Router router(model.rules);
            SolveOptions solve_options;
            solve_options.budget = std::chrono::milliseconds(options->budget_ms);
            const Recommendation result = recommend(model, router, intent, solve_options);
            emit(*output, render_recommendation(model, result, chosen_format(*output)));
            return result.complete() ? kExitOk : kExitFindings;
        };
    });
}

} // namespace minrole::cli
