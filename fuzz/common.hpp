#pragma once
// Shared by the libFuzzer harnesses: the default model, built once, and the input as a file.
// A minrole::Error is the expected answer to bad input; anything else escaping is a finding.
#include "minrole/loader.hpp"
#include "minrole/source.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

namespace fuzz {

inline const minrole::Model& model() {
    static const minrole::Model m = minrole::load_default_model();
    return m;
}

inline minrole::SourceFile input(const std::uint8_t* data, std::size_t size, const char* name = "fuzz.yaml") {
    return {name, std::string(reinterpret_cast<const char*>(data), size)};
}

} // namespace fuzz
