// Parsed source code: tree-sitter, lowering and evaluation. The first byte picks the language
// (and whether a second file shares the project), so one corpus covers every grammar.
#include "common.hpp"
#include "minrole/scan.hpp"

#include <array>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static constexpr std::array<const char*, 8> kNames{"fuzz.js", "fuzz.ts", "fuzz.py", "fuzz.php",
                                                        "Fuzz.java", "fuzz.go", "fuzz.rb", "Fuzz.cs"};
    if (size == 0) {
        return 0;
    }
    const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
    std::vector<minrole::SourceFile> files;
    const std::size_t split = text.find("\n----\n");
    if ((data[0] & 0x80) != 0 && split != std::string_view::npos) {
        // Two files of one project: definitions in one, calls in the other.
        files.push_back({kNames[data[0] % kNames.size()], std::string(text.substr(0, split))});
        files.push_back({std::string("b_") + kNames[(data[0] + 1) % kNames.size()], std::string(text.substr(split + 6))});
    } else {
        files.push_back({kNames[data[0] % kNames.size()], std::string(text)});
    }
    try {
        minrole::scan_code_files(files, minrole::builtin_sdk_maps(), [](minrole::Sighting&&) {});
    } catch (const minrole::Error&) {
    }
    return 0;
}
