#pragma once
// An index from a key to a record id that stores no keys: each slot holds the key's hash and the
// id, and a lookup confirms a candidate by asking the owner whether record `id` has the key. The
// keys stay in the records (no copy, no allocation per entry), which keeps building the default
// model cheap: it runs on every start.
#include <cassert>
#include <cstdint>
#include <limits>
#include <optional>
#include <string_view>
#include <vector>

namespace minrole {

// FNV-1a over the pieces, as if they were written one after another with a separator between.
inline std::uint64_t hash_text(std::string_view text, std::uint64_t h = 0xcbf29ce484222325ULL) {
    for (const unsigned char c : text) {
        h = (h ^ c) * 0x100000001b3ULL;
    }
    return h;
}

inline std::uint64_t hash_texts(std::string_view first, std::string_view second) {
    return hash_text(second, hash_text(first) * 0x100000001b3ULL ^ 0xffU);
}

class HashIndex {
public:
    using Id = std::uint32_t;

    [[nodiscard]] std::size_t size() const { return used_; }

    void reserve(std::size_t count) {
        if (2 * count > slots_.size()) {
            rehash(capacity_for(count));
        }
    }

    // The first id stored under `hash` for which has_key(id) is true.
    template <class HasKey>
    [[nodiscard]] std::optional<Id> find(std::uint64_t hash, const HasKey& has_key) const {
        if (slots_.empty()) {
            return std::nullopt;
        }
        const std::size_t mask = slots_.size() - 1;
        for (std::size_t i = home(hash, mask); slots_[i].id != kEmpty; i = (i + 1) & mask) {
            if (slots_[i].hash == hash && has_key(slots_[i].id)) {
                return slots_[i].id;
            }
        }
        return std::nullopt;
    }

    void insert(std::uint64_t hash, Id id) {
        assert(id != kEmpty);
        if (2 * (used_ + 1) > slots_.size()) {
            rehash(capacity_for(used_ + 1));
        }
        place(hash, id);
        ++used_;
    }

    // Removes the entry (hash, id), if present. Backward-shift deletion keeps probe chains whole.
    void erase(std::uint64_t hash, Id id) {
        if (slots_.empty()) {
            return;
        }
        const std::size_t mask = slots_.size() - 1;
        std::size_t hole = home(hash, mask);
        while (slots_[hole].id != id || slots_[hole].hash != hash) {
            if (slots_[hole].id == kEmpty) {
                return;
            }
            hole = (hole + 1) & mask;
        }
        for (std::size_t next = (hole + 1) & mask; slots_[next].id != kEmpty; next = (next + 1) & mask) {
            const std::size_t start = home(slots_[next].hash, mask);
            // The entry at `next` may move back into the hole unless its home lies after the hole.
            const bool home_after_hole = hole <= next ? (hole < start && start <= next) : (hole < start || start <= next);
            if (!home_after_hole) {
                slots_[hole] = slots_[next];
                hole = next;
            }
        }
        slots_[hole] = Slot{};
        --used_;
    }

private:
    static constexpr Id kEmpty = std::numeric_limits<Id>::max();
    struct Slot {
        std::uint64_t hash = 0;
        Id id = kEmpty;
    };
    std::vector<Slot> slots_; // a power of two in size, at most half full
    std::size_t used_ = 0;

    // The low bits of FNV-1a depend only on the low bits of each byte: mix before masking.
    static std::size_t home(std::uint64_t hash, std::size_t mask) {
        hash ^= hash >> 29U;
        hash *= 0xbf58476d1ce4e5b9ULL;
        hash ^= hash >> 32U;
        return static_cast<std::size_t>(hash) & mask;
    }

    static std::size_t capacity_for(std::size_t count) {
        std::size_t capacity = 16;
        while (capacity < 2 * count) {
            capacity *= 2;
        }
        return capacity;
    }

    void place(std::uint64_t hash, Id id) {
        const std::size_t mask = slots_.size() - 1;
        std::size_t i = home(hash, mask);
        while (slots_[i].id != kEmpty) {
            i = (i + 1) & mask;
        }
        slots_[i] = Slot{hash, id};
    }

    void rehash(std::size_t capacity) {
        std::vector<Slot> old(capacity);
        old.swap(slots_);
        for (const Slot& slot : old) {
            if (slot.id != kEmpty) {
                place(slot.hash, slot.id);
            }
        }
    }
};

} // namespace minrole
