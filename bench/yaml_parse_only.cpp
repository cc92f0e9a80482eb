// The floor for loading a catalog from YAML: yaml-cpp alone parsing the same files, nothing else.
// Usage: yaml_parse_only PATH...   (files, or directories searched for *.yaml / *.yml, sorted)
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

int main(int argc, char** argv) {
    namespace fs = std::filesystem;
    std::vector<std::string> files;
    for (int i = 1; i < argc; ++i) {
        const fs::path root(argv[i]);
        if (fs::is_directory(root)) {
            for (const auto& entry : fs::recursive_directory_iterator(root)) {
                const auto ext = entry.path().extension();
                if (entry.is_regular_file() && (ext == ".yaml" || ext == ".yml")) {
                    files.push_back(entry.path().string());
                }
            }
        } else {
            files.push_back(root.string());
        }
    }
    std::sort(files.begin(), files.end());
    std::size_t nodes = 0;
    for (const auto& file : files) {
        const YAML::Node root = YAML::LoadFile(file);
        nodes += root.size();
    }
    std::printf("%zu files, %zu top-level entries\n", files.size(), nodes);
    return 0;
}
