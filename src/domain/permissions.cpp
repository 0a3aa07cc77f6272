#include "domain/permissions.h"

#include <array>
#include <map>
#include <utility>

namespace weige {
namespace {

using P = Permission;
using R = Role;

constexpr std::array<std::pair<P, std::string_view>, 23> kPermissionNames{{
    {P::kUnset, "unset"},           {P::kPublic, "public"},         {P::kSignedIn, "signed_in"},
    {P::kMapRead, "map_read"},      {P::kMapWrite, "map_write"},    {P::kPeopleRead, "people_read"},
    {P::kPeopleWrite, "people_write"}, {P::kPiiReveal, "pii_reveal"}, {P::kCaseRead, "case_read"},
    {P::kCaseIntake, "case_intake"}, {P::kCaseAct, "case_act"},     {P::kCaseAdmin, "case_admin"},
    {P::kMetricsRead, "metrics_read"}, {P::kReportExport, "report_export"}, {P::kAuditRead, "audit_read"},
    {P::kUserAdmin, "user_admin"},  {P::kEmergencyRead, "emergency_read"}, {P::kEmergencyManage, "emergency_manage"},
    {P::kEmergencyAct, "emergency_act"}, {P::kErrandRequest, "errand_request"},
    {P::kLifeRead, "life_read"},   {P::kLifeParticipate, "life_participate"}, {P::kLifeWrite, "life_write"},
}};

// The table. Rows: roles; a permission not listed is refused. The audit trail
// (kAuditRead) is the subdistrict admin's alone: its entries are not tied to
// grids, so a role limited to a community would read about others (decisions.md).
const std::map<R, std::set<P>>& table() {
  static const std::set<P> staff_common{P::kSignedIn,   P::kMapRead,       P::kPeopleRead,   P::kCaseRead,
                                        P::kCaseIntake, P::kCaseAct,       P::kMetricsRead,  P::kEmergencyRead,
                                        P::kEmergencyAct, P::kErrandRequest};
  static const std::map<R, std::set<P>> t{
      {R::kSubdistrictAdmin,
       {P::kSignedIn, P::kMapRead, P::kMapWrite, P::kPeopleRead, P::kPeopleWrite, P::kPiiReveal, P::kCaseRead,
        P::kCaseIntake, P::kCaseAct, P::kCaseAdmin, P::kMetricsRead, P::kReportExport, P::kAuditRead, P::kUserAdmin,
        P::kEmergencyRead, P::kEmergencyManage, P::kEmergencyAct, P::kErrandRequest}},
      {R::kSubdistrictStaff,
       {P::kSignedIn, P::kMapRead, P::kPeopleRead, P::kCaseRead, P::kCaseIntake, P::kCaseAct, P::kMetricsRead,
        P::kReportExport, P::kEmergencyRead, P::kEmergencyManage, P::kEmergencyAct, P::kErrandRequest}},
      {R::kCommunityAdmin,
       {P::kSignedIn, P::kMapRead, P::kMapWrite, P::kPeopleRead, P::kPeopleWrite, P::kPiiReveal, P::kCaseRead,
        P::kCaseIntake, P::kCaseAct, P::kMetricsRead, P::kReportExport, P::kEmergencyRead,
        P::kEmergencyManage, P::kEmergencyAct, P::kErrandRequest}},
      {R::kGridWorker, [] {
         auto s = staff_common;
         s.insert(P::kPeopleWrite);
         s.insert(P::kPiiReveal);
         return s;
       }()},
      {R::kMicroGridHead, staff_common},
      {R::kMicroGridWorker,
       {P::kSignedIn, P::kMapRead, P::kPeopleRead, P::kCaseRead, P::kCaseIntake, P::kCaseAct, P::kEmergencyRead,
        P::kEmergencyAct, P::kErrandRequest}},
      {R::kPropertyStaff, {P::kSignedIn, P::kMapRead, P::kCaseRead, P::kCaseAct, P::kEmergencyRead, P::kEmergencyAct}},
      {R::kPolice,
       {P::kSignedIn, P::kMapRead, P::kPeopleRead, P::kPiiReveal, P::kCaseRead, P::kCaseIntake, P::kCaseAct,
        P::kEmergencyRead, P::kEmergencyAct}},
      {R::kVolunteer,
       {P::kSignedIn, P::kMapRead, P::kCaseRead, P::kCaseIntake, P::kCaseAct, P::kEmergencyRead, P::kEmergencyAct,
        P::kErrandRequest}},
      {R::kResident, {P::kSignedIn, P::kCaseRead, P::kCaseAct, P::kErrandRequest}},
      {R::kSystem, {}},
  };
  return t;
}

// Community life: who reads, takes part (for their household) and runs it.
const std::map<R, std::set<P>>& life_table() {
  static const std::set<P> all{P::kLifeRead, P::kLifeParticipate, P::kLifeWrite};
  static const std::set<P> take_part{P::kLifeRead, P::kLifeParticipate};
  static const std::map<R, std::set<P>> t{
      {R::kSubdistrictAdmin, all}, {R::kSubdistrictStaff, all}, {R::kCommunityAdmin, all},
      {R::kGridWorker, all},       {R::kMicroGridHead, all},    {R::kMicroGridWorker, all},
      {R::kVolunteer, all},        {R::kPropertyStaff, take_part}, {R::kPolice, take_part},
      {R::kResident, take_part},
  };
  return t;
}

}  // namespace

std::string_view to_string(Permission p) {
  for (const auto& [k, n] : kPermissionNames) {
    if (k == p) return n;
  }
  return "unset";
}

std::optional<Permission> parse_permission(std::string_view s) {
  for (const auto& [k, n] : kPermissionNames) {
    if (n == s && k != P::kUnset) return k;
  }
  return std::nullopt;
}

const std::vector<Permission>& all_permissions() {
  static const std::vector<Permission> all = [] {
    std::vector<Permission> v;
    for (const auto& [k, n] : kPermissionNames) {
      if (k != P::kUnset) v.push_back(k);
    }
    return v;
  }();
  return all;
}

bool role_allows(Role role, Permission p) {
  if (p == P::kPublic) return true;
  if (p == P::kUnset) return false;
  return permissions_of(role).count(p) > 0;
}

std::set<Permission> permissions_of(Role role) {
  std::set<Permission> out;
  for (const auto* t : {&table(), &life_table()}) {
    if (auto it = t->find(role); it != t->end()) out.insert(it->second.begin(), it->second.end());
  }
  return out;
}

bool Principal::may(Permission p) const {
  if (p == P::kPublic) return true;
  if (!role_allows(role, p)) return false;
  if (via_token && !token_permissions.empty() && p != P::kSignedIn) return token_permissions.count(p) > 0;
  return true;
}

}  // namespace weige
