// The deliberation and convention workflows as tables: every state x action x
// role against an expected table written out here, the conditions, and the
// vote rules (quorum and majority edge cases).
#include "domain/topic_workflow.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

namespace weige {
namespace {

using TS = TopicState;

const std::vector<TopicState> kTopicStates{TS::kRaised,    TS::kGatheringOpinions, TS::kMeeting, TS::kVoting,
                                           TS::kDecided,   TS::kRejected,          TS::kPublished, TS::kImplementing,
                                           TS::kDone,      TS::kWithdrawn};
const std::vector<TopicAction> kTopicActions{TopicAction::kOpenConsultation, TopicAction::kScheduleMeeting,
                                             TopicAction::kOpenVoting,       TopicAction::kCloseVoting,
                                             TopicAction::kPublish,          TopicAction::kStartImplementation,
                                             TopicAction::kComplete,         TopicAction::kWithdraw};

struct Expect {
  std::set<std::string> from;
  std::set<std::string> roles;
  std::string to;
};

// Written from the issue and domain.md: raised -> opinions -> meeting -> vote
// -> decided/rejected -> published -> implementing -> done; withdrawn before the vote.
const std::map<std::string, Expect>& expected_topic() {
  static const std::set<std::string> convenors{"micro_grid_head", "grid_worker", "community_admin", "subdistrict_staff",
                                               "subdistrict_admin"};
  static const std::set<std::string> with_workers = [] {
    auto s = convenors;
    s.insert("micro_grid_worker");
    return s;
  }();
  static const std::map<std::string, Expect> t{
      {"open_consultation", {{"raised"}, with_workers, "gathering_opinions"}},
      {"schedule_meeting", {{"gathering_opinions"}, with_workers, "meeting"}},
      {"open_voting", {{"meeting"}, convenors, "voting"}},
      {"close_voting", {{"voting"}, convenors, "decided"}},
      {"publish", {{"decided"}, convenors, "published"}},
      {"start_implementation", {{"published"}, with_workers, "implementing"}},
      {"complete", {{"implementing"}, convenors, "done"}},
      {"withdraw", {{"raised", "gathering_opinions", "meeting"}, convenors, "withdrawn"}},
  };
  return t;
}

// Facts under which every condition holds and a vote passes.
TopicFacts passing(TopicState s) {
  TopicFacts f;
  f.state = s;
  f.meetings_with_minutes = 1;
  f.eligible_households = 10;
  f.votes = {6, 2, 0};
  f.steps = 2;
  f.open_steps = 0;
  return f;
}

TEST(TopicWorkflowTest, EveryStateActionRoleIsAllowedOrRefusedAsExpected) {
  ASSERT_EQ(topic_workflow().size(), expected_topic().size());
  int checked = 0;
  for (TopicAction a : kTopicActions) {
    const Expect& e = expected_topic().at(std::string(to_string(a)));
    for (TopicState s : kTopicStates) {
      for (Role r : kAllRoles) {
        auto d = decide(passing(s), a, {r, 1}, {"why", "what"});
        bool state_ok = e.from.count(std::string(to_string(s))) > 0;
        bool role_ok = e.roles.count(std::string(to_string(r))) > 0;
        std::string what = std::string(to_string(a)) + " from " + std::string(to_string(s)) + " by " +
                           std::string(to_string(r));
        if (state_ok && role_ok) {
          ASSERT_TRUE(d) << what << ": " << d.status().to_string();
          EXPECT_EQ(to_string(*d), e.to) << what;
        } else {
          ASSERT_FALSE(d) << what;
          EXPECT_EQ(d.status().code(), state_ok ? Code::kForbidden : Code::kConflict) << what;
        }
        ++checked;
      }
    }
  }
  EXPECT_EQ(checked, 8 * 10 * 11);
}

TEST(TopicWorkflowTest, ConditionsAndFields) {
  Actor head{Role::kMicroGridHead, 1};
  struct Case {
    const char* name;
    TopicFacts facts;
    TopicAction action;
    StepInput input;
    Code code;
  };
  TopicFacts no_minutes = passing(TS::kMeeting);
  no_minutes.meetings_with_minutes = 0;
  TopicFacts no_households = passing(TS::kMeeting);
  no_households.eligible_households = 0;
  TopicFacts no_steps = passing(TS::kPublished);
  no_steps.steps = 0;
  TopicFacts open_step = passing(TS::kImplementing);
  open_step.open_steps = 1;
  const Case cases[] = {
      {"vote needs minutes", no_minutes, TopicAction::kOpenVoting, {}, Code::kConflict},
      {"vote needs households", no_households, TopicAction::kOpenVoting, {}, Code::kConflict},
      {"implementation needs a step", no_steps, TopicAction::kStartImplementation, {}, Code::kConflict},
      {"complete needs every step done", open_step, TopicAction::kComplete, {}, Code::kConflict},
      {"publish needs the result", passing(TS::kDecided), TopicAction::kPublish, {"", ""}, Code::kInvalid},
      {"withdraw needs a reason", passing(TS::kRaised), TopicAction::kWithdraw, {"", "x"}, Code::kInvalid},
  };
  for (const Case& c : cases) {
    auto d = decide(c.facts, c.action, head, c.input);
    ASSERT_FALSE(d) << c.name;
    EXPECT_EQ(d.status().code(), c.code) << c.name << ": " << d.status().to_string();
  }
}

TEST(TopicWorkflowTest, ClosingTheVoteDecidesOrRejectsByTheTally) {
  Actor head{Role::kMicroGridHead, 1};
  struct Case {
    VoteCount votes;
    int eligible;
    VoteRule rule;
    TopicState to;
  };
  const Case cases[] = {
      {{3, 2, 0}, 10, {50, Majority::kMoreThanHalf}, TS::kDecided},   // exactly at quorum, 3 of 5
      {{2, 2, 0}, 8, {50, Majority::kMoreThanHalf}, TS::kRejected},   // a tie fails
      {{4, 0, 0}, 10, {50, Majority::kMoreThanHalf}, TS::kRejected},  // under quorum
      {{0, 0, 0}, 10, {1, Majority::kMoreThanHalf}, TS::kRejected},   // nobody voted
  };
  for (const Case& c : cases) {
    TopicFacts f = passing(TS::kVoting);
    f.votes = c.votes;
    f.eligible_households = c.eligible;
    f.rule = c.rule;
    auto d = decide(f, TopicAction::kCloseVoting, head, {});
    ASSERT_TRUE(d);
    EXPECT_EQ(*d, c.to) << c.votes.in_favour << "/" << c.votes.against << " of " << c.eligible;
  }
}

TEST(TopicWorkflowTest, WhatEachStateTakes) {
  for (TopicState s : kTopicStates) {
    std::string n(to_string(s));
    EXPECT_EQ(takes_comments(s), n == "raised" || n == "gathering_opinions" || n == "meeting") << n;
    EXPECT_EQ(takes_meetings(s), n == "meeting") << n;
    EXPECT_EQ(takes_votes(s), n == "voting") << n;  // a closed topic takes no votes
    EXPECT_EQ(takes_steps(s), n == "decided" || n == "published" || n == "implementing") << n;
    EXPECT_EQ(is_open(s), n != "rejected" && n != "done" && n != "withdrawn") << n;
    EXPECT_EQ(parse_topic_state(n), s);
  }
}

TEST(TopicWorkflowTest, AllowedActionsFollowTheTable) {
  auto head = allowed_actions(passing(TS::kMeeting), {Role::kMicroGridHead, 1});
  EXPECT_EQ(head, (std::vector<TopicAction>{TopicAction::kOpenVoting, TopicAction::kWithdraw}));
  EXPECT_TRUE(allowed_actions(passing(TS::kMeeting), {Role::kResident, 1}).empty());
  EXPECT_TRUE(allowed_actions(passing(TS::kDone), {Role::kSubdistrictAdmin, 1}).empty());
}

// Quorum and majority as a table over the vote rules alone.
TEST(VoteTest, QuorumAndMajorityEdgeCases) {
  struct Case {
    const char* name;
    VoteCount votes;
    int eligible;
    VoteRule rule;
    bool quorum, majority;
  };
  const Case cases[] = {
      {"exactly at quorum", {3, 2, 0}, 10, {50, Majority::kMoreThanHalf}, true, true},
      {"one short of quorum", {3, 1, 0}, 10, {50, Majority::kMoreThanHalf}, false, true},
      {"quorum rounds up (1/3 of 10 needs 4)", {3, 0, 0}, 10, {34, Majority::kMoreThanHalf}, false, true},
      {"tie fails", {3, 3, 0}, 6, {50, Majority::kMoreThanHalf}, true, false},
      {"abstentions count against more_than_half", {3, 1, 2}, 6, {50, Majority::kMoreThanHalf}, true, false},
      {"one more than half", {4, 1, 2}, 7, {50, Majority::kMoreThanHalf}, true, true},
      {"exactly two thirds passes", {4, 2, 0}, 6, {100, Majority::kTwoThirds}, true, true},
      {"just under two thirds", {5, 3, 0}, 8, {100, Majority::kTwoThirds}, true, false},
      {"exactly three quarters", {3, 1, 0}, 4, {100, Majority::kThreeQuarters}, true, true},
      {"just under three quarters", {5, 2, 0}, 7, {100, Majority::kThreeQuarters}, true, false},
      {"no households", {0, 0, 0}, 0, {1, Majority::kMoreThanHalf}, false, false},
      {"no votes, two thirds", {0, 0, 0}, 5, {1, Majority::kTwoThirds}, false, false},
      {"full quorum", {10, 0, 0}, 10, {100, Majority::kMoreThanHalf}, true, true},
  };
  for (const Case& c : cases) {
    Tally t = tally(c.votes, c.eligible, c.rule);
    EXPECT_EQ(t.quorum_reached, c.quorum) << c.name << ": " << t.explanation;
    EXPECT_EQ(t.majority_reached, c.majority) << c.name << ": " << t.explanation;
    EXPECT_EQ(t.passed, c.quorum && c.majority) << c.name;
    EXPECT_EQ(t.cast, c.votes.cast()) << c.name;
  }
  EXPECT_FALSE(validate(VoteRule{0, Majority::kMoreThanHalf}));
  EXPECT_FALSE(validate(VoteRule{101, Majority::kMoreThanHalf}));
  EXPECT_TRUE(validate(VoteRule{100, Majority::kThreeQuarters}));
  EXPECT_EQ(parse_majority("two_thirds"), Majority::kTwoThirds);
  EXPECT_EQ(parse_ballot("abstain"), Ballot::kAbstain);
  EXPECT_FALSE(parse_ballot("maybe"));
}

TEST(ConventionWorkflowTest, VersionsMoveFromDraftToAdoptedOrRejected) {
  using V = VersionState;
  Actor head{Role::kMicroGridHead, 1};
  Actor worker{Role::kMicroGridWorker, 2};
  Actor resident{Role::kResident, 3};
  VersionFacts f;
  f.eligible_households = 4;
  struct Step {
    V from;
    VersionAction action;
    Actor actor;
    VoteCount votes;
    std::optional<V> to;  // nullopt: refused
    Code code;
  };
  const Step steps[] = {
      {V::kDraft, VersionAction::kOpenConsultation, worker, {}, V::kConsultation, Code::kOk},
      {V::kDraft, VersionAction::kOpenConsultation, resident, {}, std::nullopt, Code::kForbidden},
      {V::kDraft, VersionAction::kOpenVoting, head, {}, std::nullopt, Code::kConflict},
      {V::kConsultation, VersionAction::kOpenVoting, worker, {}, std::nullopt, Code::kForbidden},
      {V::kConsultation, VersionAction::kOpenVoting, head, {}, V::kVoting, Code::kOk},
      {V::kVoting, VersionAction::kCloseVoting, head, {3, 1, 0}, V::kAdopted, Code::kOk},
      {V::kVoting, VersionAction::kCloseVoting, head, {2, 2, 0}, V::kRejected, Code::kOk},
      {V::kAdopted, VersionAction::kCloseVoting, head, {3, 1, 0}, std::nullopt, Code::kConflict},
      {V::kSuperseded, VersionAction::kOpenConsultation, head, {}, std::nullopt, Code::kConflict},
  };
  for (const Step& s : steps) {
    f.state = s.from;
    f.votes = s.votes;
    auto d = decide(f, s.action, s.actor);
    std::string what = std::string(to_string(s.action)) + " from " + std::string(to_string(s.from));
    if (s.to) {
      ASSERT_TRUE(d) << what << ": " << d.status().to_string();
      EXPECT_EQ(*d, *s.to) << what;
    } else {
      ASSERT_FALSE(d) << what;
      EXPECT_EQ(d.status().code(), s.code) << what;
    }
  }
  f.state = V::kConsultation;
  f.eligible_households = 0;
  EXPECT_EQ(decide(f, VersionAction::kOpenVoting, head).status().code(), Code::kConflict);
  EXPECT_TRUE(takes_section_comments(V::kDraft));
  EXPECT_TRUE(takes_section_comments(V::kConsultation));
  EXPECT_FALSE(takes_section_comments(V::kVoting));
}

TEST(TopicWorkflowTest, MarkdownListsEveryAction) {
  std::string md = deliberation_workflow_markdown();
  for (const auto& row : topic_workflow()) EXPECT_NE(md.find("`" + std::string(to_string(row.action)) + "`"), std::string::npos);
  EXPECT_NE(md.find("close_voting"), std::string::npos);
  EXPECT_NE(md.find("three_quarters"), std::string::npos);
}

}  // namespace
}  // namespace weige
