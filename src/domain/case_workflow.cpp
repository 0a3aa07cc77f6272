#include "domain/case_workflow.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

namespace weige {
namespace {

using S = CaseState;
using R = Role;

const std::vector<Role> kStaff{R::kGridWorker, R::kCommunityAdmin, R::kSubdistrictStaff,
                               R::kSubdistrictAdmin};
const std::vector<Role> kIntake{R::kGridWorker, R::kCommunityAdmin, R::kSubdistrictStaff,
                                R::kSubdistrictAdmin, R::kPolice};
const std::vector<Role> kHandlers{R::kMicroGridHead, R::kMicroGridWorker, R::kVolunteer,
                                  R::kPropertyStaff, R::kPolice,          R::kGridWorker,
                                  R::kCommunityAdmin, R::kSubdistrictStaff};
const std::vector<Role> kVerifiers{R::kMicroGridHead, R::kGridWorker, R::kCommunityAdmin,
                                   R::kSubdistrictStaff, R::kSubdistrictAdmin};
const std::vector<Role> kSupervisors{R::kCommunityAdmin, R::kSubdistrictStaff, R::kSubdistrictAdmin};

std::vector<Role> plus(std::vector<Role> a, std::initializer_list<Role> more) {
  for (Role r : more) {
    if (std::find(a.begin(), a.end(), r) == a.end()) a.push_back(r);
  }
  return a;
}

const std::vector<CaseState> kWorking{S::kDispatched, S::kInProgress};
const std::vector<CaseState> kActive{S::kAccepted, S::kDispatched, S::kInProgress};

constexpr std::array<std::pair<Action, std::string_view>, 20> kActionNames{{
    {Action::kAccept, "accept"},
    {Action::kReject, "reject"},
    {Action::kDispatch, "dispatch"},
    {Action::kStart, "start"},
    {Action::kResolve, "resolve"},
    {Action::kVerify, "verify"},
    {Action::kFailVerification, "fail_verification"},
    {Action::kClose, "close"},
    {Action::kRate, "rate"},
    {Action::kReturn, "return"},
    {Action::kRequestExtension, "request_extension"},
    {Action::kApproveExtension, "approve_extension"},
    {Action::kDenyExtension, "deny_extension"},
    {Action::kEscalate, "escalate"},
    {Action::kDeEscalate, "de_escalate"},
    {Action::kPark, "park"},
    {Action::kUnpark, "unpark"},
    {Action::kMerge, "merge"},
    {Action::kReopen, "reopen"},
    {Action::kCloseReview, "close_review"},
}};

bool has(const std::vector<Role>& roles, Role r) {
  return std::find(roles.begin(), roles.end(), r) != roles.end();
}
bool has(const std::vector<CaseState>& states, CaseState s) {
  return std::find(states.begin(), states.end(), s) != states.end();
}

const WorkflowRow* row_of(Action a) {
  for (const auto& row : workflow()) {
    if (row.action == a) return &row;
  }
  return nullptr;
}

std::string verb(Action a) { return std::string(to_string(a)); }

// Conditions beyond state and role; empty when they hold.
std::string condition_fails(const CaseFacts& f, Action a, const Actor& actor) {
  switch (a) {
    case Action::kVerify:
    case Action::kFailVerification:
      if (actor.person_id && f.resolver_person_id && *actor.person_id == *f.resolver_person_id) {
        return "forbidden: verification is done by someone other than the handler who resolved it";
      }
      return {};
    case Action::kClose:
      if (f.state == S::kResolved && f.needs_verification) {
        return "conflict: this category needs on-site verification before the case is closed";
      }
      return {};
    case Action::kRequestExtension:
      if (f.extension_pending) return "conflict: an extension request is already pending";
      return {};
    case Action::kApproveExtension:
    case Action::kDenyExtension:
      if (!f.extension_pending) return "conflict: there is no pending extension request";
      return {};
    case Action::kEscalate:
      if (!escalated(f.handler)) return "conflict: the case is already handled at the top level";
      return {};
    case Action::kDeEscalate:
      if (!de_escalated(f.handler)) return "conflict: the case is already handled in the micro-grid";
      return {};
    default: return {};
  }
}

Status missing(const char* field, Action a) {
  return Status::invalid(std::string("'") + field + "' is required to " + verb(a), {{"field", field}});
}

}  // namespace

std::string_view to_string(Action a) {
  for (const auto& [k, n] : kActionNames) {
    if (k == a) return n;
  }
  return "unknown";
}

std::optional<Action> parse_action(std::string_view s) {
  for (const auto& [k, n] : kActionNames) {
    if (n == s) return k;
  }
  return std::nullopt;
}

std::string_view label_zh(Action a) {
  switch (a) {
    case Action::kAccept: return "受理";
    case Action::kReject: return "不予受理";
    case Action::kDispatch: return "派遣";
    case Action::kStart: return "接单";
    case Action::kResolve: return "办结";
    case Action::kVerify: return "核查通过";
    case Action::kFailVerification: return "核查不通过";
    case Action::kClose: return "结案";
    case Action::kRate: return "评价";
    case Action::kReturn: return "退回";
    case Action::kRequestExtension: return "申请延期";
    case Action::kApproveExtension: return "同意延期";
    case Action::kDenyExtension: return "不同意延期";
    case Action::kEscalate: return "上报";
    case Action::kDeEscalate: return "下沉";
    case Action::kPark: return "挂起";
    case Action::kUnpark: return "恢复";
    case Action::kMerge: return "合并";
    case Action::kReopen: return "重办";
    case Action::kCloseReview: return "复核结案";
  }
  return "";
}

const std::vector<WorkflowRow>& workflow() {
  static const std::vector<WorkflowRow> kTable{
      {Action::kAccept, {S::kReported}, S::kAccepted, kIntake, kNeedsNothing, ""},
      {Action::kReject, {S::kReported}, S::kRejected, kIntake, kNeedsReason, ""},
      {Action::kMerge, {S::kReported, S::kAccepted}, S::kMerged, kIntake, kNeedsTarget,
       "the target is another open case"},
      {Action::kDispatch, {S::kAccepted}, S::kDispatched, kStaff, kNeedsNothing,
       "the routed handler unless one is given"},
      {Action::kStart, {S::kDispatched}, S::kInProgress, kHandlers, kNeedsNothing, ""},
      {Action::kReturn, kWorking, S::kAccepted, kHandlers, kNeedsReason, ""},
      {Action::kResolve, {S::kInProgress}, S::kResolved, kHandlers, kNeedsNote, ""},
      {Action::kVerify, {S::kResolved}, S::kVerified, kVerifiers, kNeedsNothing,
       "not by the person who resolved it"},
      {Action::kFailVerification, {S::kResolved}, S::kInProgress, kVerifiers, kNeedsReason,
       "not by the person who resolved it; counts as a reopening"},
      {Action::kClose, {S::kVerified, S::kResolved}, S::kClosed, kStaff, kNeedsNothing,
       "from resolved only when the category needs no verification"},
      {Action::kRate, {S::kClosed}, S::kRated, plus(kStaff, {R::kResident}), kNeedsRating,
       "unsatisfied reopens the case once (to in_progress); a second unsatisfied sends it to "
       "in_review; staff record return visits"},
      {Action::kRequestExtension, kWorking, S::kInProgress, kHandlers, kNeedsReason | kNeedsHours,
       "keeps the state; none pending"},
      {Action::kApproveExtension, kWorking, S::kInProgress, kSupervisors, kNeedsNothing,
       "keeps the state; moves the stage deadline by the requested hours"},
      {Action::kDenyExtension, kWorking, S::kInProgress, kSupervisors, kNeedsReason,
       "keeps the state"},
      {Action::kEscalate, kActive, S::kDispatched, plus(kHandlers, {R::kSubdistrictAdmin, R::kSystem}),
       kNeedsReason, "one level up; not above the district; the system escalates overdue stages"},
      {Action::kDeEscalate, kActive, S::kDispatched, kSupervisors, kNeedsReason,
       "one level down; not below the micro-grid"},
      {Action::kPark, kActive, S::kParked, kSupervisors, kNeedsReason | kNeedsReviewAt, ""},
      {Action::kUnpark, {S::kParked}, S::kAccepted, plus(kSupervisors, {R::kSystem}), kNeedsNothing,
       "the system unparks at the review time"},
      {Action::kReopen, {S::kInReview}, S::kInProgress, kSupervisors, kNeedsReason, ""},
      {Action::kCloseReview, {S::kInReview}, S::kClosed, kSupervisors, kNeedsNote, ""},
  };
  return kTable;
}

Result<Decision> decide(const CaseFacts& f, Action a, const Actor& actor, const ActionInput& in) {
  const WorkflowRow* row = row_of(a);
  if (!row) return Status::invalid("unknown action");
  if (!has(row->from, f.state)) {
    return Status::conflict("cannot " + verb(a) + " a case that is " +
                                std::string(to_string(f.state)),
                            {{"state", to_string(f.state)}, {"action", to_string(a)}});
  }
  if (!has(row->roles, actor.role)) {
    return Status(Code::kForbidden,
                  "a " + std::string(to_string(actor.role)) + " may not " + verb(a) + " a case",
                  {{"role", to_string(actor.role)}, {"action", to_string(a)}});
  }
  std::string cond = condition_fails(f, a, actor);
  if (!cond.empty()) {
    bool forbidden = cond.rfind("forbidden", 0) == 0;
    std::string msg = cond.substr(cond.find(": ") + 2);
    return forbidden ? Status(Code::kForbidden, msg) : Status::conflict(msg);
  }
  if ((row->fields & kNeedsReason) && in.reason.empty()) return missing("reason", a);
  if ((row->fields & kNeedsNote) && in.note.empty()) return missing("note", a);
  if ((row->fields & kNeedsRating) && !in.rating) return missing("rating", a);
  if ((row->fields & kNeedsHours) &&
      (!in.hours || !std::isfinite(*in.hours) || *in.hours <= 0 || *in.hours > 2000)) {
    return Status::invalid("'hours' between 0 and 2000 working hours is required to " + verb(a),
                           {{"field", "hours"}});
  }
  if ((row->fields & kNeedsReviewAt) && !in.review_at) return missing("review_at", a);
  if ((row->fields & kNeedsTarget) && !in.target_case_id) return missing("target_case_id", a);

  Decision d;
  d.to = row->to;
  d.extension_pending = f.extension_pending;
  switch (a) {
    case Action::kDispatch:
      d.new_handler = in.handler;
      break;
    case Action::kRequestExtension:
    case Action::kApproveExtension:
    case Action::kDenyExtension:
      d.to = f.state;
      d.extension_pending = a == Action::kRequestExtension;
      break;
    case Action::kEscalate:
      d.new_handler = escalated(f.handler);
      d.extension_pending = false;
      break;
    case Action::kDeEscalate:
      d.new_handler = de_escalated(f.handler);
      d.extension_pending = false;
      break;
    case Action::kFailVerification:
    case Action::kReopen:
      d.reopened = true;
      break;
    case Action::kRate:
      if (*in.rating == Rating::kUnsatisfied) {
        d.to = f.reopen_count == 0 ? S::kInProgress : S::kInReview;
        d.reopened = f.reopen_count == 0;
      }
      break;
    case Action::kReturn:
    case Action::kPark:
      d.extension_pending = false;
      break;
    default: break;
  }
  return d;
}

std::vector<Action> allowed_actions(const CaseFacts& f, const Actor& actor) {
  std::vector<Action> out;
  ActionInput full;
  full.reason = full.note = "x";
  full.rating = Rating::kSatisfied;
  full.hours = 1;
  full.review_at = 0;
  full.target_case_id = 1;
  for (const auto& row : workflow()) {
    if (decide(f, row.action, actor, full)) out.push_back(row.action);
  }
  return out;
}

std::string workflow_markdown() {
  std::string md =
      "# The case workflow\n\n"
      "Generated from `src/domain/case_workflow.cpp` by `weige workflow`; a test keeps this file "
      "identical to the table the server enforces. Every transition is appended to the case "
      "history (actor, time, note, attachments); history is never rewritten.\n\n"
      "States: ";
  for (CaseState s : {S::kReported, S::kAccepted, S::kRejected, S::kDispatched, S::kInProgress,
                      S::kResolved, S::kVerified, S::kClosed, S::kRated, S::kParked, S::kInReview,
                      S::kMerged}) {
    md += "`" + std::string(to_string(s)) + "` (" + std::string(label_zh(s)) + "), ";
  }
  md.resize(md.size() - 2);
  md += ".\n\n| action | from | to | roles | required fields | conditions |\n|---|---|---|---|---|---|\n";
  for (const auto& row : workflow()) {
    md += "| `" + std::string(to_string(row.action)) + "` " + std::string(label_zh(row.action)) + " | ";
    for (std::size_t i = 0; i < row.from.size(); ++i) md += (i ? ", " : "") + std::string(to_string(row.from[i]));
    md += " | " + std::string(to_string(row.to)) + " | ";
    for (std::size_t i = 0; i < row.roles.size(); ++i) md += (i ? ", " : "") + std::string(to_string(row.roles[i]));
    md += " | ";
    std::vector<std::string> fields;
    if (row.fields & kNeedsReason) fields.emplace_back("reason");
    if (row.fields & kNeedsNote) fields.emplace_back("note");
    if (row.fields & kNeedsRating) fields.emplace_back("rating");
    if (row.fields & kNeedsHours) fields.emplace_back("hours");
    if (row.fields & kNeedsReviewAt) fields.emplace_back("review_at");
    if (row.fields & kNeedsTarget) fields.emplace_back("target_case_id");
    for (std::size_t i = 0; i < fields.size(); ++i) md += (i ? ", " : "") + fields[i];
    if (fields.empty()) md += "—";
    md += " | " + std::string(*row.rule ? row.rule : "—") + " |\n";
  }
  md += "\nRefusals: a wrong state is 409 `conflict`, a role that may not act is 403 `forbidden`, "
        "a missing field is 400 `invalid`; the case is unchanged.\n";
  return md;
}

}  // namespace weige
