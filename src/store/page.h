#pragma once
// One page of a filtered list, with the total the filter matches.

#include <cstdint>
#include <vector>

namespace weige::store {

template <typename T>
struct Page {
  std::vector<T> items;
  std::int64_t total = 0;
};

}  // namespace weige::store
