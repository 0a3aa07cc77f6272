// Conventions: drafting in versions, section comments, adoption by vote,
// household sign-ons and the sign-on rate per building.
#include "http/api.h"
#include "http/json_body.h"
#include "http/life_dto.h"

namespace weige::http {
namespace {

using nlohmann::json;

Status read_sections(const json& j, std::vector<store::Section>& out) {
  if (!j.contains("sections") || !j["sections"].is_array()) {
    return Status::invalid("sections is a list of {key, heading, text}", {{"field", "sections"}});
  }
  for (const auto& s : j["sections"]) {
    if (!s.is_object())
      return Status::invalid("each section is {key, heading, text}", {{"field", "sections"}});
    store::Section x;
    WEIGE_TRY(read_string(s, "key", x.key, true, 20));
    WEIGE_TRY(read_string(s, "heading", x.heading, false, 200));
    WEIGE_TRY(read_string(s, "text", x.text, true, 4000));
    out.push_back(std::move(x));
  }
  return {};
}

}  // namespace

void Api::register_convention_routes() {
  router_.add({.method = "GET",
               .pattern = "/api/v1/conventions",
               .operation_id = "listConventions",
               .summary = "Residents' conventions and Happiness Declarations of the places you see",
               .tag = "conventions",
               .response_schema = "ConventionList",
               .permission = Permission::kLifeRead,
               .handler = wrap([this](Request& r, store::Db& db) -> Result<json> {
                 WEIGE_ASSIGN(auto c, life_caller_of(r, db));
                 WEIGE_ASSIGN(auto list, service::ConventionService(db, options_.clock).list(c));
                 Names n(db, vault_);
                 return list_json(list,
                                  [&](const auto& x) { return convention_summary_json(x, n); });
               })});

  router_.add({.method = "POST",
               .pattern = "/api/v1/conventions",
               .operation_id = "createConvention",
               .summary = "Start a convention for a compound or community with its first draft",
               .tag = "conventions",
               .request_schema = "ConventionInput",
               .response_schema = "Convention",
               .success_status = 201,
               .permission = Permission::kLifeWrite,
               .handler = wrap(
                   [this](Request& r, store::Db& db) -> Result<json> {
                     WEIGE_ASSIGN(auto c, life_caller_of(r, db));
                     WEIGE_ASSIGN(json j, parse_object(r, {"place_id", "kind", "title", "sections",
                                                           "quorum_percent", "majority"}));
                     service::ConventionInput in;
                     WEIGE_TRY(read_id(j, "place_id", in.place_id, true));
                     WEIGE_TRY(read_string(j, "kind", in.kind, false, 30));
                     WEIGE_TRY(read_string(j, "title", in.title, true, 200));
                     WEIGE_TRY(read_sections(j, in.sections));
                     WEIGE_TRY(read_rule(j, in.rule));
                     return rendered(db, vault_,
                                     service::ConventionService(db, options_.clock).create(c, in),
                                     convention_json);
                   },
                   201)});

  router_.add(
      {.method = "GET",
       .pattern = "/api/v1/conventions/{id}",
       .operation_id = "getConvention",
       .summary = "A convention: its versions, the one in force, and how many households signed on",
       .tag = "conventions",
       .response_schema = "Convention",
       .permission = Permission::kLifeRead,
       .handler = wrap([this](Request& r, store::Db& db) -> Result<json> {
         WEIGE_ASSIGN(auto c, life_caller_of(r, db));
         WEIGE_ASSIGN(Id id, path_id(r));
         return rendered(db, vault_, service::ConventionService(db, options_.clock).get(c, id),
                         convention_json);
       })});

  router_.add({.method = "POST",
               .pattern = "/api/v1/conventions/{id}/versions",
               .operation_id = "draftConventionVersion",
               .summary = "Draft a new version (e.g. with a clause decided by a topic)",
               .tag = "conventions",
               .request_schema = "VersionInput",
               .response_schema = "ConventionVersion",
               .success_status = 201,
               .permission = Permission::kLifeWrite,
               .handler = wrap(
                   [this](Request& r, store::Db& db) -> Result<json> {
                     WEIGE_ASSIGN(auto c, life_caller_of(r, db));
                     WEIGE_ASSIGN(Id id, path_id(r));
                     WEIGE_ASSIGN(json j, parse_object(r, {"sections", "note", "topic_id",
                                                           "quorum_percent", "majority"}));
                     service::VersionInput in;
                     WEIGE_TRY(read_sections(j, in.sections));
                     WEIGE_TRY(read_string(j, "note", in.note, false, 4000));
                     WEIGE_TRY(read_id(j, "topic_id", in.topic_id));
                     WEIGE_TRY(read_rule(j, in.rule));
                     return rendered(
                         db, vault_,
                         service::ConventionService(db, options_.clock).add_version(c, id, in),
                         version_json);
                   },
                   201)});

  router_.add({.method = "GET",
               .pattern = "/api/v1/conventions/{id}/sign-on-rates",
               .operation_id = "getSignOnRates",
               .summary = "Households signed on to the version in force, per building",
               .tag = "conventions",
               .response_schema = "SignOnRates",
               .permission = Permission::kLifeRead,
               .handler = wrap(by_id(
                   vault_,
                   [this](store::Db& db, const service::LifeCaller& c, Id id) {
                     return service::ConventionService(db, options_.clock).rates(c, id);
                   },
                   rates_json))});

  router_.add(
      {.method = "POST",
       .pattern = "/api/v1/conventions/{id}/sign-ons",
       .operation_id = "signConvention",
       .summary = "Sign a household on to the convention in force (a resident for their own)",
       .tag = "conventions",
       .request_schema = "HouseholdInput",
       .response_schema = "Convention",
       .success_status = 201,
       .permission = Permission::kLifeParticipate,
       .handler = wrap(
           [this](Request& r, store::Db& db) -> Result<json> {
             WEIGE_ASSIGN(auto c, life_caller_of(r, db));
             WEIGE_ASSIGN(Id id, path_id(r));
             WEIGE_ASSIGN(json j, parse_object(r, {"household_id"}));
             std::optional<Id> household;
             WEIGE_TRY(read_id(j, "household_id", household));
             return rendered(
                 db, vault_,
                 service::ConventionService(db, options_.clock).sign_on(c, id, household),
                 convention_json);
           },
           201)});

  router_.add({.method = "GET",
               .pattern = "/api/v1/convention-versions/{id}",
               .operation_id = "getConventionVersion",
               .summary = "A version's sections with their comments, and its vote tally",
               .tag = "conventions",
               .response_schema = "ConventionVersion",
               .permission = Permission::kLifeRead,
               .handler = wrap([this](Request& r, store::Db& db) -> Result<json> {
                 WEIGE_ASSIGN(auto c, life_caller_of(r, db));
                 WEIGE_ASSIGN(Id id, path_id(r));
                 return rendered(db, vault_,
                                 service::ConventionService(db, options_.clock).version(c, id),
                                 version_json);
               })});

  router_.add({.method = "POST",
               .pattern = "/api/v1/convention-versions/{id}/actions",
               .operation_id = "actOnConventionVersion",
               .summary = "open_consultation, open_voting (with quorum and majority) or "
                          "close_voting (adopts or rejects)",
               .tag = "conventions",
               .request_schema = "VersionActionInput",
               .response_schema = "ConventionVersion",
               .permission = Permission::kLifeWrite,
               .handler = wrap([this](Request& r, store::Db& db) -> Result<json> {
                 WEIGE_ASSIGN(auto c, life_caller_of(r, db));
                 WEIGE_ASSIGN(Id id, path_id(r));
                 WEIGE_ASSIGN(json j, parse_object(r, {"action", "quorum_percent", "majority"}));
                 std::optional<VersionAction> action;
                 WEIGE_TRY(read_enum(j, "action", parse_version_action, action, true));
                 std::optional<VoteRule> rule;
                 WEIGE_TRY(read_rule(j, rule));
                 return rendered(
                     db, vault_,
                     service::ConventionService(db, options_.clock).act(c, id, *action, rule),
                     version_json);
               })});

  router_.add(
      {.method = "POST",
       .pattern = "/api/v1/convention-versions/{id}/comments",
       .operation_id = "commentOnConventionSection",
       .summary = "Comment on a section (residents, tenants, volunteers, the property company)",
       .tag = "conventions",
       .request_schema = "SectionCommentInput",
       .response_schema = "ConventionVersion",
       .success_status = 201,
       .permission = Permission::kLifeParticipate,
       .handler = wrap(
           [this](Request& r, store::Db& db) -> Result<json> {
             WEIGE_ASSIGN(auto c, life_caller_of(r, db));
             WEIGE_ASSIGN(Id id, path_id(r));
             WEIGE_ASSIGN(json j,
                          parse_object(r, {"section_key", "text", "household_id", "author_kind"}));
             std::string key, text;
             WEIGE_TRY(read_string(j, "section_key", key, true, 20));
             WEIGE_TRY(read_string(j, "text", text, true, 4000));
             std::optional<Id> household;
             WEIGE_TRY(read_id(j, "household_id", household));
             std::optional<AuthorKind> author;
             WEIGE_TRY(read_enum(j, "author_kind", parse_author_kind, author));
             return rendered(db, vault_,
                             service::ConventionService(db, options_.clock)
                                 .comment(c, id, key, text, household, author),
                             version_json);
           },
           201)});

  router_.add(
      {.method = "POST",
       .pattern = "/api/v1/convention-versions/{id}/votes",
       .operation_id = "voteOnConventionVersion",
       .summary = "Vote on adopting a version, one vote per household",
       .tag = "conventions",
       .request_schema = "VoteInput",
       .response_schema = "ConventionVersion",
       .success_status = 201,
       .permission = Permission::kLifeParticipate,
       .handler = wrap(
           [this](Request& r, store::Db& db) -> Result<json> {
             WEIGE_ASSIGN(auto c, life_caller_of(r, db));
             WEIGE_ASSIGN(Id id, path_id(r));
             WEIGE_ASSIGN(json j, parse_object(r, {"ballot", "household_id"}));
             std::optional<Ballot> ballot;
             WEIGE_TRY(read_enum(j, "ballot", parse_ballot, ballot, true));
             std::optional<Id> household;
             WEIGE_TRY(read_id(j, "household_id", household));
             return rendered(
                 db, vault_,
                 service::ConventionService(db, options_.clock).vote(c, id, *ballot, household),
                 version_json);
           },
           201)});
}

}  // namespace weige::http
