#include "service/people_service.h"

#include <algorithm>

#include "store/map_store.h"

namespace weige::service {

bool valid_id_number(std::string_view id) {
  if (id.size() != 18) return false;
  for (std::size_t i = 0; i < 17; ++i) {
    if (id[i] < '0' || id[i] > '9') return false;
  }
  return (id[17] >= '0' && id[17] <= '9') || id[17] == 'X' || id[17] == 'x';
}

Status PeopleService::validate(const Person& p) {
  if (p.name.empty()) return Status::invalid("a person needs a name", {{"field", "name"}});
  if (p.name.size() > 100) return Status::invalid("a name has at most 100 bytes", {{"field", "name"}});
  if (!p.phone.empty()) {
    auto digits = crypto::normalise_phone(p.phone);
    if (digits.size() < 7 || digits.size() > 15) {
      return Status::invalid("a phone number has 7 to 15 digits", {{"field", "phone"}});
    }
  }
  if (!p.id_number.empty() && !valid_id_number(p.id_number)) {
    return Status::invalid("an ID number has 17 digits and a final digit or X", {{"field", "id_number"}});
  }
  if (p.birth_year != 0 && (p.birth_year < 1900 || p.birth_year > 2100)) {
    return Status::invalid("birth_year is between 1900 and 2100", {{"field", "birth_year"}});
  }
  if (!p.gender.empty() && p.gender != "m" && p.gender != "f") {
    return Status::invalid("gender is \"m\", \"f\" or empty", {{"field", "gender"}});
  }
  if (p.household_id) {
    auto h = store::find_place(db_, *p.household_id);
    if (!h) return h.status();
    if (!*h || (*h)->kind != PlaceKind::kHousehold) {
      return Status::not_found("household " + std::to_string(*p.household_id) + " does not exist",
                               {{"field", "household_id"}});
    }
  }
  if (p.organisation_id) {
    auto o = store::get_organisation(db_, *p.organisation_id);
    if (!o) return Status(o.status().code(), o.status().message(), {{"field", "organisation_id"}});
  }
  return {};
}

store::PersonRecord PeopleService::seal(const Person& p) const {
  store::PersonRecord r;
  r.id = p.id;
  r.kind = p.kind;
  r.name_sealed = vault_.seal(p.name);
  r.phone_sealed = vault_.seal(p.phone);
  r.id_number_sealed = vault_.seal(p.id_number);
  r.address_sealed = vault_.seal(p.address);
  r.name_index = p.name.empty() ? "" : vault_.blind_index("name:" + p.name);
  r.phone_index =
      p.phone.empty() ? "" : vault_.blind_index("phone:" + crypto::normalise_phone(p.phone));
  std::string id_upper = p.id_number;
  for (char& c : id_upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  r.id_number_index = p.id_number.empty() ? "" : vault_.blind_index("id:" + id_upper);
  r.gender = p.gender;
  r.birth_year = p.birth_year;
  r.party_member = p.party_member;
  r.household_id = p.household_id;
  r.relation = p.relation;
  r.organisation_id = p.organisation_id;
  return r;
}

Result<Person> PeopleService::unseal(const store::PersonRecord& r) const {
  Person p;
  p.id = r.id;
  p.kind = r.kind;
  WEIGE_ASSIGN(p.name, vault_.unseal(r.name_sealed));
  WEIGE_ASSIGN(p.phone, vault_.unseal(r.phone_sealed));
  WEIGE_ASSIGN(p.id_number, vault_.unseal(r.id_number_sealed));
  WEIGE_ASSIGN(p.address, vault_.unseal(r.address_sealed));
  p.gender = r.gender;
  p.birth_year = r.birth_year;
  p.party_member = r.party_member;
  p.household_id = r.household_id;
  p.relation = r.relation;
  p.organisation_id = r.organisation_id;
  return p;
}

Result<Person> PeopleService::create_person(Person p) {
  if (!p.phone.empty() && !crypto::normalise_phone(p.phone).empty()) p.phone = crypto::normalise_phone(p.phone);
  WEIGE_TRY(validate(p));
  p.id = 0;
  WEIGE_ASSIGN(p.id, store::insert_person(db_, seal(p)));
  return p;
}

Result<Person> PeopleService::update_person(Person p) {
  WEIGE_TRY(store::get_person(db_, p.id).status());
  if (!p.phone.empty() && !crypto::normalise_phone(p.phone).empty()) p.phone = crypto::normalise_phone(p.phone);
  WEIGE_TRY(validate(p));
  WEIGE_TRY(store::update_person(db_, seal(p)));
  return p;
}

Result<Person> PeopleService::get_person(Id id) {
  WEIGE_ASSIGN(auto r, store::get_person(db_, id));
  return unseal(r);
}

Result<PersonList> PeopleService::list_persons(const PersonQuery& q) {
  store::PersonFilter f;
  f.household_id = q.household_id;
  f.party_member = q.party_member;
  f.kind = q.kind;
  f.role = q.role;
  f.limit = q.limit;
  f.offset = q.offset;
  if (q.grid_id) {
    WEIGE_TRY(store::get_grid(db_, *q.grid_id).status());
    WEIGE_ASSIGN(f.grid_ids, store::grid_subtree(db_, *q.grid_id));
  }
  if (q.scope_grid_ids) {
    if (f.grid_ids.empty()) {
      f.grid_ids = *q.scope_grid_ids;
    } else {
      std::vector<Id> both;
      for (Id g : f.grid_ids) {
        if (std::find(q.scope_grid_ids->begin(), q.scope_grid_ids->end(), g) != q.scope_grid_ids->end()) both.push_back(g);
      }
      f.grid_ids = both;
    }
    if (f.grid_ids.empty()) f.grid_ids.push_back(-1);
  }
  if (!q.phone.empty()) f.phone_index = vault_.blind_index("phone:" + crypto::normalise_phone(q.phone));
  if (!q.name.empty()) f.name_index = vault_.blind_index("name:" + q.name);
  WEIGE_ASSIGN(auto page, store::list_persons(db_, f));
  PersonList out;
  out.total = page.total;
  for (const auto& r : page.items) {
    WEIGE_ASSIGN(Person p, unseal(r));
    out.items.push_back(std::move(p));
  }
  return out;
}

Result<Organisation> PeopleService::create_organisation(Organisation o) {
  if (o.name.empty()) return Status::invalid("an organisation needs a name", {{"field", "name"}});
  if (o.community_id) {
    auto c = store::find_place(db_, *o.community_id);
    if (!c) return c.status();
    if (!*c || (*c)->kind != PlaceKind::kCommunity) {
      return Status::not_found("community " + std::to_string(*o.community_id) + " does not exist",
                               {{"field", "community_id"}});
    }
  }
  if (o.place_id) {
    auto p = store::get_place(db_, *o.place_id);
    if (!p) return Status(p.status().code(), p.status().message(), {{"field", "place_id"}});
  }
  o.id = 0;
  WEIGE_ASSIGN(o.id, store::insert_organisation(db_, o));
  return o;
}

Result<std::vector<Organisation>> PeopleService::list_organisations(
    std::optional<Id> community_id, std::optional<OrganisationKind> kind) {
  return store::list_organisations(db_, community_id, kind);
}

Result<Assignment> PeopleService::create_assignment(Assignment a) {
  auto person = store::get_person(db_, a.person_id);
  if (!person) return Status(person.status().code(), person.status().message(), {{"field", "person_id"}});
  auto grid = store::get_grid(db_, a.grid_id);
  if (!grid) return Status(grid.status().code(), grid.status().message(), {{"field", "grid_id"}});
  if (!may_hold(a.role, grid->kind)) {
    return Status::invalid("a " + std::string(to_string(a.role)) + " cannot serve in a " +
                               std::string(to_string(grid->kind)) + " (grid " + grid->code + ")",
                           {{"field", "role"}});
  }
  if (a.organisation_id) {
    auto o = store::get_organisation(db_, *a.organisation_id);
    if (!o) return Status(o.status().code(), o.status().message(), {{"field", "organisation_id"}});
  }
  store::AssignmentFilter f;
  f.person_id = a.person_id;
  f.grid_ids = {a.grid_id};
  f.role = a.role;
  WEIGE_ASSIGN(auto existing, store::list_assignments(db_, f));
  if (!existing.empty()) {
    return Status::conflict("person " + std::to_string(a.person_id) + " already holds " +
                            std::string(to_string(a.role)) + " in grid " + grid->code +
                            " (assignment " + std::to_string(existing[0].id) + ")");
  }
  a.id = 0;
  WEIGE_ASSIGN(a.id, store::insert_assignment(db_, a));
  return a;
}

Status PeopleService::delete_assignment(Id id) { return store::delete_assignment(db_, id); }

Result<store::Link> PeopleService::create_link(store::Link l) {
  auto need_person = [&](std::optional<Id> id, const char* field) -> Status {
    if (!id) return Status::invalid(std::string("tier ") + std::to_string(l.tier) + " needs " + field, {{"field", field}});
    return store::get_person(db_, *id).status();
  };
  switch (l.tier) {
    case 1: {
      if (!l.from_org_id) return Status::invalid("tier 1 needs from_org_id", {{"field", "from_org_id"}});
      WEIGE_TRY(store::get_organisation(db_, *l.from_org_id).status());
      WEIGE_TRY(need_person(l.to_person_id, "to_person_id"));
      break;
    }
    case 2:
      WEIGE_TRY(need_person(l.from_person_id, "from_person_id"));
      WEIGE_TRY(need_person(l.to_person_id, "to_person_id"));
      break;
    case 3: {
      WEIGE_TRY(need_person(l.from_person_id, "from_person_id"));
      if (!l.to_household_id) return Status::invalid("tier 3 needs to_household_id", {{"field", "to_household_id"}});
      WEIGE_ASSIGN(Place h, store::get_place(db_, *l.to_household_id));
      if (h.kind != PlaceKind::kHousehold) {
        return Status::invalid("place " + std::to_string(h.id) + " is not a household", {{"field", "to_household_id"}});
      }
      break;
    }
    default: return Status::invalid("tier is 1, 2 or 3", {{"field", "tier"}});
  }
  WEIGE_ASSIGN(l.id, store::insert_link(db_, l));
  return l;
}

Result<std::vector<LinkStep>> PeopleService::who_links(Id household_id) {
  WEIGE_ASSIGN(Place h, store::get_place(db_, household_id));
  if (h.kind != PlaceKind::kHousehold) {
    return Status::invalid("place " + std::to_string(household_id) + " is not a household");
  }
  WEIGE_ASSIGN(auto chain, store::links_of_household(db_, household_id));
  std::vector<LinkStep> out;
  for (const auto& l : chain) {
    LinkStep step;
    step.tier = l.tier;
    if (l.from_person_id) {
      WEIGE_ASSIGN(Person p, get_person(*l.from_person_id));
      step.person = std::move(p);
    }
    if (l.from_org_id) {
      WEIGE_ASSIGN(Organisation o, store::get_organisation(db_, *l.from_org_id));
      step.organisation = std::move(o);
    }
    out.push_back(std::move(step));
  }
  return out;
}

}  // namespace weige::service
