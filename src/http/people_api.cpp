// Persons, organisations, assignments and the three-links chain.
#include "http/api.h"
#include "http/dto.h"
#include "http/json_body.h"
#include "service/people_service.h"
#include "store/map_store.h"

namespace weige::http {
namespace {

using nlohmann::json;

const std::set<std::string> kPersonFields{"kind", "name", "phone", "id_number", "address",
                                          "gender", "birth_year", "party_member",
                                          "household_id", "relation", "organisation_id"};

// A person's household and organisation lie in the scope; otherwise the
// answer PeopleService gives when they do not exist.
Status person_references_in_scope(store::Db& db, const service::Scope& sc, const Person& p) {
  if (p.household_id) {
    WEIGE_TRY(service::as_reference(service::scoped_place(db, *p.household_id, sc).status(),
                                    "household " + std::to_string(*p.household_id) + " does not exist", "household_id"));
  }
  if (p.organisation_id) {
    WEIGE_TRY(service::as_reference(service::scoped_organisation(db, *p.organisation_id, sc).status(),
                                    "organisation " + std::to_string(*p.organisation_id) + " does not exist",
                                    "organisation_id"));
  }
  return {};
}

Status apply_person(const json& j, Person& p) {
  std::string kind;
  WEIGE_TRY(read_string(j, "kind", kind));
  if (!kind.empty()) {
    auto k = parse_person_kind(kind);
    if (!k) return Status::invalid("unknown person kind '" + kind + "'", {{"field", "kind"}});
    p.kind = *k;
  }
  WEIGE_TRY(read_string(j, "name", p.name, false, 100));
  WEIGE_TRY(read_string(j, "phone", p.phone, false, 30));
  WEIGE_TRY(read_string(j, "id_number", p.id_number, false, 18));
  WEIGE_TRY(read_string(j, "address", p.address, false, 300));
  WEIGE_TRY(read_string(j, "gender", p.gender, false, 1));
  WEIGE_TRY(read_int(j, "birth_year", p.birth_year));
  WEIGE_TRY(read_bool(j, "party_member", p.party_member));
  WEIGE_TRY(read_id(j, "household_id", p.household_id));
  WEIGE_TRY(read_string(j, "relation", p.relation, false, 20));
  WEIGE_TRY(read_id(j, "organisation_id", p.organisation_id));
  return {};
}

}  // namespace

void Api::register_people_routes() {
  router_.add({.method = "GET",
               .pattern = "/api/v1/persons",
               .operation_id = "listPersons",
               .summary = "Persons with filters and pagination (personal data masked)",
               .tag = "people",
               .params = {{"household_id", "query", "integer", ""},
                          {"grid_id", "query", "integer", "residents and staff of this grid subtree"},
                          {"party_member", "query", "boolean", ""},
                          {"kind", "query", "string", "resident, tenant, staff, volunteer"},
                          {"role", "query", "string", "holds this grid role"},
                          {"phone", "query", "string", "exact phone number"},
                          {"name", "query", "string", "exact name"},
                          {"limit", "query", "integer", ""},
                          {"offset", "query", "integer", ""}},
               .response_schema = "PersonList",
               .permission = Permission::kPeopleRead,
               .handler = wrap([this](Request& r, store::Db& db) -> Result<json> {
                 service::PersonQuery q;
                 WEIGE_TRY(query_page(r, q.limit, q.offset));
                 WEIGE_TRY(query_id(r, "household_id", q.household_id));
                 WEIGE_TRY(query_id(r, "grid_id", q.grid_id));
                 WEIGE_TRY(query_bool(r, "party_member", q.party_member));
                 WEIGE_TRY(query_enum(r, "kind", parse_person_kind, q.kind, "person kind"));
                 WEIGE_TRY(query_enum(r, "role", parse_grid_role, q.role, "role"));
                 WEIGE_ASSIGN(auto sc, scope(r, db));
                 if (!sc.all) q.scope_grid_ids = sc.grid_ids;
                 if (q.grid_id) WEIGE_TRY(service::scoped_grid(db, *q.grid_id, sc).status());
                 if (const std::string* v = r.param("phone")) q.phone = *v;
                 if (const std::string* v = r.param("name")) q.name = *v;
                 service::PeopleService svc(db, vault_);
                 WEIGE_ASSIGN(auto list, svc.list_persons(q));
                 json items = json::array();
                 for (const Person& p : list.items) items.push_back(person_json(p));
                 return json{{"items", items}, {"total", list.total}, {"limit", q.limit}, {"offset", q.offset}};
               })});

  router_.add({.method = "GET",
               .pattern = "/api/v1/persons/{id}",
               .operation_id = "getPerson",
               .summary = "A person (personal data masked) with their assignments",
               .tag = "people",
               .response_schema = "PersonDetail",
               .permission = Permission::kPeopleRead,
               .handler = wrap([this](Request& r, store::Db& db) -> Result<json> {
                 WEIGE_ASSIGN(Id id, path_id(r));
                 service::PeopleService svc(db, vault_);
                 WEIGE_ASSIGN(auto sc, scope(r, db));
                 WEIGE_TRY(service::scoped_person(db, id, sc));
                 WEIGE_ASSIGN(Person p, svc.get_person(id));
                 json out = person_json(p);
                 store::AssignmentFilter f;
                 f.person_id = id;
                 WEIGE_ASSIGN(auto assignments, store::list_assignments(db, f));
                 json list = json::array();
                 for (const auto& a : assignments) list.push_back(assignment_json(a));
                 out["assignments"] = list;
                 return out;
               })});

  router_.add({.method = "POST",
               .pattern = "/api/v1/persons",
               .operation_id = "createPerson",
               .summary = "Register a person; personal data is encrypted at rest",
               .tag = "people",
               .request_schema = "PersonInput",
               .response_schema = "Person",
               .success_status = 201,
               .permission = Permission::kPeopleWrite,
               .handler = wrap(
                   [this](Request& r, store::Db& db) -> Result<json> {
                     WEIGE_ASSIGN(json j, parse_object(r, kPersonFields));
                     Person p;
                     WEIGE_TRY(read_string(j, "name", p.name, true, 100));
                     WEIGE_TRY(apply_person(j, p));
                     WEIGE_ASSIGN(auto sc, scope(r, db));
                     WEIGE_TRY(person_references_in_scope(db, sc, p));
                     service::PeopleService svc(db, vault_);
                     WEIGE_ASSIGN(Person created, svc.create_person(std::move(p)));
                     return person_json(created);
                   },
                   201)});

  router_.add({.method = "PATCH",
               .pattern = "/api/v1/persons/{id}",
               .operation_id = "updatePerson",
               .summary = "Change a person's fields or household",
               .tag = "people",
               .request_schema = "PersonInput",
               .response_schema = "Person",
               .permission = Permission::kPeopleWrite,
               .handler = wrap([this](Request& r, store::Db& db) -> Result<json> {
                 WEIGE_ASSIGN(Id id, path_id(r));
                 WEIGE_ASSIGN(json j, parse_object(r, kPersonFields));
                 service::PeopleService svc(db, vault_);
                 WEIGE_ASSIGN(auto sc, scope(r, db));
                 WEIGE_TRY(service::scoped_person(db, id, sc));
                 WEIGE_ASSIGN(Person p, svc.get_person(id));
                 Person before = p;
                 WEIGE_TRY(apply_person(j, p));
                 Person changed;
                 if (p.household_id != before.household_id) changed.household_id = p.household_id;
                 if (p.organisation_id != before.organisation_id) changed.organisation_id = p.organisation_id;
                 WEIGE_TRY(person_references_in_scope(db, sc, changed));
                 WEIGE_ASSIGN(Person updated, svc.update_person(std::move(p)));
                 return person_json(updated);
               })});

  router_.add({.method = "GET",
               .pattern = "/api/v1/organisations",
               .operation_id = "listOrganisations",
               .summary = "Organisations: party organisation, property companies, businesses, alliance",
               .tag = "people",
               .params = {{"community_id", "query", "integer", ""}, {"kind", "query", "string", ""}},
               .response_schema = "OrganisationList",
               .permission = Permission::kPeopleRead,
               .handler = wrap([this](Request& r, store::Db& db) -> Result<json> {
                 std::optional<Id> community;
                 WEIGE_TRY(query_id(r, "community_id", community));
                 std::optional<OrganisationKind> kind;
                 if (const std::string* k = r.param("kind")) {
                   kind = parse_organisation_kind(*k);
                   if (!kind) return Status::invalid("unknown organisation kind '" + *k + "'", {{"parameter", "kind"}});
                 }
                 service::PeopleService svc(db, vault_);
                 WEIGE_ASSIGN(auto orgs, svc.list_organisations(community, kind));
                 WEIGE_ASSIGN(auto sc, scope(r, db));
                 json items = json::array();
                 for (const auto& o : orgs) {
                   WEIGE_ASSIGN(bool visible, service::organisation_in_scope(db, o, sc));
                   if (visible) items.push_back(organisation_json(o));
                 }
                 return json{{"items", items}, {"total", items.size()}};
               })});

  router_.add({.method = "POST",
               .pattern = "/api/v1/organisations",
               .operation_id = "createOrganisation",
               .summary = "Register an organisation",
               .tag = "people",
               .request_schema = "OrganisationInput",
               .response_schema = "Organisation",
               .success_status = 201,
               .permission = Permission::kPeopleWrite,
               .handler = wrap(
                   [this](Request& r, store::Db& db) -> Result<json> {
                     WEIGE_ASSIGN(json j, parse_object(r, {"kind", "name", "community_id", "place_id"}));
                     std::string kind_s;
                     WEIGE_TRY(read_string(j, "kind", kind_s, true));
                     auto kind = parse_organisation_kind(kind_s);
                     if (!kind) return Status::invalid("unknown organisation kind '" + kind_s + "'", {{"field", "kind"}});
                     Organisation o;
                     o.kind = *kind;
                     WEIGE_TRY(read_string(j, "name", o.name, true, 200));
                     WEIGE_TRY(read_id(j, "community_id", o.community_id));
                     WEIGE_TRY(read_id(j, "place_id", o.place_id));
                     WEIGE_ASSIGN(auto sc, scope(r, db));
                     if (o.community_id) {
                       WEIGE_TRY(service::as_reference(service::scoped_community(db, *o.community_id, sc).status(),
                                                       "community " + std::to_string(*o.community_id) + " does not exist",
                                                       "community_id"));
                     }
                     if (o.place_id) {
                       auto place = service::scoped_place_to_change(db, *o.place_id, sc);
                       WEIGE_TRY(service::as_reference(place.status(), place.status().message(), "place_id"));
                     }
                     service::PeopleService svc(db, vault_);
                     WEIGE_ASSIGN(Organisation created, svc.create_organisation(std::move(o)));
                     return organisation_json(created);
                   },
                   201)});

  router_.add({.method = "GET",
               .pattern = "/api/v1/assignments",
               .operation_id = "listAssignments",
               .summary = "Assignments of persons to grids in roles",
               .tag = "people",
               .params = {{"grid_id", "query", "integer", "this grid and every grid below it"},
                          {"person_id", "query", "integer", ""},
                          {"role", "query", "string", ""}},
               .response_schema = "AssignmentList",
               .permission = Permission::kPeopleRead,
               .handler = wrap([this](Request& r, store::Db& db) -> Result<json> {
                 store::AssignmentFilter f;
                 WEIGE_ASSIGN(auto sc, scope(r, db));
                 std::optional<Id> grid;
                 WEIGE_TRY(query_id(r, "grid_id", grid));
                 WEIGE_TRY(query_id(r, "person_id", f.person_id));
                 if (const std::string* k = r.param("role")) {
                   f.role = parse_grid_role(*k);
                   if (!f.role) return Status::invalid("unknown role '" + *k + "'", {{"parameter", "role"}});
                 }
                 if (grid) {
                   WEIGE_TRY(service::scoped_grid(db, *grid, sc).status());
                   WEIGE_ASSIGN(f.grid_ids, store::grid_subtree(db, *grid));
                 }
                 WEIGE_ASSIGN(auto list, store::list_assignments(db, f));
                 json items = json::array();
                 for (const auto& a : list) {
                   if (service::grid_in_scope(a.grid_id, sc)) items.push_back(assignment_json(a));
                 }
                 return json{{"items", items}, {"total", items.size()}};
               })});

  router_.add({.method = "POST",
               .pattern = "/api/v1/assignments",
               .operation_id = "createAssignment",
               .summary = "Assign a person to a grid in a role",
               .tag = "people",
               .request_schema = "AssignmentInput",
               .response_schema = "Assignment",
               .success_status = 201,
               .permission = Permission::kPeopleWrite,
               .handler = wrap(
                   [this](Request& r, store::Db& db) -> Result<json> {
                     WEIGE_ASSIGN(json j, parse_object(r, {"person_id", "grid_id", "role", "organisation_id", "duty"}));
                     Assignment a;
                     WEIGE_TRY(read_id(j, "person_id", a.person_id, true));
                     WEIGE_TRY(read_id(j, "grid_id", a.grid_id, true));
                     std::string role;
                     WEIGE_TRY(read_string(j, "role", role, true));
                     auto parsed = parse_grid_role(role);
                     if (!parsed) return Status::invalid("unknown role '" + role + "'", {{"field", "role"}});
                     a.role = *parsed;
                     WEIGE_TRY(read_id(j, "organisation_id", a.organisation_id));
                     std::string duty;
                     WEIGE_TRY(read_string(j, "duty", duty));
                     auto parsed_duty = parse_peacetime_duty(duty);
                     if (!parsed_duty || (!duty.empty() && a.role != GridRole::kMicroGridWorker)) {
                       return Status::invalid("duty is publicist, informant or helper, for a micro_grid_worker",
                                              {{"field", "duty"}});
                     }
                     a.duty = *parsed_duty;
                     WEIGE_ASSIGN(auto sc, scope(r, db));
                     WEIGE_TRY(service::as_reference(service::scoped_grid(db, a.grid_id, sc).status(),
                                                     "grid " + std::to_string(a.grid_id) + " does not exist", "grid_id"));
                     service::PeopleService svc(db, vault_);
                     WEIGE_ASSIGN(Assignment created, svc.create_assignment(a));
                     return assignment_json(created);
                   },
                   201)});

  router_.add({.method = "DELETE",
               .pattern = "/api/v1/assignments/{id}",
               .operation_id = "deleteAssignment",
               .summary = "End an assignment",
               .tag = "people",
               .response_schema = "Deleted",
               .permission = Permission::kPeopleWrite,
               .handler = wrap([this](Request& r, store::Db& db) -> Result<json> {
                 WEIGE_ASSIGN(Id id, path_id(r));
                 WEIGE_ASSIGN(auto sc, scope(r, db));
                 WEIGE_TRY(service::scoped_assignment(db, id, sc).status());
                 service::PeopleService svc(db, vault_);
                 WEIGE_TRY(svc.delete_assignment(id));
                 return json{{"deleted", id}};
               })});

  router_.add({.method = "POST",
               .pattern = "/api/v1/links",
               .operation_id = "createLink",
               .summary = "Add a three-links edge (tier 1 organisation->backbone, 2 backbone->party member, 3 party member->household)",
               .tag = "people",
               .request_schema = "LinkInput",
               .response_schema = "Link",
               .success_status = 201,
               .permission = Permission::kPeopleWrite,
               .handler = wrap(
                   [this](Request& r, store::Db& db) -> Result<json> {
                     WEIGE_ASSIGN(json j, parse_object(r, {"tier", "from_org_id", "from_person_id",
                                                           "to_person_id", "to_household_id"}));
                     store::Link l;
                     WEIGE_TRY(read_int(j, "tier", l.tier));
                     WEIGE_TRY(read_id(j, "from_org_id", l.from_org_id));
                     WEIGE_TRY(read_id(j, "from_person_id", l.from_person_id));
                     WEIGE_TRY(read_id(j, "to_person_id", l.to_person_id));
                     WEIGE_TRY(read_id(j, "to_household_id", l.to_household_id));
                     // Both ends lie in the scope; otherwise answered as if they did not exist.
                     WEIGE_ASSIGN(auto sc, scope(r, db));
                     if (l.from_org_id) WEIGE_TRY(service::scoped_organisation(db, *l.from_org_id, sc).status());
                     for (const auto& person : {l.from_person_id, l.to_person_id}) {
                       if (person) WEIGE_TRY(service::scoped_person(db, *person, sc));
                     }
                     if (l.to_household_id) WEIGE_TRY(service::scoped_place(db, *l.to_household_id, sc).status());
                     service::PeopleService svc(db, vault_);
                     WEIGE_ASSIGN(store::Link created, svc.create_link(l));
                     auto id_or_null = [](const std::optional<Id>& v) { return v ? json(*v) : json(nullptr); };
                     return json{{"id", created.id}, {"tier", created.tier},
                                 {"from_org_id", id_or_null(created.from_org_id)},
                                 {"from_person_id", id_or_null(created.from_person_id)},
                                 {"to_person_id", id_or_null(created.to_person_id)},
                                 {"to_household_id", id_or_null(created.to_household_id)}};
                   },
                   201)});

  router_.add({.method = "GET",
               .pattern = "/api/v1/households/{id}/links",
               .operation_id = "getHouseholdLinks",
               .summary = "Who links this household: party member, backbone, organisation (三联)",
               .tag = "people",
               .response_schema = "LinkChain",
               .permission = Permission::kPeopleRead,
               .handler = wrap([this](Request& r, store::Db& db) -> Result<json> {
                 WEIGE_ASSIGN(Id id, path_id(r));
                 WEIGE_ASSIGN(auto sc, scope(r, db));
                 WEIGE_TRY(service::scoped_place(db, id, sc).status());
                 service::PeopleService svc(db, vault_);
                 WEIGE_ASSIGN(auto chain, svc.who_links(id));
                 json steps = json::array();
                 for (const auto& s : chain) {
                   json step{{"tier", s.tier}};
                   step["person"] = s.person ? person_json(*s.person) : json(nullptr);
                   step["organisation"] = s.organisation ? organisation_json(*s.organisation) : json(nullptr);
                   steps.push_back(step);
                 }
                 return json{{"household_id", id}, {"chain", steps}, {"linked", !steps.empty()}};
               })});
}

}  // namespace weige::http
