#include "domain/community_life.h"

#include <algorithm>
#include <charconv>
#include <map>

#include "domain/enum_names.h"
#include "domain/work_calendar.h"

namespace weige {
namespace {

constexpr Seconds kLocalOffset = 8 * 3600;  // China, UTC+8, no DST
constexpr Seconds kDay = 86400;

constexpr NameTable<PatrolFrequency, 3> kFrequencies{{{PatrolFrequency::kWeekly, "weekly"},
                                                      {PatrolFrequency::kMonthly, "monthly"},
                                                      {PatrolFrequency::kQuarterly, "quarterly"}}};
constexpr NameTable<ParticipantKind, 6> kParticipants{
    {{ParticipantKind::kVolunteer, "volunteer"},
     {ParticipantKind::kSubdistrictStaff, "subdistrict_staff"},
     {ParticipantKind::kCommunityStaff, "community_staff"},
     {ParticipantKind::kPropertyStaff, "property_staff"},
     {ParticipantKind::kGridWorker, "grid_worker"},
     {ParticipantKind::kPolice, "police"}}};
constexpr NameTable<ObservationOutcome, 3> kOutcomes{
    {{ObservationOutcome::kOpen, "open"},
     {ObservationOutcome::kCase, "case"},
     {ObservationOutcome::kSuggestion, "suggestion"}}};
constexpr NameTable<VisitForm, 3> kForms{{{VisitForm::kDoorToDoor, "door_to_door"},
                                          {VisitForm::kCourtyardMeeting, "courtyard_meeting"},
                                          {VisitForm::kChatGroup, "chat_group"}}};
constexpr NameTable<CareTag, 3> kCareTags{{{CareTag::kElderlyAlone, "elderly_alone"},
                                           {CareTag::kDisabled, "disabled"},
                                           {CareTag::kLowIncome, "low_income"}}};
constexpr NameTable<NoticeTarget, 5> kTargets{{{NoticeTarget::kBuilding, "building"},
                                               {NoticeTarget::kMicroGrid, "micro_grid"},
                                               {NoticeTarget::kCompound, "compound"},
                                               {NoticeTarget::kGrid, "grid"},
                                               {NoticeTarget::kCommunity, "community"}}};
constexpr NameTable<CampaignTheme, 3> kThemes{
    {{CampaignTheme::kCivilisedDogKeeping, "civilised_dog_keeping"},
     {CampaignTheme::kFireSafety, "fire_safety"},
     {CampaignTheme::kFraudPrevention, "fraud_prevention"}}};
constexpr NameTable<AuthorKind, 5> kAuthors{{{AuthorKind::kResident, "resident"},
                                             {AuthorKind::kTenant, "tenant"},
                                             {AuthorKind::kVolunteer, "volunteer"},
                                             {AuthorKind::kPropertyCompany, "property_company"},
                                             {AuthorKind::kStaff, "staff"}}};

Seconds local_midnight(Day d) {
  return d * kDay - kLocalOffset;
}

// Year and month of a local instant.
std::pair<int, int> year_month(Seconds t) {
  Seconds local = t + kLocalOffset;
  Day d = local >= 0 ? local / kDay : -((-local + kDay - 1) / kDay);  // floor
  std::string day = format_day(d);
  return {std::stoi(day.substr(0, 4)), std::stoi(day.substr(5, 2))};
}

std::string two(int n) {
  return (n < 10 ? "0" : "") + std::to_string(n);
}

Window month_window(int year, int month) {
  int next_year = month == 12 ? year + 1 : year;
  int next_month = month == 12 ? 1 : month + 1;
  return {local_midnight(day_from_civil(year, static_cast<unsigned>(month), 1)),
          local_midnight(day_from_civil(next_year, static_cast<unsigned>(next_month), 1)),
          std::to_string(year) + "-" + two(month)};
}

Window quarter_window(int year, int quarter) {
  Window first = month_window(year, quarter * 3 - 2);
  Window last = month_window(year, quarter * 3);
  return {first.from, last.to, std::to_string(year) + "Q" + std::to_string(quarter)};
}

std::optional<int> number(std::string_view s) {
  int v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || s.empty()) return std::nullopt;
  return v;
}

}  // namespace

