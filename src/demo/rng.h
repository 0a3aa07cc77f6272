#pragma once
// The generator's only source of randomness: std::mt19937_64 (whose output
// sequence the C++ standard fixes) with our own integer helpers, so a seed
// gives the same data with every compiler and standard library.
// std::uniform_int_distribution and friends are implementation-defined and
// must not be used here.

#include <cstdint>
#include <random>
#include <utility>
#include <vector>

namespace weige::demo {

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : engine_(seed) {}

  // A uniform integer in [lo, hi]; requires lo <= hi. Rejection sampling, so
  // there is no modulo bias.
  std::int64_t range(std::int64_t lo, std::int64_t hi) {
    const std::uint64_t span = static_cast<std::uint64_t>(hi - lo) + 1;
    if (span == 0) return static_cast<std::int64_t>(engine_());  // the full 64-bit range
    const std::uint64_t reject_from = (UINT64_MAX / span) * span;
    std::uint64_t x = engine_();
    while (x >= reject_from) x = engine_();
    return lo + static_cast<std::int64_t>(x % span);
  }
  int range(int lo, int hi) {
    return static_cast<int>(range(static_cast<std::int64_t>(lo), static_cast<std::int64_t>(hi)));
  }
  // A uniform index in [0, n); requires n > 0.
  std::size_t index(std::size_t n) {
    return static_cast<std::size_t>(range(std::int64_t{0}, static_cast<std::int64_t>(n) - 1));
  }
  // True with probability percent / 100.
  bool chance(int percent) { return range(0, 99) < percent; }
  // A uniformly chosen element of a non-empty vector.
  template <typename T>
  const T& pick(const std::vector<T>& items) {
    return items[index(items.size())];
  }
  // An element drawn with the weight beside it; requires a positive total.
  template <typename T>
  const T& weighted(const std::vector<std::pair<T, int>>& table) {
    int total = 0;
    for (const auto& entry : table) total += entry.second;
    int x = range(0, total - 1);
    for (const auto& entry : table) {
      if (x < entry.second) return entry.first;
      x -= entry.second;
    }
    return table.back().first;
  }

 private:
  std::mt19937_64 engine_;
};

// SplitMix64 of seed and a stream tag: independent seeds for independent
// streams (one per community and stage), so changing one part of a generated
// city does not shift the random numbers of another.
inline std::uint64_t derive_seed(std::uint64_t seed, std::uint64_t tag) {
  std::uint64_t z = seed + 0x9E3779B97F4A7C15ULL * (tag + 1);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

}  // namespace weige::demo
