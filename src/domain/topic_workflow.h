#pragma once
// The micro-grid deliberation process (微网格议事流程) and the adoption of a
// residents' convention, each written once as a table and enforced by one
// decide() function. `weige workflow` prints both after the case workflow
// (docs/workflow.md), and tests are tables over them.
//
// A topic is raised (by a resident, a micro-grid worker, from a case or a
// patrol suggestion), opinions are gathered as comments, a meeting (a
// courtyard meeting, or the community-property joint meeting in the Red
// Harbour) discusses it with attendees and minutes, households vote (one vote
// per household, quorum and majority per topic, see vote.h), the result is
// published, and its implementation is followed step by step.

#include <optional>
#include <string>
#include <vector>

#include "domain/roles.h"
#include "domain/state_table.h"
#include "domain/status.h"
#include "domain/vote.h"

namespace weige {

enum class TopicState {
  kRaised,             // 提出
  kGatheringOpinions,  // 征求意见
  kMeeting,            // 会议商议
  kVoting,             // 表决
  kDecided,            // 通过
  kRejected,           // 未通过 (terminal)
  kPublished,          // 结果公示
  kImplementing,       // 落实中
  kDone,               // 办结 (terminal)
  kWithdrawn,          // 撤回 (terminal)
};

enum class TopicAction {
  kOpenConsultation,     // 征求意见
  kScheduleMeeting,      // 召开会议
  kOpenVoting,           // 开始表决
  kCloseVoting,          // 结束表决 (to decided or rejected by the tally)
  kPublish,              // 公示结果
  kStartImplementation,  // 开始落实
  kComplete,             // 落实完成
  kWithdraw,             // 撤回
};

enum class MeetingKind { kCourtyardMeeting, kJointMeeting };
enum class StepStatus { kTodo, kInProgress, kDone, kBlocked };

std::string_view to_string(TopicState s);
std::string_view to_string(TopicAction a);
std::string_view to_string(MeetingKind k);
std::string_view to_string(StepStatus s);
std::optional<TopicState> parse_topic_state(std::string_view s);
std::optional<TopicAction> parse_topic_action(std::string_view s);
std::optional<MeetingKind> parse_meeting_kind(std::string_view s);
std::optional<StepStatus> parse_step_status(std::string_view s);
std::string_view label_zh(TopicState s);
std::string_view label_zh(TopicAction a);
std::string_view label_zh(MeetingKind k);

using TopicRow = TransitionRow<TopicState, TopicAction>;
const std::vector<TopicRow>& topic_workflow();

// What decide() needs to know about a topic.
struct TopicFacts {
  TopicState state = TopicState::kRaised;
  int meetings_with_minutes = 0;
  int eligible_households = 0;  // households of the topic's grid (when voting opens)
  VoteCount votes;
  VoteRule rule;
  int steps = 0;
  int open_steps = 0;  // steps not done
};

// The one transition function for topics. Refusals: kConflict when the state
// does not allow the action or its conditions fail, kForbidden for a role
// that may not take it, kInvalid for a missing field. close_voting goes to
// decided when the tally passes and to rejected otherwise.
Result<TopicState> decide(const TopicFacts& facts, TopicAction action, const Actor& actor,
                          const StepInput& input);
std::vector<TopicAction> allowed_actions(const TopicFacts& facts, const Actor& actor);

// What a topic takes in each state (refused with kConflict otherwise).
bool takes_comments(TopicState s);  // raised, gathering_opinions, meeting
bool takes_meetings(TopicState s);  // meeting
bool takes_votes(TopicState s);     // voting
bool takes_steps(TopicState s);     // decided, published, implementing
bool is_open(TopicState s);         // not rejected, done or withdrawn

// ---- convention versions ----

enum class VersionState {
  kDraft,         // 起草
  kConsultation,  // 征求意见 (section comments)
  kVoting,        // 表决
  kAdopted,       // 通过, the convention's current text; households sign on
  kRejected,      // 未通过 (terminal)
  kSuperseded,    // a later version was adopted (terminal)
};
enum class VersionAction { kOpenConsultation, kOpenVoting, kCloseVoting };

std::string_view to_string(VersionState s);
std::string_view to_string(VersionAction a);
std::optional<VersionState> parse_version_state(std::string_view s);
std::optional<VersionAction> parse_version_action(std::string_view s);
std::string_view label_zh(VersionState s);

using VersionRow = TransitionRow<VersionState, VersionAction>;
const std::vector<VersionRow>& version_workflow();

struct VersionFacts {
  VersionState state = VersionState::kDraft;
  int eligible_households = 0;
  VoteCount votes;
  VoteRule rule;
};
// close_voting adopts the version when the tally passes and rejects it otherwise.
Result<VersionState> decide(const VersionFacts& facts, VersionAction action, const Actor& actor);
bool takes_section_comments(VersionState s);  // draft, consultation

// Both tables as Markdown (appended to docs/workflow.md).
std::string deliberation_workflow_markdown();

}  // namespace weige