int default_visit_interval_days(CareTag tag) {
  switch (tag) {
    case CareTag::kElderlyAlone:
      return 7;
    case CareTag::kDisabled:
      return 30;
    case CareTag::kLowIncome:
      return 30;
  }
  return 30;
}

bool targets_place(NoticeTarget t) {
  return target_place_kind(t).has_value();
}

std::optional<PlaceKind> target_place_kind(NoticeTarget t) {
  switch (t) {
    case NoticeTarget::kBuilding:
      return PlaceKind::kBuilding;
    case NoticeTarget::kCompound:
      return PlaceKind::kCompound;
    case NoticeTarget::kCommunity:
      return PlaceKind::kCommunity;
    default:
      return std::nullopt;
  }
}

std::optional<GridKind> target_grid_kind(NoticeTarget t) {
  switch (t) {
    case NoticeTarget::kMicroGrid:
      return GridKind::kMicroGrid;
    case NoticeTarget::kGrid:
      return GridKind::kGrid;
    default:
      return std::nullopt;
  }
}

std::string_view to_string(PatrolFrequency f) {
  return name_in(kFrequencies, f);
}
std::string_view to_string(ParticipantKind k) {
  return name_in(kParticipants, k);
}
std::string_view to_string(ObservationOutcome o) {
  return name_in(kOutcomes, o);
}
std::string_view to_string(VisitForm f) {
  return name_in(kForms, f);
}
std::string_view to_string(CareTag t) {
  return name_in(kCareTags, t);
}
std::string_view to_string(NoticeTarget t) {
  return name_in(kTargets, t);
}
std::string_view to_string(CampaignTheme t) {
  return name_in(kThemes, t);
}
std::string_view to_string(AuthorKind k) {
  return name_in(kAuthors, k);
}
std::optional<PatrolFrequency> parse_patrol_frequency(std::string_view s) {
  return parse_in(kFrequencies, s);
}
std::optional<ParticipantKind> parse_participant_kind(std::string_view s) {
  return parse_in(kParticipants, s);
}
std::optional<ObservationOutcome> parse_observation_outcome(std::string_view s) {
  return parse_in(kOutcomes, s);
}
std::optional<VisitForm> parse_visit_form(std::string_view s) {
  return parse_in(kForms, s);
}
std::optional<CareTag> parse_care_tag(std::string_view s) {
  return parse_in(kCareTags, s);
}
std::optional<NoticeTarget> parse_notice_target(std::string_view s) {
  return parse_in(kTargets, s);
}
std::optional<CampaignTheme> parse_campaign_theme(std::string_view s) {
  return parse_in(kThemes, s);
}
std::optional<AuthorKind> parse_author_kind(std::string_view s) {
  return parse_in(kAuthors, s);
}

std::string_view label_zh(VisitForm f) {
  switch (f) {
    case VisitForm::kDoorToDoor:
      return "上门走访";
    case VisitForm::kCourtyardMeeting:
      return "院落坝坝会";
    case VisitForm::kChatGroup:
      return "微信群";
  }
  return "";
}

std::string_view label_zh(CareTag t) {
  switch (t) {
    case CareTag::kElderlyAlone:
      return "独居老人";
    case CareTag::kDisabled:
      return "残疾人";
    case CareTag::kLowIncome:
      return "低收入";
  }
  return "";
}

std::string_view label_zh(CampaignTheme t) {
  switch (t) {
    case CampaignTheme::kCivilisedDogKeeping:
      return "文明养犬";
    case CampaignTheme::kFireSafety:
      return "消防安全";
    case CampaignTheme::kFraudPrevention:
      return "防范诈骗";
  }
  return "";
}

Window month_of(Seconds t) {
  auto [y, m] = year_month(t);
  return month_window(y, m);
}

