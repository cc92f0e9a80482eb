#include "commands.hpp"

#include "minrole/error.hpp"
#include "minrole/schema.hpp"

namespace minrole::cli {

void attach_schema(CLI::App& command, Context& context) {
    auto output = std::make_shared<OutputOptions>();
    auto name = std::make_shared<std::string>();
    command.add_option("kind", *name, "the schema to print: a YAML kind (intent, role, policy, ...) or a JSON report "
                                      "(recommendation, audit, ...); leave out to list them");
    command.add_option("-o,--output", output->output, "write to FILE (atomically) instead of standard output")
        ->check(non_empty_file_name);
    command.callback([&context, output, name] {
        context.run = [output, name] {
            if (name->empty()) {
                std::string list;
                for (const auto& s : schemas()) {
                    list += std::string(s.name) + "\t" + installed_schema_path(s.name) + "\n";
                }
                emit(*output, list);
                return kExitOk;
            }
            const auto text = find_schema(*name);
            if (!text) {
                std::vector<std::string> names;
                for (const auto& s : schemas()) {
                    names.emplace_back(s.name);
                }
                const std::string hint = did_you_mean(*name, names);
                std::string all;
                for (const auto& n : names) {
                    all += (all.empty() ? "" : ", ") + n;
                }
                throw Error("unknown schema '" + *name + "'" + (hint.empty() ? "" : " (did you mean '" + hint + "'?)") +
                            "; known: " + all);
            }
            emit(*output, std::string(*text));
            return kExitOk;
        };
    });
}

} // namespace minrole::cli
