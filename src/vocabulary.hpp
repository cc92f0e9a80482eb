#pragma once
// The library's shared vocabulary: small string helpers every module would otherwise copy.
// Private to the library.
#include <string>
#include <vector>

namespace minrole::vocab {

// "a, b, c" (or any separator).
inline std::string join(const std::vector<std::string>& items, const std::string& separator = ", ") {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        out += (i == 0 ? "" : separator) + items[i];
    }
    return out;
}

} // namespace minrole::vocab
