// Identical copies of one source file in a scanned tree (code_evaluator.hpp's Impl::visible):
// grouped by the SHA-256 of their text, and for each use, the copy nearest to it by folder.
#include "code_evaluator.hpp"

#include <map>

namespace minrole::code {
namespace {

// The folders two paths share from the start: app1/sdk/lib/a.js and app1/sdk/util.js share 2;
// app1/x.js and app10/x.js none.
std::size_t shared_folders(const std::string& a, const std::string& b) {
    std::size_t folders = 0;
    for (std::size_t i = 0; i < a.size() && i < b.size() && a[i] == b[i]; ++i) {
        folders += static_cast<std::size_t>(a[i] == '/' || a[i] == '\\');
    }
    return folders;
}

} // namespace

void Project::Impl::index_copies() {
    copy_group.assign(files.size(), kNoCopies);
    copies.clear();
    nearest_copy.clear();
    std::map<Sha256Digest, std::vector<std::uint32_t>> by_digest;
    for (std::uint32_t f = 0; f < files.size(); ++f) {
        if (files[f].digest != Sha256Digest{}) { // an IR built without its text has no digest
            by_digest[files[f].digest].push_back(f);
        }
    }
    for (auto& [digest, group] : by_digest) {
        if (group.size() < 2) {
            continue;
        }
        for (std::uint32_t f : group) {
            copy_group[f] = static_cast<std::uint32_t>(copies.size());
        }
        copies.push_back(std::move(group));
    }
}

bool Project::Impl::visible(std::uint32_t file, std::uint32_t from) const {
    const std::uint32_t group = copy_group[file];
    if (group == kNoCopies) {
        return true;
    }
    if (copy_group[from] == group) {
        return file == from;
    }
    const std::uint64_t key = (std::uint64_t{group} << 32) | from;
    auto it = nearest_copy.find(key);
    if (it == nearest_copy.end()) {
        std::uint32_t best = copies[group].front();
        std::size_t best_shared = shared_folders(files[best].path, files[from].path);
        for (std::uint32_t f : copies[group]) {
            const std::size_t shared = shared_folders(files[f].path, files[from].path);
            if (shared > best_shared) {
                best = f;
                best_shared = shared;
            }
        }
        it = nearest_copy.emplace(key, best).first;
    }
    return it->second == file;
}

} // namespace minrole::code
