#include "router_nearest.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace minrole::routing {

// edit_distance() (case-insensitive Levenshtein) on lower-cased text, exact when the distance
// is at most `limit`; otherwise some value above `limit`. Only the diagonal band |i - j| <= limit
// can hold cells <= limit, and once a whole row exceeds the limit the answer does too.
std::size_t bounded_distance(std::string_view a, std::string_view b, std::size_t limit,
                             std::vector<std::size_t>& prev, std::vector<std::size_t>& cur) {
    const std::size_t n = a.size();
    const std::size_t m = b.size();
    const std::size_t gap = n > m ? n - m : m - n;
    if (gap > limit) {
        return limit + 1;
    }
    constexpr std::size_t kFar = std::numeric_limits<std::size_t>::max() / 4;
    prev.assign(m + 1, kFar);
    cur.assign(m + 1, kFar);
    for (std::size_t j = 0; j <= m && j <= limit; ++j) {
        prev[j] = j;
    }
    for (std::size_t i = 1; i <= n; ++i) {
        const std::size_t lo = i > limit ? i - limit : 1;
        const std::size_t hi = limit >= m ? m : std::min(m, i + limit);
        cur[0] = i <= limit ? i : kFar;
        if (lo > 1) {
            cur[lo - 1] = kFar;
        }
        std::size_t smallest = cur[0];
        for (std::size_t j = lo; j <= hi; ++j) {
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
            smallest = std::min(smallest, cur[j]);
        }
        if (hi < m) {
            cur[hi + 1] = kFar;
        }
        if (smallest > limit) {
            return limit + 1;
        }
        std::swap(prev, cur);
    }
    return std::min(prev[m], limit + 1);
}

std::size_t Distance::operator()(std::string_view candidate, std::size_t limit) {
    std::string_view a = wanted;
    std::string_view b = candidate;
    const std::size_t gap = a.size() > b.size() ? a.size() - b.size() : b.size() - a.size();
    if (gap > limit) {
        return limit + 1;
    }
    // Removing a common prefix and suffix leaves the distance as it is; paths that differ in
    // one place keep a few characters, so the bit-parallel pass below is short.
    std::size_t prefix = 0;
    while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) {
        ++prefix;
    }
    a.remove_prefix(prefix);
    b.remove_prefix(prefix);
    std::size_t suffix = 0;
    while (suffix < a.size() && suffix < b.size() && a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix]) {
        ++suffix;
    }
    a.remove_suffix(suffix);
    b.remove_suffix(suffix);
    if (a.empty() || b.empty()) {
        return a.size() + b.size();
    }
    if (b.size() < a.size()) {
        std::swap(a, b); // the shorter one is the pattern
    }
    if (a.size() > 64) {
        return bounded_distance(a, b, limit, prev, cur);
    }
    bits.set(a);
    const std::size_t distance = bits(b);
    bits.clear();
    return distance;
}


CharCounts count_chars(std::string_view text) {
    CharCounts counts{};
    for (unsigned char c : text) {
        auto& slot = counts[kBucket[c]];
        slot = static_cast<std::uint8_t>(std::min(255, slot + 1));
    }
    return counts;
}

// max(surplus, shortfall), computed as (sum of |a - b| + |sum a - sum b|) / 2: the sums of the
// surpluses and of the shortfalls are the first term, their difference the second. closest()
// computes it for every endpoint, so the first term uses the SSE2 sum-of-absolute-differences
// instruction where there is one (16 buckets at a time).
std::size_t counts_bound(const CharCounts& a, const CharCounts& b) {
    unsigned absolute = 0;
    unsigned sum_a = 0;
    unsigned sum_b = 0;
#if defined(__SSE2__)
    const __m128i zero = _mm_setzero_si128();
    __m128i diff = zero;
    __m128i total_a = zero;
    __m128i total_b = zero;
    for (std::size_t i = 0; i < a.size(); i += 16) {
        const __m128i va = _mm_loadu_si128(reinterpret_cast<const __m128i*>(a.data() + i));
        const __m128i vb = _mm_loadu_si128(reinterpret_cast<const __m128i*>(b.data() + i));
        diff = _mm_add_epi64(diff, _mm_sad_epu8(va, vb));
        total_a = _mm_add_epi64(total_a, _mm_sad_epu8(va, zero));
        total_b = _mm_add_epi64(total_b, _mm_sad_epu8(vb, zero));
    }
    const auto fold = [](__m128i v) {
        return static_cast<unsigned>(_mm_cvtsi128_si32(v)) + static_cast<unsigned>(_mm_cvtsi128_si32(_mm_srli_si128(v, 8)));
    };
    absolute = fold(diff);
    sum_a = fold(total_a);
    sum_b = fold(total_b);
#else
    for (std::size_t i = 0; i < a.size(); ++i) {
        absolute += a[i] > b[i] ? static_cast<unsigned>(a[i] - b[i]) : static_cast<unsigned>(b[i] - a[i]);
        sum_a += a[i];
        sum_b += b[i];
    }
#endif
    return (absolute + (sum_a > sum_b ? sum_a - sum_b : sum_b - sum_a)) / 2;
}

} // namespace minrole::routing
