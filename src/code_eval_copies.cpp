// Identical copies of one source file in a scanned tree (code_evaluator.hpp's Impl::near):
// grouped by the SHA-256 of their text, and for each use, the copy nearest to it by folder.
#include "code_evaluator.hpp"

#include <algorithm>
#include <iterator>
#include <map>
#include <string_view>

namespace minrole::code {
namespace {

// The folders two paths share from the start: app1/sdk/lib/a.js and app1/sdk/util.js share 2;
// app1/x.js and app10/x.js none.
std::size_t shared_folders(std::string_view a, std::string_view b) {
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
        std::sort(group.begin(), group.end(), [&](std::uint32_t a, std::uint32_t b) { return files[a].path < files[b].path; });
        for (std::uint32_t f : group) {
            copy_group[f] = static_cast<std::uint32_t>(copies.size());
        }
        copies.push_back(std::move(group));
    }
}

std::uint32_t Project::Impl::nearest_copy_of(std::uint32_t file, std::uint32_t from) const {
    const std::uint32_t group = copy_group[file];
    if (group == kNoCopies) {
        return file;
    }
    if (copy_group[from] == group) {
        return from;
    }
    const std::uint64_t key = (std::uint64_t{group} << 32) | from;
    if (const auto it = nearest_copy.find(key); it != nearest_copy.end()) {
        return it->second;
    }
    // Members are sorted by path, so the most folders `to` shares with any of them it shares
    // with a neighbour of its place in that order; the members sharing that many are those under
    // the same folders, a contiguous run whose first is the answer: O(log n) per use's file.
    const std::vector<std::uint32_t>& members = copies[group];
    const std::string_view to = files[from].path;
    const auto by_path = [&](std::uint32_t f, std::string_view path) { return std::string_view(files[f].path) < path; };
    const auto place = std::lower_bound(members.begin(), members.end(), to, by_path);
    std::size_t most = 0;
    if (place != members.end()) {
        most = shared_folders(files[*place].path, to);
    }
    if (place != members.begin()) {
        most = std::max(most, shared_folders(files[*std::prev(place)].path, to));
    }
    std::size_t end = 0;
    for (std::size_t seen = 0; seen < most; ++end) {
        seen += static_cast<std::size_t>(to[end] == '/' || to[end] == '\\');
    }
    const std::uint32_t nearest = *std::lower_bound(members.begin(), members.end(), to.substr(0, end), by_path);
    nearest_copy.emplace(key, nearest);
    return nearest;
}

} // namespace minrole::code
