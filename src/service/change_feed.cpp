#include "service/change_feed.h"

namespace weige::service {

std::uint64_t ChangeFeed::publish(std::string event) {
  std::lock_guard lock(mu_);
  events_.emplace_back(++seq_, std::move(event));
  while (events_.size() > capacity_) events_.pop_front();
  return seq_;
}

std::vector<std::pair<std::uint64_t, std::string>> ChangeFeed::since(std::uint64_t after) const {
  std::lock_guard lock(mu_);
  std::vector<std::pair<std::uint64_t, std::string>> out;
  for (const auto& e : events_) {
    if (e.first > after) out.push_back(e);
  }
  return out;
}

std::uint64_t ChangeFeed::last() const {
  std::lock_guard lock(mu_);
  return seq_;
}

}  // namespace weige::service
