#include "commands.hpp"
#include "shell.hpp"

#include "minrole/sdk.hpp"
#include "minrole/source.hpp"

#include <filesystem>

namespace minrole::cli {

namespace {
struct ImportSdkOptions {
    std::string directory;
    SdkImportOptions sdk;
    std::string out;
    bool check = false;
};
} // namespace

// Writes an SDK map (kind: sdk) by scanning an SDK's source: every public method and the
// operations it sends. With --check, compares with --out instead and exits 1 when it differs.
void attach_import_sdk(CLI::App& command, Context& context) {
    auto options = std::make_shared<ImportSdkOptions>();
    command.add_option("directory", options->directory, "the SDK's source tree (an unpacked package)")->required();
    command.add_option("--name", options->sdk.name, "the package name (node-marketo-rest)")->required();
    command.add_option("--version", options->sdk.version, "the package version scanned")->required();
    command.add_option("--style", options->sdk.style, "how applications call it: member (client.lead.find) or dispatch")
        ->check(CLI::IsMember({"member", "dispatch"}));
    command.add_option("--dispatch", options->sdk.dispatch_function, "dispatch style: the function applications call (execute)");
    command.add_option("--dispatch-argument", options->sdk.dispatch_argument, "dispatch style: its argument naming the method (method)");
    command.add_option("--module", options->sdk.modules, "an import name that means the SDK is used (repeatable; default: --name)");
    command.add_option("-o,--out", options->out, "write the map here (default: standard output)")->check(non_empty_file_name);
    command.add_flag("--check", options->check, "do not write; exit 1 if --out differs from what the SDK gives");
    command.callback([&context, options] {
        context.run = [&context, options] {
            if (options->sdk.style == "dispatch" && (options->sdk.dispatch_function.empty() || options->sdk.dispatch_argument.empty())) {
                throw Error(Location{"--style", 0, 0}, "dispatch style needs --dispatch and --dispatch-argument");
            }
            std::vector<ScanNote> notes;
            const SdkMap map = import_sdk(context.router(), options->directory, options->sdk, &notes);
            for (const ScanNote& note : notes) {
                warn(note.file + ": " + note.note + "; methods it defines may be missing from the map");
            }
            const std::string text = render_sdk_map(map);
            if (options->check) {
                if (options->out.empty()) {
                    throw Error(Location{"--check", 0, 0}, "--check needs --out FILE to compare with");
                }
                std::error_code ec;
                const std::string current = std::filesystem::exists(options->out, ec) ? read_source(options->out).text : std::string();
                if (current != text) {
                    emit(OutputOptions{}, options->out + ": differs from what " + options->sdk.name + " " + options->sdk.version + " gives\n");
                    return kExitFindings;
                }
                return kExitOk;
            }
            emit(OutputOptions{"yaml", options->out}, text);
            return kExitOk;
        };
    });
}

} // namespace minrole::cli
