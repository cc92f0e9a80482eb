// In-process timings of the library's phases, so that a figure is not hidden by another phase
// (loading a 15 MB YAML catalog takes longer than solving on it).
//   bench_lib solve  CATALOG_DIR INTENT RUNS [BUDGET_MS]
//   bench_lib reach  CATALOG_DIR ROLE_OLD ROLE_NEW INTENT RUNS
// Prints "key value" lines: phase medians in milliseconds and facts about the result.
#include "minrole/allows.hpp"
#include "minrole/audit.hpp"
#include "minrole/diff.hpp"
#include "minrole/intent.hpp"
#include "minrole/loader.hpp"
#include "minrole/recommend.hpp"
#include "minrole/report.hpp"
#include "minrole/role.hpp"
#include "minrole/router.hpp"
#include "minrole/source.hpp"

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

namespace {

using namespace minrole;
using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

double time_median(int runs, const std::function<void()>& body) {
    std::vector<double> samples;
    for (int i = 0; i < runs; ++i) {
        const auto start = Clock::now();
        body();
        samples.push_back(ms_since(start));
    }
    return median(samples);
}

long peak_rss_kb() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

Model load(const std::string& dir) {
    const auto start = Clock::now();
    Model model = load_model(read_yaml_tree({dir}));
    std::printf("load_ms %.3f\nload_rss_kb %ld\n", ms_since(start), peak_rss_kb());
    return model;
}

int solve_mode(int argc, char** argv) {
    if (argc < 5) {
        return 2;
    }
    const Model model = load(argv[2]);
    auto start = Clock::now();
    const Intent intent = parse_intent(read_source(argv[3]));
    std::printf("intent_parse_ms %.3f\n", ms_since(start));
    const int runs = std::atoi(argv[4]);
    SolveOptions options;
    if (argc > 5) {
        options.budget = std::chrono::milliseconds(std::atol(argv[5]));
    }
    start = Clock::now();
    const Router router(model.rules);
    std::printf("router_build_ms %.3f\n", ms_since(start));
    std::vector<double> routing;
    for (int i = 0; i < runs; ++i) {
        start = Clock::now();
        std::size_t matched = 0;
        for (const auto& op : intent.workspaces.front().operations) {
            matched += router.route(op.text).status == MatchStatus::Matched ? 1 : 0;
        }
        routing.push_back(ms_since(start));
    }
    std::printf("route_ms %.3f\n", median(routing));
    Recommendation result;
    std::vector<double> total;
    std::vector<double> solve_only;
    for (int i = 0; i < runs; ++i) {
        // Drop the previous run's result first: assigning over it would hold two results at
        // once, and the peak RSS row would measure the harness, not recommend().
        result = Recommendation{};
        start = Clock::now();
        result = recommend(model, router, intent, options);
        total.push_back(ms_since(start));
        // The solver alone, on the inputs recommend built.
        std::vector<SolveInput> inputs;
        for (const auto& op : result.workspaces.front().operations) {
            if (op.status == OperationStatus::Matched) {
                inputs.push_back(SolveInput{&model.rules.at(*op.match.endpoint).requirement, &op.parameters});
            }
        }
        start = Clock::now();
        const Solution s = solve(model, inputs, options);
        solve_only.push_back(ms_since(start));
    }
    const auto& w = result.workspaces.front();
    std::size_t matched = 0;
    for (const auto& op : w.operations) {
        matched += op.status == OperationStatus::Matched ? 1 : 0;
    }
    std::printf("operations %zu\nmatched %zu\nrecommend_ms %.3f\nsolve_ms %.3f\n", w.operations.size(), matched,
                median(total), median(solve_only));
    std::printf("exact %d\ncost %d\nlower_bound %d\nrole_size %zu\nalternatives %zu\n", w.solution.exact ? 1 : 0,
                w.solution.cost, w.solution.lower_bound, w.solution.role.count(), w.solution.alternatives.size());
    std::printf("peak_rss_kb %ld\n", peak_rss_kb());
    return 0;
}

int reach_mode(int argc, char** argv) {
    if (argc < 7) {
        return 2;
    }
    const Model model = load(argv[2]);
    const RoleSpec old_role = parse_role(model, read_source(argv[3]));
    const RoleSpec new_role = parse_role(model, read_source(argv[4]));
    const Intent intent = parse_intent(read_source(argv[5]));
    const int runs = std::atoi(argv[6]);
    const Router router(model.rules);
    std::size_t reached = 0;
    std::printf("allows_ms %.3f\n", time_median(runs, [&] {
                    reached = allows(model, old_role).workspaces.front().endpoints.size();
                }));
    std::size_t findings = 0;
    std::printf("audit_ms %.3f\n", time_median(runs, [&] {
                    findings = audit(model, router, old_role, intent, Policy{}, "2026-11-29").findings.size();
                }));
    std::size_t widened = 0;
    std::printf("diff_ms %.3f\n", time_median(runs, [&] {
                    widened = diff_roles(model, old_role, new_role).workspaces.front().newly_allowed.size();
                }));
    // The HTML report (render only; the result is computed once outside the timing).
    const AuditReport audited = audit(model, router, old_role, intent, Policy{}, "2026-11-29");
    std::size_t audit_bytes = 0;
    std::printf("html_audit_ms %.3f\n", time_median(runs, [&] { audit_bytes = render_audit(model, audited, Format::Html).size(); }));
    const Reach reach = allows(model, old_role);
    std::size_t allows_bytes = 0;
    std::printf("html_allows_ms %.3f\n", time_median(runs, [&] { allows_bytes = render_allows(model, reach, Format::Html).size(); }));
    std::printf("html_audit_bytes %zu\nhtml_allows_bytes %zu\n", audit_bytes, allows_bytes);
    std::printf("reached %zu\nfindings %zu\nnewly_allowed %zu\npeak_rss_kb %ld\n", reached, findings, widened,
                peak_rss_kb());
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    try {
        const std::string mode = argc > 1 ? argv[1] : "";
        if (mode == "solve") {
            return solve_mode(argc, argv);
        }
        if (mode == "reach") {
            return reach_mode(argc, argv);
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_lib: %s\n", e.what());
        return 1;
    }
    std::fprintf(stderr, "usage: bench_lib solve CATALOG INTENT RUNS [BUDGET_MS] | reach CATALOG OLD NEW INTENT RUNS\n");
    return 2;
}
