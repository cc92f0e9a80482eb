// Which source files are test code (tests/, spec/, fixtures/ ... or named like a test in any of
// the parsed languages' conventions): their sightings are reported apart.
#include "code_ir.hpp"

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>

namespace minrole::code {

bool is_test_path(const std::string& path) {
    std::string lower = path;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    const std::string with_slash = "/" + lower;
    for (std::string_view folder : {"/test/", "/tests/", "/spec/", "/specs/", "/__tests__/", "/__mocks__/", "/fixtures/", "/testdata/",
                                    "/test_data/", "/mocks/", "/e2e/"}) {
        if (with_slash.find(folder) != std::string::npos) {
            return true;
        }
    }
    const std::size_t slash = lower.rfind('/');
    const std::string_view name = std::string_view(lower).substr(slash == std::string::npos ? 0 : slash + 1);
    const std::size_t dot = name.find('.');
    const std::string_view stem = name.substr(0, dot);
    return name.rfind("test_", 0) == 0 || name.find(".test.") != std::string_view::npos ||
           name.find(".spec.") != std::string_view::npos || (stem.size() > 5 && stem.substr(stem.size() - 5) == "_test") ||
           (stem.size() > 5 && stem.substr(stem.size() - 5) == "_spec") ||
           (stem.size() > 4 && stem.substr(stem.size() - 4) == "test" && path[path.size() - name.size() + stem.size() - 4] == 'T') ||
           (stem.size() > 5 && stem.substr(stem.size() - 5) == "tests" && path[path.size() - name.size() + stem.size() - 5] == 'T');
}

} // namespace minrole::code
