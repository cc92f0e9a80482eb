#pragma once
// SHA-256 (FIPS 180-4), private to the library. Two uses: the HTML report's CSP pins its inline
// stylesheet and script by hash, and the scan tells identical copies of one source file apart
// from files that merely look alike (a digest an attacker cannot collide, unlike std::hash).
#include <array>
#include <string_view>

namespace minrole {

using Sha256Digest = std::array<unsigned char, 32>;

Sha256Digest sha256(std::string_view bytes);

} // namespace minrole
