// HashIndex against std::unordered_multimap under random inserts and erases, with hashes forced
// into few buckets so probe chains wrap around the table and backward-shift deletion is exercised.
#include "minrole/hash_index.hpp"
#include "minrole/rules.hpp"

#include <doctest/doctest.h>

#include <random>
#include <unordered_map>

namespace hash_index_test {

using namespace minrole;

TEST_CASE("hash index finds exactly what a multimap holds through random inserts and erases") {
    std::mt19937 random(7);
    for (const std::uint64_t buckets : {3ULL, 17ULL, 1000ULL}) {
        HashIndex index;
        std::unordered_multimap<std::uint64_t, HashIndex::Id> reference;
        std::vector<std::pair<std::uint64_t, HashIndex::Id>> live;
        HashIndex::Id next = 0;
        for (int step = 0; step < 4000; ++step) {
            if (live.empty() || random() % 3 != 0) {
                // Hashes near the top of the table's range, so chains wrap past the last slot.
                const std::uint64_t hash = 0xfffffffffffffff0ULL + random() % buckets;
                index.insert(hash, next);
                reference.emplace(hash, next);
                live.emplace_back(hash, next);
                ++next;
            } else {
                const std::size_t pick = random() % live.size();
                const auto [hash, id] = live[pick];
                index.erase(hash, id);
                const auto range = reference.equal_range(hash);
                for (auto it = range.first; it != range.second; ++it) {
                    if (it->second == id) {
                        reference.erase(it);
                        break;
                    }
                }
                live.erase(live.begin() + static_cast<std::ptrdiff_t>(pick));
            }
            REQUIRE(index.size() == reference.size());
            // Every live entry is found under its hash; an erased one is not.
            for (std::size_t probe = 0; probe < 4 && !live.empty(); ++probe) {
                // Not a structured binding: clang 14 cannot capture one in a lambda.
                const std::pair<std::uint64_t, HashIndex::Id> entry = live[random() % live.size()];
                const HashIndex::Id id = entry.second;
                const auto found = index.find(entry.first, [&](HashIndex::Id candidate) { return candidate == id; });
                REQUIRE(found.has_value());
                CHECK(*found == id);
            }
            CHECK_FALSE(index.find(0xfffffffffffffff0ULL, [&](HashIndex::Id candidate) { return candidate == next; }));
        }
    }
}

TEST_CASE("rule set upsert that would collide leaves the set unchanged") {
    RuleSet rules;
    Endpoint a;
    a.operation_id = "getA";
    a.method = "GET";
    a.path = "/rest/v1/a.json";
    Endpoint b = a;
    b.operation_id = "getB";
    b.path = "/rest/v1/b.json";
    rules.add(a);
    rules.add(b);
    Endpoint moved = a;
    moved.path = b.path; // getA onto getB's method and path
    CHECK_THROWS_AS(rules.upsert(moved), Error);
    REQUIRE(rules.find_operation("getA").has_value());
    CHECK(rules.at(*rules.find_operation("getA")).path == "/rest/v1/a.json");
    CHECK(rules.find_template("GET", "/rest/v1/a.json") == rules.find_operation("getA"));
    CHECK(rules.find_template("GET", "/rest/v1/b.json") == rules.find_operation("getB"));
    // A legal override replaces the rule in place and re-keys it.
    Endpoint renamed = a;
    renamed.path = "/rest/v1/c.json";
    CHECK(rules.upsert(renamed) == *rules.find_operation("getA"));
    CHECK_FALSE(rules.find_template("GET", "/rest/v1/a.json").has_value());
    CHECK(rules.find_template("GET", "/rest/v1/c.json") == rules.find_operation("getA"));
}

} // namespace hash_index_test
