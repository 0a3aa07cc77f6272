#pragma once
// The change feed: a bounded in-memory log of recent changes (case created,
// case moved on, ...) for live dashboards. Writers publish after commit;
// readers ask for everything after the last sequence number they saw.

#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace weige::service {

class ChangeFeed {
 public:
  explicit ChangeFeed(std::size_t capacity = 1000) : capacity_(capacity) {}

  // Appends an event (a JSON text); returns its sequence number (from 1).
  std::uint64_t publish(std::string event);
  // Events after `after`, oldest first (at most the capacity; older ones are gone).
  std::vector<std::pair<std::uint64_t, std::string>> since(std::uint64_t after) const;
  std::uint64_t last() const;

 private:
  std::size_t capacity_;
  mutable std::mutex mu_;
  std::uint64_t seq_ = 0;
  std::deque<std::pair<std::uint64_t, std::string>> events_;
};

}  // namespace weige::service
