#include "domain/topic_workflow.h"

#include "domain/enum_names.h"

namespace weige {
namespace {

using S = TopicState;
using A = TopicAction;
using R = Role;
using V = VersionState;

// Convenors run the process; micro-grid workers may move it along up to the meeting.
const std::vector<Role> kConvenors{R::kMicroGridHead, R::kGridWorker, R::kCommunityAdmin,
                                   R::kSubdistrictStaff, R::kSubdistrictAdmin};
const std::vector<Role> kConvenorsAndWorkers{R::kMicroGridHead,    R::kMicroGridWorker,
                                             R::kGridWorker,       R::kCommunityAdmin,
                                             R::kSubdistrictStaff, R::kSubdistrictAdmin};

constexpr NameTable<TopicState, 10> kStates{{{S::kRaised, "raised"},
                                             {S::kGatheringOpinions, "gathering_opinions"},
                                             {S::kMeeting, "meeting"},
                                             {S::kVoting, "voting"},
                                             {S::kDecided, "decided"},
                                             {S::kRejected, "rejected"},
                                             {S::kPublished, "published"},
                                             {S::kImplementing, "implementing"},
                                             {S::kDone, "done"},
                                             {S::kWithdrawn, "withdrawn"}}};
constexpr NameTable<TopicAction, 8> kActions{{{A::kOpenConsultation, "open_consultation"},
                                              {A::kScheduleMeeting, "schedule_meeting"},
                                              {A::kOpenVoting, "open_voting"},
                                              {A::kCloseVoting, "close_voting"},
                                              {A::kPublish, "publish"},
                                              {A::kStartImplementation, "start_implementation"},
                                              {A::kComplete, "complete"},
                                              {A::kWithdraw, "withdraw"}}};
constexpr NameTable<MeetingKind, 2> kMeetingKinds{
    {{MeetingKind::kCourtyardMeeting, "courtyard_meeting"},
     {MeetingKind::kJointMeeting, "joint_meeting"}}};
constexpr NameTable<StepStatus, 4> kStepStatuses{{{StepStatus::kTodo, "todo"},
                                                  {StepStatus::kInProgress, "in_progress"},
                                                  {StepStatus::kDone, "done"},
                                                  {StepStatus::kBlocked, "blocked"}}};
constexpr NameTable<VersionState, 6> kVersionStates{{{V::kDraft, "draft"},
                                                     {V::kConsultation, "consultation"},
                                                     {V::kVoting, "voting"},
                                                     {V::kAdopted, "adopted"},
                                                     {V::kRejected, "rejected"},
                                                     {V::kSuperseded, "superseded"}}};
constexpr NameTable<VersionAction, 3> kVersionActions{
    {{VersionAction::kOpenConsultation, "open_consultation"},
     {VersionAction::kOpenVoting, "open_voting"},
     {VersionAction::kCloseVoting, "close_voting"}}};

// Conditions beyond state, role and fields; empty when they hold.
std::string topic_condition_fails(const TopicFacts& f, TopicAction a) {
  switch (a) {
    case A::kOpenVoting:
      if (f.meetings_with_minutes == 0) return "a meeting with minutes is recorded before the vote";
      if (f.eligible_households == 0) return "the topic's grid has no households to vote";
      return {};
    case A::kStartImplementation:
      if (f.steps == 0) return "add at least one implementation step first";
      return {};
    case A::kComplete:
      if (f.steps == 0 || f.open_steps > 0) return "every implementation step is done first";
      return {};
    default:
      return {};
  }
}

}  // namespace

std::string_view to_string(TopicState s) {
  return name_in(kStates, s);
}
std::string_view to_string(TopicAction a) {
  return name_in(kActions, a);
}
std::string_view to_string(MeetingKind k) {
  return name_in(kMeetingKinds, k);
}
std::string_view to_string(StepStatus s) {
  return name_in(kStepStatuses, s);
}
std::optional<TopicState> parse_topic_state(std::string_view s) {
  return parse_in(kStates, s);
}
std::optional<TopicAction> parse_topic_action(std::string_view s) {
  return parse_in(kActions, s);
}
std::optional<MeetingKind> parse_meeting_kind(std::string_view s) {
  return parse_in(kMeetingKinds, s);
}
std::optional<StepStatus> parse_step_status(std::string_view s) {
  return parse_in(kStepStatuses, s);
}
std::string_view to_string(VersionState s) {
  return name_in(kVersionStates, s);
}
std::string_view to_string(VersionAction a) {
  return name_in(kVersionActions, a);
}
std::optional<VersionState> parse_version_state(std::string_view s) {
  return parse_in(kVersionStates, s);
}
std::optional<VersionAction> parse_version_action(std::string_view s) {
  return parse_in(kVersionActions, s);
}

std::string_view label_zh(TopicState s) {
  switch (s) {
    case S::kRaised:
      return "已提出";
    case S::kGatheringOpinions:
      return "征求意见";
    case S::kMeeting:
      return "会议商议";
    case S::kVoting:
      return "表决中";
    case S::kDecided:
      return "已通过";
    case S::kRejected:
      return "未通过";
    case S::kPublished:
      return "结果公示";
    case S::kImplementing:
      return "落实中";
    case S::kDone:
      return "已办结";
    case S::kWithdrawn:
      return "已撤回";
  }
  return "";
}

std::string_view label_zh(TopicAction a) {
  switch (a) {
    case A::kOpenConsultation:
      return "征求意见";
    case A::kScheduleMeeting:
      return "召开会议";
    case A::kOpenVoting:
      return "开始表决";
    case A::kCloseVoting:
      return "结束表决";
    case A::kPublish:
      return "公示结果";
    case A::kStartImplementation:
      return "开始落实";
    case A::kComplete:
      return "落实完成";
    case A::kWithdraw:
      return "撤回";
  }
  return "";
}

std::string_view label_zh(MeetingKind k) {
  return k == MeetingKind::kCourtyardMeeting ? "院落坝坝会" : "社区物业联席会（红色港湾）";
}

std::string_view label_zh(VersionState s) {
  switch (s) {
    case V::kDraft:
      return "起草";
    case V::kConsultation:
      return "征求意见";
    case V::kVoting:
      return "表决中";
    case V::kAdopted:
      return "已通过";
    case V::kRejected:
      return "未通过";
    case V::kSuperseded:
      return "已被取代";
  }
  return "";
}

const std::vector<TopicRow>& topic_workflow() {
  static const std::vector<TopicRow> kTable{
      {A::kOpenConsultation,
       {S::kRaised},
       S::kGatheringOpinions,
       kConvenorsAndWorkers,
       kStepNeedsNothing,
       "residents comment while the topic is raised, gathering opinions or in the meeting"},
      {A::kScheduleMeeting,
       {S::kGatheringOpinions},
       S::kMeeting,
       kConvenorsAndWorkers,
       kStepNeedsNothing,
       "meetings (courtyard or joint) are recorded while the topic is in the meeting state"},
      {A::kOpenVoting,
       {S::kMeeting},
       S::kVoting,
       kConvenors,
       kStepNeedsNothing,
       "a meeting with minutes is recorded; the grid has households; their number is fixed as the "
       "electorate"},
      {A::kCloseVoting,
       {S::kVoting},
       S::kDecided,
       kConvenors,
       kStepNeedsNothing,
       "decided when the quorum and the majority are reached, otherwise rejected"},
      {A::kPublish,
       {S::kDecided},
       S::kPublished,
       kConvenors,
       kStepNeedsNote,
       "the note is the published result"},
      {A::kStartImplementation,
       {S::kPublished},
       S::kImplementing,
       kConvenorsAndWorkers,
       kStepNeedsNothing,
       "at least one implementation step"},
      {A::kComplete,
       {S::kImplementing},
       S::kDone,
       kConvenors,
       kStepNeedsNothing,
       "every step is done"},
      {A::kWithdraw,
       {S::kRaised, S::kGatheringOpinions, S::kMeeting},
       S::kWithdrawn,
       kConvenors,
       kStepNeedsReason,
       ""},
  };
  return kTable;
}

Result<TopicState> decide(const TopicFacts& f, TopicAction a, const Actor& actor,
                          const StepInput& in) {
  WEIGE_ASSIGN(const TopicRow* row,
               check_transition(topic_workflow(), "topic", f.state, a, actor, in));
  std::string cond = topic_condition_fails(f, a);
  if (!cond.empty()) return Status::conflict(cond, {{"action", to_string(a)}});
  if (a == A::kCloseVoting)
    return tally(f.votes, f.eligible_households, f.rule).passed ? S::kDecided : S::kRejected;
  return row->to;
}

std::vector<TopicAction> allowed_actions(const TopicFacts& f, const Actor& actor) {
  std::vector<TopicAction> out;
  StepInput full{"x", "x"};
  for (const auto& row : topic_workflow()) {
    if (decide(f, row.action, actor, full)) out.push_back(row.action);
  }
  return out;
}

bool takes_comments(TopicState s) {
  return s == S::kRaised || s == S::kGatheringOpinions || s == S::kMeeting;
}
bool takes_meetings(TopicState s) {
  return s == S::kMeeting;
}
bool takes_votes(TopicState s) {
  return s == S::kVoting;
}
bool takes_steps(TopicState s) {
  return s == S::kDecided || s == S::kPublished || s == S::kImplementing;
}
bool is_open(TopicState s) {
  return s != S::kRejected && s != S::kDone && s != S::kWithdrawn;
}

const std::vector<VersionRow>& version_workflow() {
  static const std::vector<VersionRow> kTable{
      {VersionAction::kOpenConsultation,
       {V::kDraft},
       V::kConsultation,
       kConvenorsAndWorkers,
       kStepNeedsNothing,
       "residents, tenants, volunteers and the property company comment on sections in draft and "
       "consultation"},
      {VersionAction::kOpenVoting,
       {V::kConsultation},
       V::kVoting,
       kConvenors,
       kStepNeedsNothing,
       "the convention's place has households; their number is fixed as the electorate"},
      {VersionAction::kCloseVoting,
       {V::kVoting},
       V::kAdopted,
       kConvenors,
       kStepNeedsNothing,
       "adopted when the quorum and the majority are reached (the previous adopted version is "
       "superseded), "
       "otherwise rejected"},
  };
  return kTable;
}

Result<VersionState> decide(const VersionFacts& f, VersionAction a, const Actor& actor) {
  WEIGE_ASSIGN(const VersionRow* row,
               check_transition(version_workflow(), "convention version", f.state, a, actor, {}));
  if (a == VersionAction::kOpenVoting && f.eligible_households == 0) {
    return Status::conflict("the convention's place has no households to vote",
                            {{"action", to_string(a)}});
  }
  if (a == VersionAction::kCloseVoting) {
    return tally(f.votes, f.eligible_households, f.rule).passed ? V::kAdopted : V::kRejected;
  }
  return row->to;
}

bool takes_section_comments(VersionState s) {
  return s == V::kDraft || s == V::kConsultation;
}

std::string deliberation_workflow_markdown() {
  std::string md =
      "\n# The deliberation workflow (微网格议事流程)\n\n"
      "Generated from `src/domain/topic_workflow.cpp`. A topic is raised by a resident, a "
      "micro-grid worker, "
      "from a case or from a patrol suggestion, in state `raised`. Every transition is appended to "
      "the "
      "topic's history.\n\nStates: ";
  for (const auto& [s, name] : kStates)
    md += "`" + std::string(name) + "` (" + std::string(label_zh(s)) + "), ";
  md.resize(md.size() - 2);
  md += ".\n\n" + transition_rows_markdown(topic_workflow());
  md +=
      "\nComments are taken while a topic is raised, gathering opinions or in the meeting; "
      "meetings while it is "
      "in the meeting; votes while it is voting (one per household of the topic's grid, a second "
      "is 409 "
      "`conflict`); implementation steps once it is decided, published or implementing.\n\n"
      "Votes: the quorum is at least `quorum_percent` of the eligible households voting (exactly "
      "at the quorum "
      "counts); the majority is counted over the votes cast, abstentions included: "
      "`more_than_half` (a tie "
      "fails), `two_thirds` or `three_quarters` (at least).\n\n"
      "## Convention versions (居民公约)\n\n";
  md += transition_rows_markdown(version_workflow());
  md += "\nHouseholds sign on to the adopted version; the sign-on rate is reported per building.\n";
  return md;
}

}  // namespace weige
