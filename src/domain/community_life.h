#pragma once
// Community life beyond cases (domain.md "Matters", "three links",
// "Deliberation and conventions", publicity): the vocabulary of patrols,
// three-links visits, care tags, notices and publicity campaigns, the
// calendar windows their figures are counted in (local time, UTC+8), and
// the pure coverage figures. The deliberation workflow is in topic_workflow.h.

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "domain/case.h"
#include "domain/map.h"

namespace weige {

// ---- patrols (巡查) ----

enum class PatrolFrequency { kWeekly, kMonthly, kQuarterly };
// Who walks a patrol: volunteers in red vests with subdistrict, community and
// property staff (and the grid worker or police officer when they come along).
enum class ParticipantKind {
  kVolunteer,
  kSubdistrictStaff,
  kCommunityStaff,
  kPropertyStaff,
  kGridWorker,
  kPolice
};
// What became of an observation: still open, taken in as a case, or kept as
// a suggestion (which may later raise a deliberation topic).
enum class ObservationOutcome { kOpen, kCase, kSuggestion };

// ---- three-links visits (走访) and care ----

enum class VisitForm { kDoorToDoor, kCourtyardMeeting, kChatGroup };
// Households needing care, tagged on the household.
enum class CareTag { kElderlyAlone, kDisabled, kLowIncome };
// Default days between visits: elderly living alone 7, disabled 30, low income 30.
int default_visit_interval_days(CareTag tag);

// ---- notices and publicity (宣传) ----

enum class NoticeTarget { kBuilding, kMicroGrid, kCompound, kGrid, kCommunity };
enum class CampaignTheme { kCivilisedDogKeeping, kFireSafety, kFraudPrevention };
// Whether a notice target names a place (building, compound, community) rather than a grid.
bool targets_place(NoticeTarget t);
// The place kind or grid kind a target id must have.
std::optional<PlaceKind> target_place_kind(NoticeTarget t);
std::optional<GridKind> target_grid_kind(NoticeTarget t);

// Who speaks in a comment on a topic or a convention section.
enum class AuthorKind { kResident, kTenant, kVolunteer, kPropertyCompany, kStaff };

std::string_view to_string(PatrolFrequency f);
std::string_view to_string(ParticipantKind k);
std::string_view to_string(ObservationOutcome o);
std::string_view to_string(VisitForm f);
std::string_view to_string(CareTag t);
std::string_view to_string(NoticeTarget t);
std::string_view to_string(CampaignTheme t);
std::string_view to_string(AuthorKind k);
std::optional<PatrolFrequency> parse_patrol_frequency(std::string_view s);
std::optional<ParticipantKind> parse_participant_kind(std::string_view s);
std::optional<ObservationOutcome> parse_observation_outcome(std::string_view s);
std::optional<VisitForm> parse_visit_form(std::string_view s);
std::optional<CareTag> parse_care_tag(std::string_view s);
std::optional<NoticeTarget> parse_notice_target(std::string_view s);
std::optional<CampaignTheme> parse_campaign_theme(std::string_view s);
std::optional<AuthorKind> parse_author_kind(std::string_view s);
std::string_view label_zh(VisitForm f);
std::string_view label_zh(CareTag t);
std::string_view label_zh(CampaignTheme t);

// ---- windows ----

// A half-open span of time [from, to) with its label ("2026-11", "2026Q4").
struct Window {
  Seconds from = 0;
  Seconds to = 0;
  std::string label;
  bool contains(Seconds t) const { return t >= from && t < to; }
};
// The local calendar month or quarter holding an instant.
Window month_of(Seconds t);
Window quarter_of(Seconds t);
// "2026-11"; "2026Q4" or "2026-Q4". nullopt when malformed.
std::optional<Window> parse_month(std::string_view s);
std::optional<Window> parse_quarter(std::string_view s);
// 00:00 local time of a day given as "YYYY-MM-DD"; nullopt when malformed.
std::optional<Seconds> parse_local_date(const std::string& s);

// ---- figures ----

// Which places of a patrol route were checked in at (in route order), and
// which were not. A place listed twice on the route counts once.
struct RouteCoverage {
  std::vector<Id> patrolled;
  std::vector<Id> not_patrolled;
};
RouteCoverage route_coverage(const std::vector<Id>& route, const std::set<Id>& checked_in);

// When a cared-for household is next due a visit: `interval_days` after its
// last visit, or after it was tagged when it was never visited. Overdue once
// `now` is past the due time; days_overdue counts whole days past it.
struct CareDue {
  Seconds due_at = 0;
  bool overdue = false;
  int days_overdue = 0;
};
CareDue care_due(std::optional<Seconds> last_visit, Seconds tagged_at, int interval_days,
                 Seconds now);

// One edge of the three-links chain (tier 1 organisation -> backbone,
// tier 2 backbone -> party member, tier 3 party member -> household).
struct LinkEdge {
  int tier = 0;
  std::optional<Id> from_org, from_person, to_person, to_household;
};
// Coverage of one link of the chain: the households reached below it and how
// many of them were visited. Tier 3 rows are per party member, tier 2 per
// backbone (summing their party members), tier 1 per organisation.
struct LinkCoverage {
  int tier = 0;
  std::optional<Id> organisation_id;
  std::optional<Id> person_id;
  int households = 0;
  int visited = 0;
};
// Rows for every linking person and organisation, tier 1 first, then by id.
// A household is counted under each chain that reaches it.
std::vector<LinkCoverage> link_coverage(const std::vector<LinkEdge>& edges,
                                        const std::set<Id>& visited);

}  // namespace weige
