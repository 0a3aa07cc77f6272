#pragma once
// Persons, organisations, assignments and three-links in the database.
// Persons are stored sealed: the caller (service layer) seals personal data
// with the vault and passes blind indexes for the searchable fields.

#include <optional>
#include <string>
#include <vector>

#include "domain/people.h"
#include "store/db.h"

namespace weige::store {

struct PersonRecord {
  Id id = 0;
  PersonKind kind = PersonKind::kResident;
  std::string name_sealed, phone_sealed, id_number_sealed, address_sealed;
  std::string name_index, phone_index, id_number_index;
  std::string gender;
  int birth_year = 0;
  bool party_member = false;
  std::optional<Id> household_id;
  std::string relation;
  std::optional<Id> organisation_id;
};

Result<Id> insert_person(Db& db, const PersonRecord& person);
Status update_person(Db& db, const PersonRecord& person);
Result<PersonRecord> get_person(Db& db, Id id);
// The kNotFound of get_person() / get_organisation() / get_assignment() for an
// id that does not exist.
Status person_not_found(Id id);
Status organisation_not_found(Id id);
Status assignment_not_found(Id id);

struct PersonFilter {
  std::optional<Id> household_id;
  std::vector<Id> grid_ids;  // persons living in households of these grids
  std::optional<bool> party_member;
  std::optional<PersonKind> kind;
  std::optional<GridRole> role;  // persons holding this role somewhere (or in grid_ids)
  std::string phone_index;       // exact phone match through the blind index
  std::string name_index;        // exact name match through the blind index
  int limit = 50;
  int offset = 0;
};
struct PersonPage {
  std::vector<PersonRecord> items;
  std::int64_t total = 0;
};
Result<PersonPage> list_persons(Db& db, const PersonFilter& filter);

Result<Id> insert_organisation(Db& db, const Organisation& org);
Result<Organisation> get_organisation(Db& db, Id id);
Result<std::vector<Organisation>> list_organisations(Db& db, std::optional<Id> community_id,
                                                     std::optional<OrganisationKind> kind);

Result<Id> insert_assignment(Db& db, const Assignment& a);
Status delete_assignment(Db& db, Id id);
Result<Assignment> get_assignment(Db& db, Id id);
struct AssignmentFilter {
  std::vector<Id> grid_ids;
  std::optional<Id> person_id;
  std::optional<GridRole> role;
};
Result<std::vector<Assignment>> list_assignments(Db& db, const AssignmentFilter& filter);

// A three-links edge. tier 1: from_org -> to_person; tier 2: from_person ->
// to_person; tier 3: from_person -> to_household.
struct Link {
  Id id = 0;
  int tier = 0;
  std::optional<Id> from_org_id, from_person_id, to_person_id, to_household_id;
};
Result<Id> insert_link(Db& db, const Link& link);
// The chain that links a household, from the household's party member up to
// the organisation: up to three edges, tier 3 first. Empty when unlinked.
Result<std::vector<Link>> links_of_household(Db& db, Id household_id);

}  // namespace weige::store
