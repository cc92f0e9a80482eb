#include "commands.hpp"

#include "output_file.hpp"

#include "minrole/openapi.hpp"
#include "minrole/source.hpp"

#include <filesystem>

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
            // What it did, printed once everything is done (emit: redacted, escaped, and a
            // failed write to standard output is exit 2).
            std::string said;
            if (options->check) {
                for (const auto& [name, text] : files) {
                    const std::string path = (fs::path(options->out_dir) / name).string();
                    std::error_code ec;
                    const std::string current = fs::exists(path, ec) ? read_source(path).text : std::string();
                    if (current != text) {
                        said += path + ": differs from the specs\n";
                        status = kExitFindings;
                    }
                }
                // A rules file the specs no longer produce is stale too.
                std::error_code ec;
                for (fs::directory_iterator it(options->out_dir, ec), end; !ec && it != end; it.increment(ec)) {
                    const std::string name = it->path().filename().string();
                    if (it->path().extension() == ".yaml" && files.count(name) == 0 &&
                        read_source(it->path().string()).text.find("\nkind: rules") != std::string::npos) {
                        said += it->path().string() + ": not produced by the specs (stale)\n";
                        status = kExitFindings;
                    }
                }
                emit(OutputOptions{}, said);
                return status;
            }
            std::error_code ec;
            fs::create_directories(options->out_dir, ec);
            if (ec) {
                throw Error(Location{options->out_dir, 0, 0}, "cannot create the folder: " + ec.message());
            }
            // All files as one: each is complete in its temporary file before the first is
            // replaced, so a full disk or `ulimit -f` leaves the old rules as they were.
            std::vector<OutputFile> outputs;
            for (const auto& [name, text] : files) {
                outputs.push_back(OutputFile{(fs::path(options->out_dir) / name).string(), text});
                std::size_t count = 0;
                for (std::size_t at = text.find("\n  - id: "); at != std::string::npos; at = text.find("\n  - id: ", at + 1)) {
                    ++count;
                }
                said += "wrote " + outputs.back().path + " (" + std::to_string(count) + " operations)\n";
            }
            write_output_files(outputs);
            emit(OutputOptions{}, said);
            return status;
        };
    });
}

} // namespace minrole::cli
