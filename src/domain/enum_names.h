#pragma once
// Name tables for enums: one std::array of (value, name) per enum, read both ways.

#include <array>
#include <optional>
#include <string_view>
#include <utility>

namespace weige {

template <typename E, std::size_t N>
using EnumNames = std::array<std::pair<E, std::string_view>, N>;

// The name of `e`, or "unknown" when the table lacks it.
template <typename E, std::size_t N>
std::string_view name_of(const EnumNames<E, N>& table, E e) {
  for (const auto& [k, n] : table) {
    if (k == e) return n;
  }
  return "unknown";
}

// The value named `s`, or nullopt.
template <typename E, std::size_t N>
std::optional<E> parse_name(const EnumNames<E, N>& table, std::string_view s) {
  for (const auto& [k, n] : table) {
    if (n == s) return k;
  }
  return std::nullopt;
}

}  // namespace weige
