// `minrole instance pull`: a live instance's users, roles, workspaces and lead partitions, saved
// as a snapshot folder with an instance file that imports it (instance_pull.hpp).
#include "commands.hpp"
#include "pull_input.hpp"

#include "minrole/instance_pull.hpp"
#include "minrole/recommend.hpp"

#include <iostream>

namespace minrole::cli {

namespace {
struct InstancePullOptions {
    PullInput pull;
    std::string directory;
    std::string init;
    bool dry_run = false;
    bool print_role = false;
    std::string format = "text";
};
} // namespace

void attach_instance(CLI::App& command, Context& context) {
    command.require_subcommand(1, 1);
    CLI::App* pull = command.add_subcommand("pull", "read a live instance's users, roles, workspaces and lead partitions "
                                                    "over its REST API into a snapshot folder");
    auto options = std::make_shared<InstancePullOptions>();
    add_pull_options(*pull, options->pull);
    pull->add_option("-o,--output", options->directory, "the snapshot folder to write (replaced atomically)")
        ->type_name("DIR")
        ->check(non_empty_file_name);
    pull->add_option("--init", options->init,
                     "also write FILE, an instance file importing the snapshot, to complete and keep (never replaced)")
        ->type_name("FILE")
        ->check(non_empty_file_name);
    pull->add_flag("--dry-run", options->dry_run, "print the calls a pull would make, and make none");
    pull->add_flag("--print-role", options->print_role,
                   "print the minimal role the pulling API-Only user needs (minrole's own recommend)");
    pull->add_option("-f,--format", options->format, "--print-role output format: text|json|yaml|md")
        ->check(CLI::IsMember({"text", "json", "yaml", "md"}))
        ->default_str("text");
    pull->callback([&context, options] {
        context.run = [&context, options] {
            if (options->print_role) {
                const Recommendation role = recommend(context.model(), context.router(), pull_intent());
                OutputOptions output;
                output.format = options->format;
                emit(output, render_recommendation(context.model(), role, chosen_format(output)));
                return role.complete() ? kExitOk : kExitFindings;
            }
            const std::string base_url = options->pull.target();
            if (options->dry_run) {
                std::string plan;
                for (const auto& line : planned_calls(options->pull.options(base_url))) {
                    plan += line + "\n";
                }
                plan += "then writes " + (options->directory.empty() ? std::string("DIR") : options->directory) +
                        "/ (users/, user-roles/, leads/, instance.yaml, " + kSnapshotMarker + ")\n";
                emit(OutputOptions{}, plan);
                return kExitOk;
            }
            if (options->directory.empty()) {
                throw Error("instance pull needs -o DIR, the snapshot folder to write (or --dry-run, --print-role)");
            }
            const Snapshot snapshot = run_pull(options->pull, base_url, options->directory);
            std::string report = pull_summary(snapshot) + "\nwrote " + options->directory + "/\n";
            if (options->init.empty()) {
                report += "next: add role permissions, workspace partitions and services to a copy of " + options->directory +
                          "/instance.yaml (or use --init FILE), then `minrole audit --instance FILE`\n";
            } else if (write_instance_template(snapshot, options->directory, options->init)) {
                report += "wrote " + options->init + ": add role permissions, workspace partitions and services, then "
                          "`minrole audit --instance " + options->init + " --pull`\n";
            } else {
                report += options->init + " exists and was left as it is\n";
            }
            emit(OutputOptions{}, report);
            return kExitOk;
        };
    });
}

} // namespace minrole::cli
