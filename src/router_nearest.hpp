#pragma once
// Nearest match for the router: which endpoint templates (or operationIds) are closest to a
// text that matched none. Edit distance (Levenshtein, on lower-cased text) with two engines:
// Myers' bit-parallel algorithm for patterns up to 64 characters and a banded dynamic programme
// beyond; a character-count lower bound that lets nearest() skip most candidates. error.cpp's
// edit_distance() for suggestions is the same Distance. Private to the library.
#include "minrole/rules.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace minrole::routing {

std::size_t bounded_distance(std::string_view a, std::string_view b, std::size_t limit,
                             std::vector<std::size_t>& prev, std::vector<std::size_t>& cur);

// The same distance as bounded_distance() without a limit, for a pattern of 1 to 64 characters:
// Myers' bit-parallel algorithm in Hyyro's form for the global (not substring) distance, one
// machine word per column of the dynamic programme instead of one cell. Bit i of the vertical
// deltas Pv/Mv says whether D[i+1][j] - D[i][j] is +1/-1; the score tracks the last row.
class BitDistance {
public:
    // Makes `pattern` (1 to 64 characters) the pattern; clear() before the next one.
    void set(std::string_view pattern) {
        pattern_ = pattern;
        for (std::size_t i = 0; i < pattern.size(); ++i) {
            peq_[static_cast<unsigned char>(pattern[i])] |= std::uint64_t{1} << i;
        }
    }

    void clear() {
        for (const unsigned char c : pattern_) {
            peq_[c] = 0;
        }
    }

    [[nodiscard]] std::size_t operator()(std::string_view text) const {
        std::uint64_t pv = ~std::uint64_t{0};
        std::uint64_t mv = 0;
        std::size_t score = pattern_.size();
        const std::uint64_t last = std::uint64_t{1} << (pattern_.size() - 1);
        for (unsigned char c : text) {
            const std::uint64_t eq = peq_[c];
            const std::uint64_t xv = eq | mv;
            const std::uint64_t xh = (((eq & pv) + pv) ^ pv) | eq;
            std::uint64_t ph = mv | ~(xh | pv);
            std::uint64_t mh = pv & xh;
            if ((ph & last) != 0) {
                ++score;
            } else if ((mh & last) != 0) {
                --score;
            }
            ph = (ph << 1U) | 1U; // row 0 is D[0][j] = j: every step right costs one
            mh <<= 1U;
            pv = mh | ~(xv | ph);
            mv = ph & xv;
        }
        return score;
    }

private:
    std::array<std::uint64_t, 256> peq_{}; // per character, the pattern positions holding it
    std::string_view pattern_;
};

// Levenshtein distance of `wanted` (lower case) to `candidate` (lower case), exact when it is at
// most `limit`, otherwise some value above `limit`: the contract of bounded_distance().
struct Distance {
    std::string wanted;
    BitDistance bits;
    std::vector<std::size_t> prev;
    std::vector<std::size_t> cur;

    explicit Distance(std::string text) : wanted(std::move(text)) {}

    // The distance when it is at most `limit`, otherwise some value above `limit`.
    std::size_t operator()(std::string_view candidate, std::size_t limit);
};

// Characters counted in 64 buckets. Levenshtein distance is at least the larger of the total
// surplus and the total shortfall of one count against the other (an edit moves each by at most
// one); merging characters into buckets only lowers that bound, so it stays a lower bound. Digits,
// lower-case letters and the usual punctuation of a path get buckets of their own.
using CharCounts = std::array<std::uint8_t, 64>;

inline constexpr std::array<std::uint8_t, 256> kBucket = [] {
    std::array<std::uint8_t, 256> out{};
    for (std::size_t c = 0; c < out.size(); ++c) {
        out[c] = static_cast<std::uint8_t>(42 + c % 22);
    }
    for (std::size_t c = '0'; c <= '9'; ++c) {
        out[c] = static_cast<std::uint8_t>(c - '0');
    }
    for (std::size_t c = 'a'; c <= 'z'; ++c) {
        out[c] = static_cast<std::uint8_t>(10 + c - 'a');
    }
    const std::string_view punctuation = "/.{}_-";
    for (std::size_t i = 0; i < punctuation.size(); ++i) {
        out[static_cast<unsigned char>(punctuation[i])] = static_cast<std::uint8_t>(36 + i);
    }
    return out;
}();

CharCounts count_chars(std::string_view text);

// A lower bound of the edit distance between the texts these counts were taken of.
std::size_t counts_bound(const CharCounts& a, const CharCounts& b);

// The `how_many` smallest (score, id) pairs over ids 0..count-1, in order: the same answer as
// scoring every id and partial-sorting. bound(id) is a cheap lower bound of score(id): ids are
// scored in order of their bound (ids ascending within one bound), each only as far as it could
// still get in, and the search stops at the first bound above the last kept score.
// score(id, limit) returns the exact score when it is at most `limit`, else anything larger.
template <class Bound, class Score>
std::vector<EndpointId> nearest(std::size_t how_many, std::size_t count, const Bound& bound, const Score& score) {
    const std::size_t n = std::min(how_many, count);
    if (n == 0) {
        return {};
    }
    // Counting sort on the bound; capping it at 255 keeps it a lower bound.
    constexpr std::size_t kCap = 255;
    std::vector<std::uint8_t> bounds(count);
    std::array<std::size_t, kCap + 2> start{};
    for (EndpointId id = 0; id < count; ++id) {
        bounds[id] = static_cast<std::uint8_t>(std::min<std::size_t>(bound(id), kCap));
        ++start[bounds[id] + 1U];
    }
    for (std::size_t b = 1; b < start.size(); ++b) {
        start[b] += start[b - 1];
    }
    std::vector<EndpointId> order(count);
    for (EndpointId id = 0; id < count; ++id) {
        order[start[bounds[id]]++] = id;
    }
    std::vector<std::pair<std::size_t, EndpointId>> best; // sorted
    for (const EndpointId id : order) {
        std::size_t limit = std::numeric_limits<std::size_t>::max() - 1;
        if (best.size() == n) {
            if (bounds[id] > best.back().first) {
                break; // so are all later bounds
            }
            // An equal score still displaces the last kept one when the id is smaller.
            limit = best.back().first;
        }
        const std::size_t s = score(id, limit);
        if (s > limit) {
            continue;
        }
        const std::pair<std::size_t, EndpointId> entry{s, id};
        best.insert(std::upper_bound(best.begin(), best.end(), entry), entry);
        if (best.size() > n) {
            best.pop_back();
        }
    }
    std::vector<EndpointId> out;
    for (const auto& [s, id] : best) {
        out.push_back(id);
    }
    return out;
}

} // namespace minrole::routing
