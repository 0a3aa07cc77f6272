#pragma once
// Answers kept while the change clock stands still (store/change_clock.h):
// an answer computed in a read snapshot begun after the clock read T is kept
// under T and served to requests that read T as well. The first answer kept
// or looked up at a later T drops every older one. Bounded: when full, it
// starts again empty.

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace weige::service {

template <typename V>
class AnswerCache {
 public:
  explicit AnswerCache(std::size_t max_entries = 4096) : max_(max_entries) {}

  std::optional<V> find(std::uint64_t clock, const std::string& key) {
    std::lock_guard lock(mu_);
    if (!move_to(clock)) return std::nullopt;
    auto it = entries_.find(key);
    if (it == entries_.end()) return std::nullopt;
    return it->second;
  }

  void keep(std::uint64_t clock, const std::string& key, V value) {
    std::lock_guard lock(mu_);
    if (!move_to(clock)) return;  // an answer older than those kept
    if (entries_.size() >= max_) entries_.clear();
    entries_.insert_or_assign(key, std::move(value));
  }

 private:
  // False when `clock` is behind the entries' clock.
  bool move_to(std::uint64_t clock) {
    if (clock < clock_) return false;
    if (clock > clock_) {
      entries_.clear();
      clock_ = clock;
    }
    return true;
  }

  std::size_t max_;
  std::mutex mu_;
  std::uint64_t clock_ = 0;
  std::unordered_map<std::string, V> entries_;
};

}  // namespace weige::service
