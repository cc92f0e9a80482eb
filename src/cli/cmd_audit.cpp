#include "commands.hpp"
#include "intent_input.hpp"
#include "shell.hpp"
#include "pull_input.hpp"

#include "minrole/audit.hpp"
#include "minrole/instance.hpp"
#include "minrole/source.hpp"

#include <filesystem>
#include <iostream>

namespace minrole::cli {

namespace {
struct AuditOptions {
    std::string role_path;
    std::string instance_path;
    std::string policy_path;
    bool no_policy = false;
    std::string fail_on;
    std::string today;
    IntentInput intent;
    bool pull = false;
    PullInput pull_input;
};
} // namespace

void attach_audit(CLI::App& command, Context& context) {
    auto output = std::make_shared<OutputOptions>();
    auto options = std::make_shared<AuditOptions>();
    add_output_options(command, *output, Result::Audit);
    command.add_option("--role", options->role_path, "role spec YAML (required unless --instance)");
    command.add_option("--instance", options->instance_path,
                       "audit a whole instance: workspaces, roles, users and Custom Services (kind: instance)")
        ->type_name("FILE");
    add_intent_options(command, options->intent, false);
    command.add_option("--policy", options->policy_path, "policy file (default: .minrole.yaml here or above)");
    command.add_flag("--no-policy", options->no_policy, "ignore any .minrole.yaml");
    command.add_option("--fail-on", options->fail_on, "exit 1 on findings at or above: error|warning|note|none")
        ->check(CLI::IsMember({"error", "warning", "note", "none"}));
    command.add_option("--today", options->today, "date exceptions are checked against (YYYY-MM-DD; default: today, UTC)");
    command.add_flag("--pull", options->pull,
                     "first refresh the snapshot the --instance file imports, from the live instance (instance pull)");
    add_pull_options(command, options->pull_input, "With --pull");
    command.callback([&context, output, options] {
        context.run = [&context, output, options] {
            if (!options->instance_path.empty() && (!options->role_path.empty() || options->intent.given())) {
                throw Error("--instance carries its own roles and intents: drop --role, --intent, --op and --scan");
            }
            if (options->instance_path.empty() && options->role_path.empty()) {
                throw Error("audit needs --role FILE (or --instance FILE)");
            }
            if (options->pull && options->instance_path.empty()) {
                throw Error("--pull refreshes the snapshot an --instance file imports: give --instance FILE");
            }
            if (options->instance_path.empty() && !options->intent.given()) {
                throw Error("audit needs the intent: --intent FILE, --op and/or --scan PATH");
            }
            Policy policy;
            std::string policy_path = options->policy_path;
            if (policy_path.empty() && !options->no_policy) {
                policy_path = find_policy_upward(".").value_or("");
            }
            if (!policy_path.empty()) {
                policy = parse_policy(read_source(policy_path));
                context.overrides.insert(context.overrides.end(), policy.overrides.begin(), policy.overrides.end());
            }
            const Model& model = context.model();
            const std::string today = options->today.empty() ? today_utc() : options->today;
            if (!valid_date(today)) {
                throw Error("--today expects a date as YYYY-MM-DD, found '" + options->today + "'");
            }
            Severity threshold = policy.fail_on.value_or(Severity::Warning);
            if (!options->fail_on.empty()) {
                threshold = *parse_severity(options->fail_on);
            }
            const PullInput& p = options->pull_input;
            if (!options->pull && (p.has_target() || !p.cacert.empty() || !p.credentials_file.empty())) {
                throw Error("--munchkin, --base-url, --cacert and --credentials go with --pull");
            }
            if (options->pull) {
                const std::string directory = snapshot_directory_of(read_source(options->instance_path));
                namespace fs = std::filesystem;
                const fs::path instance_file = fs::weakly_canonical(options->instance_path);
                const fs::path snapshot_dir = fs::weakly_canonical(directory);
                if (instance_file.parent_path() == snapshot_dir) {
                    throw Error(Location{options->instance_path, 0, 0},
                                "is inside the snapshot --pull replaces (your additions would be lost): copy it out of " +
                                    directory + "/ and point its import: paths at the snapshot");
                }
                const std::string base_url = options->pull_input.target(snapshot_base_url(directory));
                const Snapshot snapshot = run_pull(options->pull_input, base_url, directory);
                std::cerr << shown(pull_summary(snapshot) + " into " + directory + "/") << "\n";
            }
            if (!options->instance_path.empty()) {
                const Router& router = context.router();
                InstanceOptions instance_options;
                const Instance instance = [&] {
                    ProgressLine progress; // erased when the instance's scans are done, or fail
                    instance_options.scan = progress.options();
                    return parse_instance(model, router, read_source(options->instance_path), instance_options);
                }();
                InstanceAuditReport report = audit_instance(model, router, instance, policy, today);
                report.fail_on = threshold;
                emit(*output, render_instance_audit(model, report, chosen_format(*output)));
                return report.failing(threshold) > 0 ? kExitFindings : kExitOk;
            }
            const RoleSpec role = parse_role(model, read_source(options->role_path));
            const Router& router = context.router();
            const Intent intent = options->intent.load(model, router);
            AuditReport report = audit(model, router, role, intent, policy, today);
            report.fail_on = threshold;
            emit(*output, render_audit(model, report, chosen_format(*output)));
            return report.failing(threshold) > 0 ? kExitFindings : kExitOk;
        };
    });
}

} // namespace minrole::cli
