#pragma once
// Household votes (one vote per household) on deliberation topics and
// convention versions, and the rule that decides them, set per subject:
//
//   quorum    at least quorum_percent of the eligible households cast a vote
//             (exactly at the quorum counts);
//   majority  of the votes cast, abstentions included (as the Civil Code
//             counts 参与表决): more than half (a tie fails), at least two
//             thirds, or at least three quarters.
//
// A subject passes when both hold.

#include <optional>
#include <string>
#include <string_view>

#include "domain/status.h"

namespace weige {

enum class Ballot { kFor, kAgainst, kAbstain };
enum class Majority { kMoreThanHalf, kTwoThirds, kThreeQuarters };

std::string_view to_string(Ballot b);
std::string_view to_string(Majority m);
std::optional<Ballot> parse_ballot(std::string_view s);
std::optional<Majority> parse_majority(std::string_view s);

struct VoteCount {
  int in_favour = 0;
  int against = 0;
  int abstain = 0;
  int cast() const { return in_favour + against + abstain; }
  void add(Ballot b) {
    (b == Ballot::kFor ? in_favour : b == Ballot::kAgainst ? against : abstain) += 1;
  }
};

struct VoteRule {
  int quorum_percent = 50;  // 1..100
  Majority majority = Majority::kMoreThanHalf;
};
// kInvalid (field quorum_percent) when the quorum is outside 1..100.
Status validate(const VoteRule& rule);

struct Tally {
  int eligible = 0;
  int cast = 0;
  bool quorum_reached = false;
  bool majority_reached = false;
  bool passed = false;
  std::string explanation;  // e.g. "7 of 12 households voted (quorum 50%: reached); 4 of 7 in
                            // favour (more_than_half: reached)"
};
// With no eligible households the quorum is never reached.
Tally tally(const VoteCount& votes, int eligible, const VoteRule& rule);

}  // namespace weige
