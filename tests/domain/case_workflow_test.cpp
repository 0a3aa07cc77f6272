// The workflow exhaustively: every state x every action x every role, against
// an expected table written out here independently of the implementation.
#include "domain/case_workflow.h"
#include "domain/topic_workflow.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace weige {
namespace {

using CS = CaseState;

const std::vector<CaseState> kStates{CS::kReported, CS::kAccepted, CS::kRejected, CS::kDispatched,
                                     CS::kInProgress, CS::kResolved, CS::kVerified, CS::kClosed,
                                     CS::kRated, CS::kParked, CS::kInReview, CS::kMerged};

struct Expect {
  std::set<std::string> from;
  std::set<std::string> roles;
};

// Written from the issue: who may do what, from where.
const std::map<std::string, Expect>& expected() {
  static const std::set<std::string> intake{"grid_worker", "community_admin", "subdistrict_staff", "subdistrict_admin", "police"};
  static const std::set<std::string> staff{"grid_worker", "community_admin", "subdistrict_staff", "subdistrict_admin"};
  static const std::set<std::string> handlers{"micro_grid_head", "micro_grid_worker", "volunteer", "property_staff",
                                              "police", "grid_worker", "community_admin", "subdistrict_staff"};
  static const std::set<std::string> verifiers{"micro_grid_head", "grid_worker", "community_admin", "subdistrict_staff", "subdistrict_admin"};
  static const std::set<std::string> supervisors{"community_admin", "subdistrict_staff", "subdistrict_admin"};
  auto with = [](std::set<std::string> a, std::initializer_list<const char*> more) {
    for (auto m : more) a.insert(m);
    return a;
  };
  static const std::map<std::string, Expect> table{
      {"accept", {{"reported"}, intake}},
      {"reject", {{"reported"}, intake}},
      {"merge", {{"reported", "accepted"}, intake}},
      {"dispatch", {{"accepted"}, staff}},
      {"start", {{"dispatched"}, handlers}},
      {"return", {{"dispatched", "in_progress"}, handlers}},
      {"resolve", {{"in_progress"}, handlers}},
      {"verify", {{"resolved"}, verifiers}},
      {"fail_verification", {{"resolved"}, verifiers}},
      {"close", {{"verified", "resolved"}, staff}},
      {"rate", {{"closed"}, with(staff, {"resident"})}},
      {"request_extension", {{"dispatched", "in_progress"}, handlers}},
      {"approve_extension", {{"dispatched", "in_progress"}, supervisors}},
      {"deny_extension", {{"dispatched", "in_progress"}, supervisors}},
      {"escalate", {{"accepted", "dispatched", "in_progress"}, with(handlers, {"subdistrict_admin", "system"})}},
      {"de_escalate", {{"accepted", "dispatched", "in_progress"}, supervisors}},
      {"park", {{"accepted", "dispatched", "in_progress"}, supervisors}},
      {"unpark", {{"parked"}, with(supervisors, {"system"})}},
      {"reopen", {{"in_review"}, supervisors}},
      {"close_review", {{"in_review"}, supervisors}},
  };
  return table;
}

ActionInput full_input() {
  ActionInput in;
  in.reason = "reason";
  in.note = "note";
  in.rating = Rating::kSatisfied;
  in.hours = 8;
  in.review_at = 1;
  in.target_case_id = 2;
  return in;
}

TEST(CaseWorkflowTest, EveryStateActionRoleIsAllowedOrRefusedAsExpected) {
  ASSERT_EQ(expected().size(), std::size(kAllActions));
  int checked = 0;
  for (Action a : kAllActions) {
    const Expect& e = expected().at(std::string(to_string(a)));
    for (CaseState s : kStates) {
      for (Role r : kAllRoles) {
        CaseFacts f;
        f.state = s;
        f.handler = HandlerKind::kCommunity;  // both escalate and de-escalate possible
        f.needs_verification = false;         // close from resolved possible
        f.extension_pending = a == Action::kApproveExtension || a == Action::kDenyExtension;
        Actor actor{r, 7};
        auto d = decide(f, a, actor, full_input());
        bool want = e.from.count(std::string(to_string(s))) && e.roles.count(std::string(to_string(r)));
        EXPECT_EQ(d.is_ok(), want) << to_string(a) << " from " << to_string(s) << " by " << to_string(r)
                                   << ": " << d.status().to_string();
        if (!want && !d.is_ok()) {
          bool state_ok = e.from.count(std::string(to_string(s))) > 0;
          EXPECT_EQ(d.status().code(), state_ok ? Code::kForbidden : Code::kConflict)
              << to_string(a) << " from " << to_string(s) << " by " << to_string(r);
        }
        ++checked;
      }
    }
  }
  EXPECT_EQ(checked, 20 * 12 * 11);
}

TEST(CaseWorkflowTest, MissingRequiredFieldsAreInvalid) {
  struct Case {
    Action action;
    CaseState state;
    Role role;
    std::string field;
  };
  const Case cases[] = {
      {Action::kReject, CS::kReported, Role::kGridWorker, "reason"},
      {Action::kResolve, CS::kInProgress, Role::kMicroGridWorker, "note"},
      {Action::kRate, CS::kClosed, Role::kResident, "rating"},
      {Action::kRequestExtension, CS::kInProgress, Role::kPropertyStaff, "reason"},
      {Action::kEscalate, CS::kInProgress, Role::kMicroGridHead, "reason"},
      {Action::kPark, CS::kAccepted, Role::kCommunityAdmin, "reason"},
      {Action::kMerge, CS::kReported, Role::kGridWorker, "target_case_id"},
  };
  for (const auto& c : cases) {
    CaseFacts f;
    f.state = c.state;
    f.handler = HandlerKind::kCommunity;
    auto d = decide(f, c.action, {c.role, 1}, {});
    ASSERT_FALSE(d) << to_string(c.action);
    EXPECT_EQ(d.status().code(), Code::kInvalid) << to_string(c.action);
    EXPECT_EQ(d.status().details()["field"], c.field) << to_string(c.action);
  }
  CaseFacts f;
  f.state = CS::kInProgress;
  ActionInput in;
  in.reason = "x";
  in.hours = -1;
  EXPECT_EQ(decide(f, Action::kRequestExtension, {Role::kPropertyStaff, 1}, in).status().code(), Code::kInvalid);
}

TEST(CaseWorkflowTest, ConditionsBeyondStateAndRole) {
  ActionInput in = full_input();
  CaseFacts f;
  f.state = CS::kResolved;
  f.resolver_person_id = 7;
  EXPECT_EQ(decide(f, Action::kVerify, {Role::kGridWorker, 7}, in).status().code(), Code::kForbidden);
  EXPECT_TRUE(decide(f, Action::kVerify, {Role::kGridWorker, 8}, in));
  f.needs_verification = true;
  EXPECT_EQ(decide(f, Action::kClose, {Role::kGridWorker, 8}, in).status().code(), Code::kConflict);
  f.state = CS::kInProgress;
  f.handler = HandlerKind::kDistrict;
  EXPECT_EQ(decide(f, Action::kEscalate, {Role::kSystem, {}}, in).status().code(), Code::kConflict);
  f.handler = HandlerKind::kMicroGrid;
  EXPECT_EQ(decide(f, Action::kDeEscalate, {Role::kCommunityAdmin, 1}, in).status().code(), Code::kConflict);
  auto up = decide(f, Action::kEscalate, {Role::kMicroGridHead, 1}, in);
  ASSERT_TRUE(up);
  EXPECT_EQ(up->new_handler, HandlerKind::kCommunity);
  f.extension_pending = true;
  EXPECT_EQ(decide(f, Action::kRequestExtension, {Role::kMicroGridHead, 1}, in).status().code(), Code::kConflict);
  auto approved = decide(f, Action::kApproveExtension, {Role::kCommunityAdmin, 1}, in);
  ASSERT_TRUE(approved);
  EXPECT_EQ(approved->to, CS::kInProgress);
  EXPECT_FALSE(approved->extension_pending);
}

TEST(CaseWorkflowTest, UnsatisfiedReopensOnceThenGoesToReview) {
  CaseFacts f;
  f.state = CS::kClosed;
  ActionInput in;
  in.rating = Rating::kUnsatisfied;
  auto first = decide(f, Action::kRate, {Role::kResident, {}}, in);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->to, CS::kInProgress);
  EXPECT_TRUE(first->reopened);
  f.reopen_count = 1;
  auto second = decide(f, Action::kRate, {Role::kResident, {}}, in);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->to, CS::kInReview);
  in.rating = Rating::kBasicallySatisfied;
  EXPECT_EQ(decide(f, Action::kRate, {Role::kResident, {}}, in)->to, CS::kRated);
}

TEST(CaseWorkflowTest, AllowedActionsAreExactlyTheDecidableOnes) {
  CaseFacts f;
  f.state = CS::kReported;
  auto a = allowed_actions(f, {Role::kGridWorker, 1});
  std::set<std::string> names;
  for (Action x : a) names.insert(std::string(to_string(x)));
  EXPECT_EQ(names, (std::set<std::string>{"accept", "reject", "merge"}));
  EXPECT_TRUE(allowed_actions(f, {Role::kResident, {}}).empty());
}

TEST(CaseWorkflowTest, DocsWorkflowMatchesTheEnforcedTable) {
  const char* src = std::getenv("WEIGE_SOURCE_DIR");
  if (!src) src = WEIGE_SOURCE_DIR_DEFAULT;
  std::ifstream in(std::string(src) + "/docs/workflow.md");
  ASSERT_TRUE(in) << "docs/workflow.md is missing; run `weige workflow > docs/workflow.md`";
  std::stringstream ss;
  ss << in.rdbuf();
  EXPECT_EQ(ss.str(), workflow_markdown() + deliberation_workflow_markdown()) << "docs/workflow.md is stale; run `weige workflow > docs/workflow.md`";
}

}  // namespace
}  // namespace weige
