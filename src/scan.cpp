// scan: walks the given paths (scan_walk.cpp), evaluates the parsed code as one project, adds
// each sighting's source line, and folds everything into operations with evidence
// (scan_fold.cpp); scan_to_intent turns the result into an intent for recommend and audit;
// scan_code_files does the parsed-code part for files held in memory.
#include "minrole/scan.hpp"

#include "code_eval.hpp"
#include "minrole/redact.hpp"
#include "scan_fold.hpp"
#include "scan_walk.hpp"

#include <algorithm>
#include <fstream>
#include <map>

namespace minrole {

namespace {

// The source line of each sighting from parsed code, trimmed and redacted: each file with a
// sighting is read once more (the parse kept no text).
void add_snippets(std::vector<Sighting>& sightings) {
    std::map<std::string, std::vector<Sighting*>> by_file;
    for (auto& s : sightings) {
        if (s.snippet.empty() && s.line > 0) {
            by_file[s.file].push_back(&s);
        }
    }
    for (auto& [file, list] : by_file) {
        std::ifstream in(file, std::ios::binary);
        if (!in) {
            continue;
        }
        std::sort(list.begin(), list.end(), [](const Sighting* a, const Sighting* b) { return a->line < b->line; });
        std::string line;
        std::uint64_t number = 0;
        std::size_t next = 0;
        while (next < list.size() && std::getline(in, line)) {
            ++number;
            while (next < list.size() && list[next]->line == number) {
                std::string_view body(line);
                if (!body.empty() && body.back() == '\r') {
                    body.remove_suffix(1);
                }
                const auto begin = body.find_first_not_of(" \t");
                body = begin == std::string_view::npos ? std::string_view() : body.substr(begin);
                if (body.size() > 160) {
                    body = body.substr(0, 160);
                }
                list[next]->snippet = redact_code(body);
                ++next;
            }
        }
    }
}

} // namespace

void scan_code_files(const std::vector<SourceFile>& files, const std::vector<SdkMap>& sdks, const SightingSink& sink) {
    code::Project project;
    for (const SourceFile& file : files) {
        code::FileIR ir;
        if (code::parsed_language(file.path) != nullptr && code::lower_source(file.path, file.text, ir)) {
            project.add(std::move(ir));
            continue;
        }
        const bool test = code::is_test_path(file.path);
        scan_source_text(file.path, file.text, [&](Sighting&& s) {
            s.test = test;
            s.derivation = "literal (lexical)";
            sink(std::move(s));
        });
    }
    project.evaluate(sdks, sink);
}

ScanResult scan(const Router& router, const std::vector<std::string>& paths, const ScanOptions& options) {
    ScanResult result;
    result.roots = paths;
    scanning::Folder folder(router, router.rules(), options.cache_routes);
    code::Project project;
    scanning::Walker walker(options, result, folder, project);
    for (const auto& path : paths) {
        walker.root(path);
    }
    walker.describe([&router](const std::string& method, const std::string& path) {
        const auto request = parse_request(method + " " + path);
        return request && router.route(*request).status == MatchStatus::Matched;
    });
    std::vector<SdkMap> sdks = builtin_sdk_maps();
    sdks.insert(sdks.end(), options.sdks.begin(), options.sdks.end());
    std::vector<Sighting> sightings;
    project.evaluate(sdks, [&](Sighting&& s) {
        if (!options.include_tests && s.test) {
            ++result.test_sightings_excluded;
            return;
        }
        sightings.push_back(std::move(s));
    }, code::Project::ParameterHoles::AtCallSites, &result.notes);
    add_snippets(sightings);
    for (auto& s : sightings) {
        folder.add(std::move(s));
    }
    folder.into(result);
    return result;
}

Intent scan_to_intent(const RuleSet& rules, const ScanResult& result) {
    Intent intent;
    intent.service = "scanned";
    WorkspaceIntent& w = intent.workspace(kDefaultWorkspace);
    auto evidence_note = [](const std::vector<std::string>& evidence, std::uint64_t calls, bool test_only = false) {
        std::string note;
        for (const auto& e : evidence) {
            note += (note.empty() ? "" : ", ") + e;
        }
        return note + " (" + std::to_string(calls) + (calls == 1 ? " sighting" : " sightings") +
               (test_only ? ", test code only)" : ")");
    };
    for (const auto& op : result.operations) {
        IntendedOperation io;
        io.text = rules.at(op.endpoint).key();
        io.parameters = op.parameters;
        io.evidence = evidence_note(op.evidence, op.calls, op.test_only);
        io.note = io.evidence;
        io.test_only = op.test_only;
        w.operations.push_back(std::move(io));
    }
    for (const auto& a : result.ambiguous) {
        IntendedOperation io;
        io.text = a.target;
        io.evidence = evidence_note(a.evidence, a.calls);
        io.note = "ambiguous: the HTTP method could not be inferred; " + io.evidence;
        w.operations.push_back(std::move(io));
    }
    for (const auto& u : result.unmatched) {
        IntendedOperation io;
        io.text = u.text;
        io.evidence = evidence_note(u.evidence, u.calls);
        io.note = "unmatched: " + io.evidence;
        w.operations.push_back(std::move(io));
    }
    intent.unmatched_left_out = result.unmatched_left_out;
    return intent;
}

} // namespace minrole
