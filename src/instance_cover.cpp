// narrowest_workspaces: the fewest workspaces that reach a set of lead partitions (a set cover,
// exhaustive for up to 20 candidate workspaces, greedy beyond).
#include "minrole/instance.hpp"

#include <algorithm>
#include <functional>
#include <set>

namespace minrole {

namespace {

using ReachesFn = std::function<bool(const std::string& workspace, const std::string& partition)>;

// Subsets of `names` by size, then lexicographically: the first that reaches every partition of
// `open`, or none.
std::vector<std::string> smallest_cover(const std::vector<std::string>& names, const std::vector<std::string>& open,
                                        const ReachesFn& reached_by) {
    for (std::size_t k = 1; k <= names.size(); ++k) {
        std::vector<std::size_t> pick(k);
        for (std::size_t i = 0; i < k; ++i) {
            pick[i] = i;
        }
        while (true) {
            const bool covers = std::all_of(open.begin(), open.end(), [&](const std::string& p) {
                return std::any_of(pick.begin(), pick.end(), [&](std::size_t i) { return reached_by(names[i], p); });
            });
            if (covers) {
                std::vector<std::string> best;
                for (std::size_t i : pick) {
                    best.push_back(names[i]);
                }
                return best;
            }
            // Next combination in lexicographic order.
            std::size_t i = k;
            while (i > 0 && pick[i - 1] == names.size() - k + i - 1) {
                --i;
            }
            if (i == 0) {
                break;
            }
            ++pick[i - 1];
            for (std::size_t j = i; j < k; ++j) {
                pick[j] = pick[j - 1] + 1;
            }
        }
    }
    return {};
}

// Repeatedly the workspace reaching most of the partitions left (the first by name on ties).
std::vector<std::string> greedy_cover(const std::vector<std::string>& names, const std::vector<std::string>& open,
                                      const ReachesFn& reached_by) {
    std::vector<std::string> best;
    std::vector<std::string> left = open;
    while (!left.empty()) {
        std::string pick;
        std::size_t most = 0;
        for (const auto& w : names) {
            const auto n = static_cast<std::size_t>(
                std::count_if(left.begin(), left.end(), [&](const std::string& p) { return reached_by(w, p); }));
            if (n > most) {
                most = n;
                pick = w;
            }
        }
        best.push_back(pick);
        left.erase(std::remove_if(left.begin(), left.end(), [&](const std::string& p) { return reached_by(pick, p); }),
                   left.end());
    }
    return best;
}

} // namespace

std::vector<std::string> narrowest_workspaces(const Instance& instance, const std::vector<std::string>& partitions,
                                              const std::vector<std::string>& fixed,
                                              const std::vector<std::string>& candidates) {
    std::set<std::string> chosen(fixed.begin(), fixed.end());
    const ReachesFn reached_by = [&](const std::string& workspace, const std::string& partition) {
        const InstanceWorkspace* w = instance.workspace(workspace);
        return w != nullptr && std::find(w->partitions.begin(), w->partitions.end(), partition) != w->partitions.end();
    };
    // Partitions the fixed workspaces do not reach, and that some candidate can.
    std::vector<std::string> open;
    std::set<std::string> pool;
    for (const auto& p : std::set<std::string>(partitions.begin(), partitions.end())) {
        if (std::any_of(chosen.begin(), chosen.end(), [&](const std::string& w) { return reached_by(w, p); })) {
            continue;
        }
        bool reachable = false;
        for (const auto& w : instance.reaching(p)) {
            if (candidates.empty() || std::find(candidates.begin(), candidates.end(), w) != candidates.end()) {
                pool.insert(w);
                reachable = true;
            }
        }
        if (reachable) {
            open.push_back(p);
        }
    }
    const std::vector<std::string> names(pool.begin(), pool.end()); // sorted
    // Exhaustive up to 20 candidates; beyond that greedy.
    std::vector<std::string> best;
    if (!open.empty()) {
        best = names.size() <= 20 ? smallest_cover(names, open, reached_by) : greedy_cover(names, open, reached_by);
    }
    chosen.insert(best.begin(), best.end());
    return {chosen.begin(), chosen.end()};
}

} // namespace minrole
