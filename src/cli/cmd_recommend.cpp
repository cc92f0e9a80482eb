#include "commands.hpp"
#include "intent_input.hpp"

#include "minrole/recommend.hpp"
#include "minrole/source.hpp"

namespace minrole::cli {

namespace {
struct RecommendOptions {
    IntentInput intent;
    std::string service;
    long budget_ms = 2000;
};
} // namespace

void attach_recommend(CLI::App& command, Context& context) {
    auto output = std::make_shared<OutputOptions>();
    auto options = std::make_shared<RecommendOptions>();
    add_output_options(command, *output, Result::Recommendation);
    add_intent_options(command, options->intent, true);
    command.add_option("--service", options->service, "service name for the role (overrides the intent's)");
    command.add_option("--budget-ms", options->budget_ms, "exact-search time budget per workspace")
        ->check(CLI::Range(1L, 3600000L))
        ->default_str("2000");
    command.callback([&context, output, options] {
        context.run = [&context, output, options] {
            if (!options->intent.given()) {
                throw Error("recommend needs an intent file, --op or --scan");
            }
            const Model& model = context.model();
            const Router& router = context.router();
            Intent intent = options->intent.load(model, router);
            finish_progress();
            if (!options->service.empty()) {
                intent.service = options->service;
            }
            SolveOptions solve_options;
            solve_options.budget = std::chrono::milliseconds(options->budget_ms);
            const Recommendation result = recommend(model, router, intent, solve_options);
            emit(*output, render_recommendation(model, result, chosen_format(*output)));
            return result.complete() ? kExitOk : kExitFindings;
        };
    });
}

} // namespace minrole::cli
