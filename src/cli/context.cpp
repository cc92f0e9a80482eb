#include "context.hpp"
#include "shell.hpp"

#include "minrole/display.hpp"
#include "minrole/redact.hpp"
#include "output_file.hpp"
#include "minrole/source.hpp"

#include <unistd.h>


namespace minrole::cli {

const Model& Context::model() {
    if (!model_) {
        model_ = std::make_unique<Model>(catalog_paths.empty() ? load_default_model()
                                                               : load_model(read_yaml_tree(catalog_paths, [](const SkippedDirectory& skipped) {
                                                                     warn(skipped.path + ": cannot read directory, not loaded: " + skipped.reason);
                                                                 })));
        for (const auto& path : overrides) {
            apply_overrides(*model_, read_source(path));
        }
    }
    return *model_;
}

const Router& Context::router() {
    if (!router_) {
        router_ = std::make_unique<Router>(model().rules);
    }
    return *router_;
}

void add_output_options(CLI::App& command, OutputOptions& options, Result result) {
    const std::string default_format = to_string(minrole::default_format(result));
    options.format = default_format;
    // The default first, then the others in format-table order.
    std::vector<std::string> formats{default_format};
    for (Format f : formats_for(result)) {
        if (to_string(f) != default_format) {
            formats.emplace_back(to_string(f));
        }
    }
    std::string list;
    for (const auto& f : formats) {
        list += (list.empty() ? "" : "|") + f;
    }
    command.add_option("-f,--format", options.format, "output format: " + list)
        ->check(CLI::IsMember(formats))
        ->default_str(default_format);
    command.add_option("-o,--output", options.output, "write to FILE (atomically) instead of standard output")
        ->check(non_empty_file_name);
}

// `-o "$UNSET_VARIABLE"` is a mistake, not a request for standard output (that is `-o -`).
std::string non_empty_file_name(const std::string& value) { return value.empty() ? "an empty file name (use - for standard output)" : ""; }

Format chosen_format(const OutputOptions& options) { return *parse_format(options.format); }

std::string redact_lines(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    // One line at a time: a value never runs on into the next line, and newlines stay.
    while (!text.empty()) {
        const std::size_t end = text.find('\n');
        if (end == std::string_view::npos) {
            out += redact(text);
            break;
        }
        out += redact(text.substr(0, end));
        out += '\n';
        text.remove_prefix(end + 1);
    }
    return out;
}

void emit(const OutputOptions& options, const std::string& report) {
    // Reports echo their inputs (operations, names, notes, paths, justifications): whatever a
    // command renders leaves through redact(), line by line, like every error message does, and
    // then through displayable_lines(): no control character, bidi override or invalid UTF-8
    // from an input reaches a terminal, a CI log or a file.
    const std::string text = displayable_lines(redact_lines(report));
    if (options.output.empty() || options.output == "-") {
        // Colour only a text report on a terminal (shell.hpp), after redaction and escaping.
        write_stdout(options.format == "text" && color_enabled(STDOUT_FILENO) ? colorize_report(text) : text);
    } else {
        write_output_file(options.output, text);
    }
}

} // namespace minrole::cli
