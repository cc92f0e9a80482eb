// The catalog and rules loader: the input is a rules (or any kind of) file next to the default permissions.
#include "common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const minrole::SourceFile permissions = [] {
        for (const auto& s : minrole::embedded_sources()) {
            if (s.path.find("permissions") != std::string::npos) {
                return s;
            }
        }
        return minrole::SourceFile{};
    }();
    try {
        (void)minrole::load_model({permissions, fuzz::input(data, size, "rules/fuzz.yaml")});
    } catch (const minrole::Error&) {
    }
    return 0;
}
