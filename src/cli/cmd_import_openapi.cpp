#include "commands.hpp"

#include "minrole/openapi.hpp"
#include "minrole/source.hpp"

#include <filesystem>
#include <fstream>
#include <iostream>

namespace minrole::cli {

namespace {
struct ImportOptions {
    std::vector<std::string> specs;
    std::string out_dir;
    bool check = false;
};
} // namespace

// Regenerates rules/marketo/*.yaml from Adobe's specs. With --check, compares instead of
// writing and exits 1 when the rules on disk differ from what the specs say.
void attach_import_openapi(CLI::App& command, Context& context) {
    auto options = std::make_shared<ImportOptions>();
    command.add_option("specs", options->specs, "Swagger/OpenAPI JSON files")->required();
    command.add_option("--out", options->out_dir, "directory to write one rules file per API area into")->required();
    command.add_flag("--check", options->check, "do not write; exit 1 if the files in --out differ");
    command.callback([&context, options] {
        context.run = [&context, options] {
            const Model& model = context.model();
            std::vector<ImportedSpec> specs;
            for (const auto& path : options->specs) {
                specs.push_back(import_openapi(model.catalog, read_source(path)));
            }
            const auto files = render_rules_files(model.catalog, specs);
            namespace fs = std::filesystem;
            int status = kExitOk;
            for (const auto& [name, text] : files) {
                const std::string path = (fs::path(options->out_dir) / name).string();
                if (options->check) {
                    std::string current;
                    std::error_code ec;
                    if (fs::exists(path, ec)) {
                        current = read_source(path).text;
                    }
                    if (current != text) {
                        std::cout << shown(path) << ": differs from the specs\n";
                        status = kExitFindings;
                    }
                    continue;
                }
                fs::create_directories(options->out_dir);
                emit(OutputOptions{"yaml", path}, text);
                std::size_t count = 0;
                for (std::size_t at = text.find("\n  - id: "); at != std::string::npos; at = text.find("\n  - id: ", at + 1)) {
                    ++count;
                }
                std::cout << "wrote " << shown(path) << " (" << count << " operations)\n";
            }
            if (options->check) {
                // A rules file the specs no longer produce is stale too.
                std::error_code ec;
                for (fs::directory_iterator it(options->out_dir, ec), end; !ec && it != end; it.increment(ec)) {
                    const std::string name = it->path().filename().string();
                    if (it->path().extension() == ".yaml" && files.count(name) == 0 &&
                        read_source(it->path().string()).text.find("\nkind: rules") != std::string::npos) {
                        std::cout << shown(it->path().string()) << ": not produced by the specs (stale)\n";
                        status = kExitFindings;
                    }
                }
            }
            return status;
        };
    });
}

} // namespace minrole::cli
