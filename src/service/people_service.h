#pragma once
// Persons (sealed at rest), organisations, assignments to grids and the
// three-links chain. Personal data leaves this service in plaintext; the
// caller (the HTTP layer) masks it unless the field is revealed.

#include <optional>
#include <string>
#include <vector>

#include "crypto/vault.h"
#include "domain/people.h"
#include "store/db.h"
#include "store/people_store.h"

namespace weige::service {

struct PersonQuery {
  std::optional<Id> household_id;
  std::optional<Id> grid_id;  // a grid subtree: residents of its households and its staff
  std::optional<bool> party_member;
  std::optional<PersonKind> kind;
  std::optional<GridRole> role;
  std::optional<std::vector<Id>> scope_grid_ids;  // the caller's scope; nullopt = everything
  std::string phone;  // exact match, any formatting
  std::string name;   // exact match
  int limit = 50;
  int offset = 0;
};

struct PersonList {
  std::vector<Person> items;
  std::int64_t total = 0;
};

// One edge of "who links this household", resolved to names.
struct LinkStep {
  int tier = 0;
  std::optional<Person> person;            // the linking person (tiers 3, 2)
  std::optional<Organisation> organisation;  // tier 1
};

class PeopleService {
 public:
  PeopleService(store::Db& db, const crypto::Vault& vault) : db_(db), vault_(vault) {}

  Result<Person> create_person(Person person);
  Result<Person> update_person(Person person);
  Result<Person> get_person(Id id);
  Result<PersonList> list_persons(const PersonQuery& query);

  Result<Organisation> create_organisation(Organisation org);
  Result<std::vector<Organisation>> list_organisations(std::optional<Id> community_id,
                                                       std::optional<OrganisationKind> kind);

  // person and grid must exist and the role must suit the grid's kind.
  Result<Assignment> create_assignment(Assignment assignment);
  Status delete_assignment(Id id);

  // Adds a three-links edge after checking its ends exist and suit the tier.
  Result<store::Link> create_link(store::Link link);
  // The chain from the household's linking party member up to the organisation.
  Result<std::vector<LinkStep>> who_links(Id household_id);

 private:
  Status validate(const Person& p);
  store::PersonRecord seal(const Person& p) const;
  Result<Person> unseal(const store::PersonRecord& r) const;

  store::Db& db_;
  const crypto::Vault& vault_;
};

// Whether an ID number looks like a mainland resident ID (17 digits + digit or X).
bool valid_id_number(std::string_view id);

}  // namespace weige::service
