// Replays every harness's seed corpus once, without libFuzzer: each file under CORPUS/<harness>/
// goes through that harness. A crash, or an exception other than minrole::Error (which the
// harnesses catch), fails the run; so does a harness with no seeds, since then nothing was tested.
// Usage: minrole_fuzz_replay CORPUS
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace {
struct Harness {
    const char* name;
    int (*run)(const std::uint8_t* data, std::size_t size);
};
} // namespace

#include "fuzz_harnesses.inc"

int main(int argc, char** argv) {
    namespace fs = std::filesystem;
    if (argc != 2) {
        std::fprintf(stderr, "usage: minrole_fuzz_replay CORPUS\n");
        return 2;
    }
    int status = 0;
    for (const Harness& harness : kHarnesses) {
        const fs::path folder = fs::path(argv[1]) / harness.name;
        std::vector<fs::path> seeds;
        std::error_code error;
        for (fs::recursive_directory_iterator it(folder, error), end; !error && it != end; it.increment(error)) {
            if (it->is_regular_file()) {
                seeds.push_back(it->path());
            }
        }
        std::sort(seeds.begin(), seeds.end());
        if (seeds.empty()) {
            std::fprintf(stderr, "%s: no seeds in %s\n", harness.name, folder.string().c_str());
            status = 1;
            continue;
        }
        for (const fs::path& seed : seeds) {
            std::ifstream in(seed, std::ios::binary);
            const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
            if (!in.good() && !in.eof()) {
                std::fprintf(stderr, "%s: cannot read %s\n", harness.name, seed.string().c_str());
                status = 1;
                continue;
            }
            std::fprintf(stderr, "%s: %s\n", harness.name, seed.filename().string().c_str());
            harness.run(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
        }
        std::printf("%s: %zu seeds replayed\n", harness.name, seeds.size());
    }
    return status;
}
