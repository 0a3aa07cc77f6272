#include "http/dto.h"

#include "domain/mask.h"
#include "http/json_body.h"

namespace weige::http {
namespace {
nlohmann::json opt_id(const std::optional<Id>& id) {
  if (!id) return nullptr;
  return *id;
}
}  // namespace

nlohmann::json place_json(const Place& p) {
  return {{"id", p.id},
          {"kind", to_string(p.kind)},
          {"kind_zh", label_zh(p.kind)},
          {"name", p.name},
          {"code", p.code},
          {"parent_id", opt_id(p.parent_id)},
          {"community_id", opt_id(p.community_id)},
          {"grid_id", opt_id(p.grid_id)},
          {"location", point_json(p.location)},
          {"outline", polygon_json(p.outline)}};
}

nlohmann::json grid_json(const Grid& g) {
  return {{"id", g.id},
          {"kind", to_string(g.kind)},
          {"kind_zh", label_zh(g.kind)},
          {"code", g.code},
          {"name", g.name},
          {"parent_id", opt_id(g.parent_id)},
          {"community_id", g.community_id},
          {"boundary", polygon_json(g.boundary)}};
}

nlohmann::json counts_json(const store::GridCounts& c) {
  return {{"households", c.households},
          {"persons", c.persons},
          {"staff", c.staff},
          {"party_volunteers", c.party_volunteers},
          {"places", c.places}};
}

nlohmann::json person_json(const Person& p) {
  return {{"id", p.id},
          {"kind", to_string(p.kind)},
          {"name", mask_name(p.name)},
          {"phone", mask_phone(p.phone)},
          {"id_number", mask_id_number(p.id_number)},
          {"address", mask_address(p.address)},
          {"masked", true},
          {"gender", p.gender},
          {"birth_year", p.birth_year},
          {"party_member", p.party_member},
          {"household_id", opt_id(p.household_id)},
          {"relation", p.relation},
          {"organisation_id", opt_id(p.organisation_id)}};
}

nlohmann::json organisation_json(const Organisation& o) {
  return {{"id", o.id},
          {"kind", to_string(o.kind)},
          {"name", o.name},
          {"community_id", opt_id(o.community_id)},
          {"place_id", opt_id(o.place_id)}};
}

nlohmann::json assignment_json(const Assignment& a) {
  return {{"id", a.id},
          {"person_id", a.person_id},
          {"grid_id", a.grid_id},
          {"role", to_string(a.role)},
          {"role_zh", label_zh(a.role)},
          {"organisation_id", opt_id(a.organisation_id)},
          {"duty", to_string(a.duty)}};
}

nlohmann::json violations_json(const std::vector<Violation>& v) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& x : v) list.push_back(x.to_json());
  return list;
}

}  // namespace weige::http
