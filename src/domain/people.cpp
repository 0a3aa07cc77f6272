#include "domain/people.h"

#include "domain/enum_names.h"

namespace weige {
namespace {

constexpr std::array<std::pair<PersonKind, std::string_view>, 4> kPersonKinds{{
    {PersonKind::kResident, "resident"},
    {PersonKind::kTenant, "tenant"},
    {PersonKind::kStaff, "staff"},
    {PersonKind::kVolunteer, "volunteer"},
}};

constexpr std::array<std::pair<GridRole, std::string_view>, 6> kRoles{{
    {GridRole::kGridWorker, "grid_worker"},
    {GridRole::kMicroGridHead, "micro_grid_head"},
    {GridRole::kMicroGridWorker, "micro_grid_worker"},
    {GridRole::kPropertyStaff, "property_staff"},
    {GridRole::kPolice, "police"},
    {GridRole::kVolunteer, "volunteer"},
}};

constexpr std::array<std::pair<OrganisationKind, std::string_view>, 7> kOrgKinds{{
    {OrganisationKind::kPartyOrganisation, "party_organisation"},
    {OrganisationKind::kPropertyCompany, "property_company"},
    {OrganisationKind::kBusiness, "business"},
    {OrganisationKind::kAlliance, "alliance"},
    {OrganisationKind::kSocialOrganisation, "social_organisation"},
    {OrganisationKind::kDepartment, "department"},
    {OrganisationKind::kPoliceStation, "police_station"},
}};

constexpr NameTable<PeacetimeDuty, 4> kDuties{{{PeacetimeDuty::kNone, ""},
                                               {PeacetimeDuty::kPublicist, "publicist"},
                                               {PeacetimeDuty::kInformant, "informant"},
                                               {PeacetimeDuty::kHelper, "helper"}}};

}  // namespace

std::string_view to_string(PersonKind k) { return name_in(kPersonKinds, k); }
std::string_view to_string(GridRole r) { return name_in(kRoles, r); }
std::string_view to_string(OrganisationKind k) { return name_in(kOrgKinds, k); }
std::string_view to_string(PeacetimeDuty d) { return name_in(kDuties, d); }
std::optional<PeacetimeDuty> parse_peacetime_duty(std::string_view s) { return parse_in(kDuties, s); }
std::optional<PersonKind> parse_person_kind(std::string_view s) { return parse_in(kPersonKinds, s); }
std::optional<GridRole> parse_grid_role(std::string_view s) { return parse_in(kRoles, s); }
std::optional<OrganisationKind> parse_organisation_kind(std::string_view s) {
  return parse_in(kOrgKinds, s);
}

std::string_view label_zh(GridRole r) {
  switch (r) {
    case GridRole::kGridWorker: return "网格员";
    case GridRole::kMicroGridHead: return "微网格长";
    case GridRole::kMicroGridWorker: return "微网格员";
    case GridRole::kPropertyStaff: return "物业人员";
    case GridRole::kPolice: return "社区民警";
    case GridRole::kVolunteer: return "志愿者";
  }
  return "";
}

bool may_hold(GridRole role, GridKind kind) {
  switch (role) {
    case GridRole::kMicroGridHead: return kind == GridKind::kMicroGrid;
    case GridRole::kMicroGridWorker: return kind == GridKind::kMicroGrid;
    case GridRole::kGridWorker:
      return kind == GridKind::kGrid || kind == GridKind::kGeneralGrid ||
             kind == GridKind::kExclusiveGrid;
    default: return true;
  }
}

}  // namespace weige
