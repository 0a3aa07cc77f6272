#pragma once
// Stable snake_case names of an enum, written once as a table and read both
// ways. Used by the domain vocabularies; an unknown name parses to
// nullopt, an unlisted value prints as "unknown".

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>

namespace weige {

template <typename E, std::size_t N>
using NameTable = std::array<std::pair<E, std::string_view>, N>;

template <typename E, std::size_t N>
constexpr std::string_view name_in(const NameTable<E, N>& table, E value) {
  for (const auto& [k, n] : table) {
    if (k == value) return n;
  }
  return "unknown";
}

template <typename E, std::size_t N>
constexpr std::optional<E> parse_in(const NameTable<E, N>& table, std::string_view name) {
  for (const auto& [k, n] : table) {
    if (n == name) return k;
  }
  return std::nullopt;
}

}  // namespace weige
