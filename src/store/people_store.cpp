#include "store/people_store.h"

#include "store/sql_util.h"

namespace weige::store {
namespace {

constexpr const char* kPersonColumns =
    "id, kind, name_sealed, phone_sealed, id_number_sealed, address_sealed, name_index, "
    "phone_index, id_number_index, gender, birth_year, party_member, household_id, relation, "
    "organisation_id";

PersonRecord person_from(const Row& r) {
  PersonRecord p;
  p.id = r.i64(0);
  p.kind = parse_person_kind(r.text(1)).value_or(PersonKind::kResident);
  p.name_sealed = r.text(2);
  p.phone_sealed = r.text(3);
  p.id_number_sealed = r.text(4);
  p.address_sealed = r.text(5);
  p.name_index = r.text(6);
  p.phone_index = r.text(7);
  p.id_number_index = r.text(8);
  p.gender = r.text(9);
  p.birth_year = static_cast<int>(r.i64(10));
  p.party_member = r.i64(11) != 0;
  p.household_id = r.opt_i64(12);
  p.relation = r.text(13);
  p.organisation_id = r.opt_i64(14);
  return p;
}


Params person_params(const PersonRecord& p) {
  return {std::string(to_string(p.kind)),
          blob_or_null(p.name_sealed),
          blob_or_null(p.phone_sealed),
          blob_or_null(p.id_number_sealed),
          blob_or_null(p.address_sealed),
          text_or_null(p.name_index),
          text_or_null(p.phone_index),
          text_or_null(p.id_number_index),
          p.gender,
          static_cast<std::int64_t>(p.birth_year),
          static_cast<std::int64_t>(p.party_member ? 1 : 0),
          opt(p.household_id),
          p.relation,
          opt(p.organisation_id)};
}

Organisation org_from(const Row& r) {
  Organisation o;
  o.id = r.i64(0);
  o.kind = parse_organisation_kind(r.text(1)).value_or(OrganisationKind::kBusiness);
  o.name = r.text(2);
  o.community_id = r.opt_i64(3);
  o.place_id = r.opt_i64(4);
  return o;
}

Assignment assignment_from(const Row& r) {
  Assignment a;
  a.id = r.i64(0);
  a.person_id = r.i64(1);
  a.grid_id = r.i64(2);
  a.role = parse_grid_role(r.text(3)).value_or(GridRole::kVolunteer);
  a.organisation_id = r.opt_i64(4);
  a.duty = parse_peacetime_duty(r.text(5)).value_or(PeacetimeDuty::kNone);
  return a;
}

}  // namespace

Result<Id> insert_person(Db& db, const PersonRecord& person) {
  Params params = person_params(person);
  params.insert(params.begin(), person.id ? Value(person.id) : Value(nullptr));
  return db.scalar(std::string("INSERT INTO persons (") + kPersonColumns +
                       ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                   params);
}

Status update_person(Db& db, const PersonRecord& person) {
  Params params = person_params(person);
  params.push_back(person.id);
  WEIGE_ASSIGN(auto n,
               db.execute("UPDATE persons SET kind = ?, name_sealed = ?, phone_sealed = ?, "
                          "id_number_sealed = ?, address_sealed = ?, name_index = ?, "
                          "phone_index = ?, id_number_index = ?, gender = ?, birth_year = ?, "
                          "party_member = ?, household_id = ?, relation = ?, organisation_id = ? "
                          "WHERE id = ?",
                          params));
  if (n == 0) return Status::not_found("person " + std::to_string(person.id) + " does not exist");
  return {};
}

Result<PersonRecord> get_person(Db& db, Id id) {
  WEIGE_ASSIGN(auto r, db.row(std::string("SELECT ") + kPersonColumns +
                                  " FROM persons WHERE id = ?",
                              {id}));
  if (!r) return person_not_found(id);
  return person_from(*r);
}

Result<PersonPage> list_persons(Db& db, const PersonFilter& f) {
  std::string where = " WHERE 1=1";
  Params params;
  if (f.household_id) {
    where += " AND household_id = ?";
    params.emplace_back(*f.household_id);
  }
  if (f.party_member) {
    where += " AND party_member = ?";
    params.emplace_back(static_cast<std::int64_t>(*f.party_member ? 1 : 0));
  }
  if (f.kind) {
    where += " AND kind = ?";
    params.emplace_back(std::string(to_string(*f.kind)));
  }
  if (!f.phone_index.empty()) {
    where += " AND phone_index = ?";
    params.emplace_back(f.phone_index);
  }
  if (!f.name_index.empty()) {
    where += " AND name_index = ?";
    params.emplace_back(f.name_index);
  }
  if (f.role) {
    where += " AND id IN (SELECT person_id FROM assignments WHERE role = ?";
    params.emplace_back(std::string(to_string(*f.role)));
    if (!f.grid_ids.empty()) {
      where += " AND grid_id IN " + in_list(f.grid_ids.size());
      for (Id g : f.grid_ids) params.emplace_back(g);
    }
    where += ")";
  } else if (!f.grid_ids.empty()) {
    // Residents of the grids' households, and people assigned to the grids.
    where += " AND (household_id IN (SELECT id FROM places WHERE kind = 'household' AND grid_id IN " +
             in_list(f.grid_ids.size()) + ") OR id IN (SELECT person_id FROM assignments WHERE grid_id IN " +
             in_list(f.grid_ids.size()) + "))";
    for (int k = 0; k < 2; ++k) {
      for (Id g : f.grid_ids) params.emplace_back(g);
    }
  }
  PersonPage page;
  WEIGE_ASSIGN(page.total, db.scalar("SELECT count(*) FROM persons" + where, params));
  params.emplace_back(static_cast<std::int64_t>(f.limit));
  params.emplace_back(static_cast<std::int64_t>(f.offset));
  WEIGE_TRY(db.query(std::string("SELECT ") + kPersonColumns + " FROM persons" + where +
                         " ORDER BY id LIMIT ? OFFSET ?",
                     params, [&](const Row& r) { page.items.push_back(person_from(r)); }));
  return page;
}

Result<Id> insert_organisation(Db& db, const Organisation& o) {
  return db.scalar(
      "INSERT INTO organisations (id, kind, name, community_id, place_id) VALUES (?, ?, ?, ?, ?) "
      "RETURNING id",
      {o.id ? Value(o.id) : Value(nullptr), std::string(to_string(o.kind)), o.name,
       opt(o.community_id), opt(o.place_id)});
}

Result<Organisation> get_organisation(Db& db, Id id) {
  WEIGE_ASSIGN(auto r, db.row("SELECT id, kind, name, community_id, place_id FROM organisations "
                              "WHERE id = ?",
                              {id}));
  if (!r) return organisation_not_found(id);
  return org_from(*r);
}

Status person_not_found(Id id) {
  return Status::not_found("person " + std::to_string(id) + " does not exist", {{"person_id", id}});
}

Status organisation_not_found(Id id) { return Status::not_found("organisation " + std::to_string(id) + " does not exist"); }

Status assignment_not_found(Id id) { return Status::not_found("assignment " + std::to_string(id) + " does not exist"); }

Result<std::vector<Organisation>> list_organisations(Db& db, std::optional<Id> community_id,
                                                     std::optional<OrganisationKind> kind) {
  std::string sql = "SELECT id, kind, name, community_id, place_id FROM organisations WHERE 1=1";
  Params params;
  if (community_id) {
    sql += " AND community_id = ?";
    params.emplace_back(*community_id);
  }
  if (kind) {
    sql += " AND kind = ?";
    params.emplace_back(std::string(to_string(*kind)));
  }
  sql += " ORDER BY id";
  std::vector<Organisation> out;
  WEIGE_TRY(db.query(sql, params, [&](const Row& r) { out.push_back(org_from(r)); }));
  return out;
}

Result<Id> insert_assignment(Db& db, const Assignment& a) {
  return db.scalar(
      "INSERT INTO assignments (id, person_id, grid_id, role, organisation_id, duty) VALUES (?, ?, ?, ?, "
      "?, ?) RETURNING id",
      {a.id ? Value(a.id) : Value(nullptr), a.person_id, a.grid_id, std::string(to_string(a.role)),
       opt(a.organisation_id), std::string(to_string(a.duty))});
}

Status delete_assignment(Db& db, Id id) {
  WEIGE_ASSIGN(auto n, db.execute("DELETE FROM assignments WHERE id = ?", {id}));
  if (n == 0) return Status::not_found("assignment " + std::to_string(id) + " does not exist");
  return {};
}

Result<Assignment> get_assignment(Db& db, Id id) {
  WEIGE_ASSIGN(auto r, db.row("SELECT id, person_id, grid_id, role, organisation_id, duty FROM "
                              "assignments WHERE id = ?",
                              {id}));
  if (!r) return assignment_not_found(id);
  return assignment_from(*r);
}

Result<std::vector<Assignment>> list_assignments(Db& db, const AssignmentFilter& f) {
  std::string sql = "SELECT id, person_id, grid_id, role, organisation_id, duty FROM assignments WHERE 1=1";
  Params params;
  if (!f.grid_ids.empty()) {
    sql += " AND grid_id IN " + in_list(f.grid_ids.size());
    for (Id g : f.grid_ids) params.emplace_back(g);
  }
  if (f.person_id) {
    sql += " AND person_id = ?";
    params.emplace_back(*f.person_id);
  }
  if (f.role) {
    sql += " AND role = ?";
    params.emplace_back(std::string(to_string(*f.role)));
  }
  sql += " ORDER BY id";
  std::vector<Assignment> out;
  WEIGE_TRY(db.query(sql, params, [&](const Row& r) { out.push_back(assignment_from(r)); }));
  return out;
}

Result<Id> insert_link(Db& db, const Link& l) {
  return db.scalar(
      "INSERT INTO links (tier, from_org_id, from_person_id, to_person_id, to_household_id) "
      "VALUES (?, ?, ?, ?, ?) RETURNING id",
      {static_cast<std::int64_t>(l.tier), opt(l.from_org_id), opt(l.from_person_id),
       opt(l.to_person_id), opt(l.to_household_id)});
}

Result<std::vector<Link>> links_of_household(Db& db, Id household_id) {
  std::vector<Link> chain;
  auto read = [&](const std::string& where, Id id) -> Result<bool> {
    WEIGE_ASSIGN(auto r, db.row("SELECT id, tier, from_org_id, from_person_id, to_person_id, "
                                "to_household_id FROM links WHERE " +
                                    where + " ORDER BY id LIMIT 1",
                                {id}));
    if (!r) return false;
    chain.push_back(Link{r->i64(0), static_cast<int>(r->i64(1)), r->opt_i64(2), r->opt_i64(3),
                         r->opt_i64(4), r->opt_i64(5)});
    return true;
  };
  WEIGE_ASSIGN(bool found, read("tier = 3 AND to_household_id = ?", household_id));
  if (!found || !chain.back().from_person_id) return chain;
  WEIGE_ASSIGN(found, read("tier = 2 AND to_person_id = ?", *chain.back().from_person_id));
  if (!found || !chain.back().from_person_id) return chain;
  WEIGE_ASSIGN(found, read("tier = 1 AND to_person_id = ?", *chain.back().from_person_id));
  return chain;
}

}  // namespace weige::store
