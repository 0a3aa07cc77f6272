#pragma once
// People, organisations and their assignments to grids.

#include <optional>
#include <string>
#include <string_view>

#include "domain/map.h"

namespace weige {

enum class PersonKind { kResident, kTenant, kStaff, kVolunteer };

// Roles a person holds in a grid (assignments). Account roles (issue 5) build on these.
enum class GridRole {
  kGridWorker,       // 网格员
  kMicroGridHead,    // 微网格长
  kMicroGridWorker,  // 微网格员
  kPropertyStaff,    // 物业
  kPolice,           // 社区民警
  kVolunteer,        // 志愿者
};

// Peacetime duties of a micro-grid worker (宣传员 publicist, 信息员 informant,
// 服务员 helper); each maps to an emergency role (see emergency.h).
enum class PeacetimeDuty { kNone, kPublicist, kInformant, kHelper };

enum class OrganisationKind {
  kPartyOrganisation,   // community party organisation
  kPropertyCompany,     // 物业
  kBusiness,            // 商户、企业
  kAlliance,            // 社商居联盟
  kSocialOrganisation,  // 社会组织
  kDepartment,          // subdistrict department
  kPoliceStation,
};

std::string_view to_string(PersonKind k);
std::string_view to_string(GridRole r);
std::string_view to_string(OrganisationKind k);
std::string_view to_string(PeacetimeDuty d);  // "" for kNone
std::optional<PersonKind> parse_person_kind(std::string_view s);
std::optional<GridRole> parse_grid_role(std::string_view s);
std::optional<OrganisationKind> parse_organisation_kind(std::string_view s);
std::optional<PeacetimeDuty> parse_peacetime_duty(std::string_view s);
std::string_view label_zh(GridRole r);

// Whether a role may be held in a grid of this kind (a micro_grid_head only in
// a micro-grid; a grid_worker in a grid or general grid; others anywhere).
bool may_hold(GridRole role, GridKind kind);

struct Person {
  Id id = 0;
  PersonKind kind = PersonKind::kResident;
  // Personal data: plaintext in memory only; encrypted at rest by the store's caller.
  std::string name;
  std::string phone;
  std::string id_number;
  std::string address;
  std::string gender;  // "m", "f" or ""
  int birth_year = 0;  // 0 when unknown
  bool party_member = false;
  std::optional<Id> household_id;
  std::string relation;  // to the head of household: head, spouse, child, parent, other
  std::optional<Id> organisation_id;  // employer, for staff
};

struct Organisation {
  Id id = 0;
  OrganisationKind kind = OrganisationKind::kBusiness;
  std::string name;
  std::optional<Id> community_id;
  std::optional<Id> place_id;  // where it sits (a tower, a shop street), if anywhere
};

struct Assignment {
  Id id = 0;
  Id person_id = 0;
  Id grid_id = 0;
  GridRole role = GridRole::kVolunteer;
  std::optional<Id> organisation_id;
  PeacetimeDuty duty = PeacetimeDuty::kNone;
};

}  // namespace weige
