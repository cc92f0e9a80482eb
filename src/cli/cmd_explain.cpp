#include "commands.hpp"

#include "minrole/router.hpp"

namespace minrole::cli {

void attach_explain(CLI::App& command, Context& context) {
    auto options = std::make_shared<OutputOptions>();
    auto subject = std::make_shared<std::string>();
    add_output_options(command, *options, Result::Explain);
    command.add_option("subject", *subject, "a permission name or alias, an operationId, or \"METHOD /path\"")
        ->required();
    command.callback([&context, options, subject] {
        context.run = [&context, options, subject] {
            const Model& model = context.model();
            if (auto permission = model.catalog.find_any_case(*subject)) {
                emit(*options, render_explain_permission(model, *permission, chosen_format(*options)));
                return kExitOk;
            }
            const Router& router = context.router();
            const RouteMatch match = router.route(*subject);
            if (match.status == MatchStatus::Matched) {
                emit(*options, render_explain_endpoint(model, *match.endpoint, chosen_format(*options)));
                return kExitOk;
            }
            // The path exists with another method ("GET .../trigger.json" for a POST endpoint):
            // say which, rather than listing merely similar paths.
            if (const auto request = parse_request(*subject); request && !request->method.empty()) {
                const std::vector<EndpointId> others = router.match_any_method(request->path);
                if (!others.empty()) {
                    std::string message = "'" + *subject + "' is no known endpoint: the path takes another method; did you mean ";
                    for (std::size_t i = 0; i < others.size(); ++i) {
                        message += (i == 0 ? "" : " | ") + model.rules.at(others[i]).key();
                    }
                    throw Error(message);
                }
            }
            std::string message = "'" + *subject + "' is no known permission, operationId or endpoint";
            const std::string hint = did_you_mean(*subject, model.catalog.spellings());
            if (!hint.empty()) {
                message += "; did you mean permission '" + hint + "'";
            }
            // Endpoints that merely share letters with a permission's name ('Read Write Leads' is
            // not near POST /subscriptions/{munchkinId}/lists) are noise: they are offered beside a
            // permission only when the subject is written as a path.
            const bool path_like = subject->find('/') != std::string::npos;
            // A word that is no permission may be a misspelt operationId (getLeadByIdUsingGet).
            std::string operation_hint;
            if (hint.empty() && !path_like) {
                std::vector<std::string> ids;
                for (EndpointId e = 0; e < model.rules.size(); ++e) {
                    ids.push_back(model.rules.at(e).operation_id);
                }
                operation_hint = did_you_mean(*subject, ids);
                if (!operation_hint.empty()) {
                    message += "; did you mean operationId '" + operation_hint + "' (" +
                               model.rules.at(*model.rules.find_operation(operation_hint)).key() + ")";
                }
            }
            if (!match.candidates.empty() && operation_hint.empty() && (hint.empty() || path_like)) {
                message += hint.empty() ? "; closest endpoints: " : ", or endpoint ";
                for (std::size_t i = 0; i < match.candidates.size(); ++i) {
                    message += (i == 0 ? "" : " | ") + model.rules.at(match.candidates[i]).key();
                }
            }
            throw Error(message);
        };
    });
}

} // namespace minrole::cli