Window quarter_of(Seconds t) {
  auto [y, m] = year_month(t);
  return quarter_window(y, (m - 1) / 3 + 1);
}

std::optional<Window> parse_month(std::string_view s) {
  if (s.size() != 7 || s[4] != '-') return std::nullopt;
  auto y = number(s.substr(0, 4));
  auto m = number(s.substr(5, 2));
  if (!y || !m || *y < 1970 || *y > 9999 || *m < 1 || *m > 12) return std::nullopt;
  return month_window(*y, *m);
}

std::optional<Window> parse_quarter(std::string_view s) {
  std::string compact(s);
  if (compact.size() == 7 && compact[4] == '-') compact.erase(4, 1);  // "2026-Q4"
  if (compact.size() != 6 || (compact[4] != 'Q' && compact[4] != 'q')) return std::nullopt;
  auto y = number(std::string_view(compact).substr(0, 4));
  auto q = number(std::string_view(compact).substr(5, 1));
  if (!y || !q || *y < 1970 || *y > 9999 || *q < 1 || *q > 4) return std::nullopt;
  return quarter_window(*y, *q);
}

std::optional<Seconds> parse_local_date(const std::string& s) {
  auto d = parse_day(s);
  if (!d) return std::nullopt;
  return local_midnight(*d);
}

RouteCoverage route_coverage(const std::vector<Id>& route, const std::set<Id>& checked_in) {
  RouteCoverage out;
  std::set<Id> seen;
  for (Id place : route) {
    if (!seen.insert(place).second) continue;
    (checked_in.count(place) ? out.patrolled : out.not_patrolled).push_back(place);
  }
  return out;
}

CareDue care_due(std::optional<Seconds> last_visit, Seconds tagged_at, int interval_days,
                 Seconds now) {
  CareDue d;
  d.due_at = last_visit.value_or(tagged_at) + static_cast<Seconds>(interval_days) * kDay;
  d.overdue = now > d.due_at;
  d.days_overdue = d.overdue ? static_cast<int>((now - d.due_at) / kDay) : 0;
  return d;
}

std::vector<LinkCoverage> link_coverage(const std::vector<LinkEdge>& edges,
                                        const std::set<Id>& visited) {
  // Households under each party member, party members under each backbone,
  // backbones under each organisation.
  std::map<Id, std::set<Id>> member_households, backbone_members, org_backbones;
  for (const LinkEdge& e : edges) {
    if (e.tier == 3 && e.from_person && e.to_household)
      member_households[*e.from_person].insert(*e.to_household);
    if (e.tier == 2 && e.from_person && e.to_person)
      backbone_members[*e.from_person].insert(*e.to_person);
    if (e.tier == 1 && e.from_org && e.to_person) org_backbones[*e.from_org].insert(*e.to_person);
  }
  auto reach = [&](const std::set<Id>& members) {
    std::set<Id> households;
    for (Id m : members) {
      if (auto it = member_households.find(m); it != member_households.end()) {
        households.insert(it->second.begin(), it->second.end());
      }
    }
    return households;
  };
  auto row = [&](int tier, std::optional<Id> org, std::optional<Id> person,
                 const std::set<Id>& households) {
    LinkCoverage c{tier, org, person, static_cast<int>(households.size()), 0};
    for (Id h : households) c.visited += visited.count(h) ? 1 : 0;
    return c;
  };
  std::vector<LinkCoverage> out;
  for (const auto& [org, backbones] : org_backbones) {
    std::set<Id> members;
    for (Id b : backbones) {
      if (auto it = backbone_members.find(b); it != backbone_members.end())
        members.insert(it->second.begin(), it->second.end());
    }
    out.push_back(row(1, org, std::nullopt, reach(members)));
  }
  for (const auto& [backbone, members] : backbone_members)
    out.push_back(row(2, std::nullopt, backbone, reach(members)));
  for (const auto& [member, households] : member_households)
    out.push_back(row(3, std::nullopt, member, households));
  return out;
}

}  // namespace weige
