#pragma once
// The case workflow, written once as a table (kWorkflow) and enforced by one
// function (decide). docs/workflow.md is generated from the same table
// (`weige workflow`), and a test keeps the two identical.

#include <optional>
#include <string>
#include <vector>

#include "domain/case.h"
#include "domain/roles.h"
#include "domain/status.h"

namespace weige {

enum class Action {
  kAccept,             // 受理
  kReject,             // 不予受理
  kDispatch,           // 派遣
  kStart,              // 接单
  kResolve,            // 办结
  kVerify,             // 核查通过
  kFailVerification,   // 核查不通过 (reopens)
  kClose,              // 结案
  kRate,               // 评价 (or a return visit recorded by staff)
  kReturn,             // 退回 (wrong handler, back to dispatch)
  kRequestExtension,   // 申请延期
  kApproveExtension,   // 同意延期
  kDenyExtension,      // 不同意延期
  kEscalate,           // 上报 (one level up)
  kDeEscalate,         // 下沉 (one level down)
  kPark,               // 挂起
  kUnpark,             // 恢复
  kMerge,              // 合并重复
  kReopen,             // 复核后重办
  kCloseReview,        // 复核后结案
};

inline constexpr Action kAllActions[] = {
    Action::kAccept,         Action::kReject,           Action::kDispatch,
    Action::kStart,          Action::kResolve,          Action::kVerify,
    Action::kFailVerification, Action::kClose,          Action::kRate,
    Action::kReturn,         Action::kRequestExtension, Action::kApproveExtension,
    Action::kDenyExtension,  Action::kEscalate,         Action::kDeEscalate,
    Action::kPark,           Action::kUnpark,           Action::kMerge,
    Action::kReopen,         Action::kCloseReview};

std::string_view to_string(Action a);
std::optional<Action> parse_action(std::string_view s);
std::string_view label_zh(Action a);

// Fields an action needs in its input.
enum Field : unsigned {
  kNeedsNothing = 0,
  kNeedsReason = 1u << 0,     // why (reject, return, escalate, ...)
  kNeedsNote = 1u << 1,       // what was done (resolve, close_review)
  kNeedsRating = 1u << 2,     // satisfied / basically_satisfied / unsatisfied
  kNeedsHours = 1u << 3,      // extension length in working hours
  kNeedsReviewAt = 1u << 4,   // when a parked case is looked at again
  kNeedsTarget = 1u << 5,     // the case a duplicate is merged into
};

struct WorkflowRow {
  Action action;
  std::vector<CaseState> from;
  // The usual next state; decide() refines it for rate (reopen / review) and
  // for the extension actions, which keep the state.
  CaseState to;
  std::vector<Role> roles;
  unsigned fields;
  const char* rule;  // extra conditions, in words (also in the docs)
};

const std::vector<WorkflowRow>& workflow();

// What decide() needs to know about a case.
struct CaseFacts {
  CaseState state = CaseState::kReported;
  HandlerKind handler = HandlerKind::kMicroGrid;
  bool needs_verification = true;
  bool extension_pending = false;
  int reopen_count = 0;
  std::optional<Id> resolver_person_id;
};

struct ActionInput {
  std::string reason;
  std::string note;
  std::optional<Rating> rating;
  std::optional<double> hours;
  std::optional<Seconds> review_at;
  std::optional<Id> target_case_id;
  std::optional<HandlerKind> handler;  // dispatch: override the routed handler
};

struct Decision {
  CaseState to = CaseState::kReported;
  std::optional<HandlerKind> new_handler;  // escalate / de-escalate / dispatch override
  bool extension_pending = false;          // the flag after the action
  bool reopened = false;                   // counts towards reopen_count
};

// The one transition function. Refusals: kConflict when the action is not
// possible from the case's state (or its conditions fail), kForbidden when the
// role may not make it (or a handler tries to verify their own work), kInvalid
// when a required field is missing or out of range.
Result<Decision> decide(const CaseFacts& facts, Action action, const Actor& actor,
                        const ActionInput& input);

// The actions `actor` may take on a case now (ignoring input fields).
std::vector<Action> allowed_actions(const CaseFacts& facts, const Actor& actor);

// The workflow table as Markdown (docs/workflow.md).
std::string workflow_markdown();

}  // namespace weige
