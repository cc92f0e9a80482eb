#pragma once
// The scan's routing cache (scan_route_cache.cpp): real logs repeat a few hundred request shapes
// millions of times, so each shape is parsed and routed once. route_key() says what of a
// request decides its route; RouteCache remembers where each key was counted.
#include "minrole/rules.hpp"
#include "minrole/scan.hpp"

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace minrole::scanning {

constexpr std::size_t kRouteCacheEntries = 16384;

// Whether routing is blind to the digits of a path segment that starts with a digit, so that
// "/rest/v1/lead/318581.json" and "/rest/v1/lead/000000.json" must route alike: true when no
// template has a literal segment starting with a digit (such a segment could equal the concrete
// one) and no parameterised segment has a digit in its literal text ("{id}.json" matches
// whatever digits fill {id}; "{id}2.json" would not). The shipped rules qualify; a user's
// catalog that does not just gets an exact cache.
bool digits_fold(const RuleSet& rules);

// The routing cache's key for "METHOD target", or false when the target takes the uncached path
// (anything parse_request would treat specially beyond what the key keeps). What parse_request
// reads of the text is kept: the method, the path after the scheme and host (dropped as it drops
// them), the query parameter names in order, and the value of _method (or of a name it would
// have to decode). Query values are dropped: they never change the route, and most of them are
// ids, tokens and timestamps that would make every line a new key. With `fold_digits`, digits in
// segments that start with one become '0' (see digits_fold()).
bool route_key(std::string_view method, std::string_view target, bool fold_digits, std::string& key);

// Where a log request is counted: one of the three, or none (an unmatched text past the cap).
// The maps' nodes never move, so the pointers stay valid while the scan runs.
struct Outcome {
    ScannedOperation* operation = nullptr;
    AmbiguousSighting* ambiguous = nullptr;
    UnmatchedSighting* unmatched = nullptr;
};

// The routing cache: open addressing with linear probing over a power-of-two table that grows
// to 2 x kRouteCacheEntries slots, keys packed in one arena. A lookup reads one or two slots and
// compares the key only when the hash matches, with no node to chase. Bounded: when it holds
// kRouteCacheEntries keys or kRouteCacheBytes of them it starts again empty; longer keys are
// not cached at all.
class RouteCache {
public:
    static constexpr std::size_t kLongestKey = 1024;
    static constexpr std::size_t kRouteCacheBytes = 4u << 20;

    [[nodiscard]] const Outcome* find(std::string_view key, std::size_t hash) const {
        if (slots_.empty()) {
            return nullptr;
        }
        for (std::size_t i = hash & mask_;; i = (i + 1) & mask_) {
            const Slot& slot = slots_[i];
            if (slot.size == 0) {
                return nullptr;
            }
            if (slot.hash == hash && slot.size - 1 == key.size() &&
                std::memcmp(arena_.data() + slot.offset, key.data(), key.size()) == 0) {
                return &slot.outcome;
            }
        }
    }

    void insert(std::string_view key, std::size_t hash, const Outcome& outcome) {
        if (key.size() > kLongestKey) {
            return;
        }
        if (count_ >= kRouteCacheEntries || arena_.size() + key.size() > kRouteCacheBytes) {
            slots_.assign(slots_.size(), Slot{});
            arena_.clear();
            count_ = 0;
        }
        if (2 * (count_ + 1) > slots_.size()) {
            grow();
        }
        std::size_t i = hash & mask_;
        while (slots_[i].size != 0) {
            i = (i + 1) & mask_;
        }
        slots_[i] = Slot{hash, static_cast<std::uint32_t>(arena_.size()), static_cast<std::uint32_t>(key.size() + 1), outcome};
        arena_.append(key);
        ++count_;
    }

private:
    struct Slot {
        std::size_t hash = 0;
        std::uint32_t offset = 0;
        std::uint32_t size = 0; // key size + 1; 0 marks an empty slot
        Outcome outcome;
    };
    std::vector<Slot> slots_;
    std::size_t mask_ = 0;
    std::string arena_;
    std::size_t count_ = 0;

    void grow() {
        std::vector<Slot> old = std::move(slots_);
        slots_.assign(old.empty() ? 1024 : 2 * old.size(), Slot{});
        mask_ = slots_.size() - 1;
        for (const Slot& slot : old) {
            if (slot.size != 0) {
                std::size_t i = slot.hash & mask_;
                while (slots_[i].size != 0) {
                    i = (i + 1) & mask_;
                }
                slots_[i] = slot;
            }
        }
    }
};

} // namespace minrole::scanning
