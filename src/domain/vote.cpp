#include "domain/vote.h"

#include "domain/enum_names.h"

namespace weige {
namespace {

constexpr NameTable<Ballot, 3> kBallots{
    {{Ballot::kFor, "for"}, {Ballot::kAgainst, "against"}, {Ballot::kAbstain, "abstain"}}};
constexpr NameTable<Majority, 3> kMajorities{{{Majority::kMoreThanHalf, "more_than_half"},
                                              {Majority::kTwoThirds, "two_thirds"},
                                              {Majority::kThreeQuarters, "three_quarters"}}};

const char* reached(bool b) {
  return b ? "reached" : "not reached";
}

}  // namespace

std::string_view to_string(Ballot b) {
  return name_in(kBallots, b);
}
std::string_view to_string(Majority m) {
  return name_in(kMajorities, m);
}
std::optional<Ballot> parse_ballot(std::string_view s) {
  return parse_in(kBallots, s);
}
std::optional<Majority> parse_majority(std::string_view s) {
  return parse_in(kMajorities, s);
}

Status validate(const VoteRule& rule) {
  if (rule.quorum_percent < 1 || rule.quorum_percent > 100) {
    return Status::invalid("quorum_percent is between 1 and 100", {{"field", "quorum_percent"}});
  }
  return {};
}

Tally tally(const VoteCount& v, int eligible, const VoteRule& rule) {
  Tally t;
  t.eligible = eligible;
  t.cast = v.cast();
  t.quorum_reached = eligible > 0 && t.cast * 100 >= rule.quorum_percent * eligible;
  switch (rule.majority) {
    case Majority::kMoreThanHalf:
      t.majority_reached = 2 * v.in_favour > t.cast;
      break;
    case Majority::kTwoThirds:
      t.majority_reached = t.cast > 0 && 3 * v.in_favour >= 2 * t.cast;
      break;
    case Majority::kThreeQuarters:
      t.majority_reached = t.cast > 0 && 4 * v.in_favour >= 3 * t.cast;
      break;
  }
  t.passed = t.quorum_reached && t.majority_reached;
  t.explanation = std::to_string(t.cast) + " of " + std::to_string(eligible) +
                  " households voted (quorum " + std::to_string(rule.quorum_percent) +
                  "%: " + reached(t.quorum_reached) + "); " + std::to_string(v.in_favour) + " of " +
                  std::to_string(t.cast) + " in favour (" + std::string(to_string(rule.majority)) +
                  ": " + reached(t.majority_reached) + ")";
  return t;
}

}  // namespace weige
