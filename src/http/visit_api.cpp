// Three-links visits, their quarterly coverage per link, care tags and the
// overdue list.
#include "http/api.h"
#include "http/case_dto.h"
#include "http/json_body.h"
#include "http/life_dto.h"

namespace weige::http {
namespace {

using nlohmann::json;

Status read_tags(const json& j, std::vector<store::CareTagRow>& out) {
  if (!j.contains("tags") || !j["tags"].is_array() || j["tags"].size() > 3) {
    return Status::invalid("tags is a list of at most 3 {tag, visit_every_days, note}",
                           {{"field", "tags"}});
  }
  for (const auto& t : j["tags"]) {
    if (!t.is_object())
      return Status::invalid("each tag is {tag, visit_every_days, note}", {{"field", "tags"}});
    store::CareTagRow row;
    std::optional<CareTag> tag;
    WEIGE_TRY(read_enum(t, "tag", parse_care_tag, tag, true));
    row.tag = *tag;
    row.visit_every_days = default_visit_interval_days(*tag);
    WEIGE_TRY(read_int(t, "visit_every_days", row.visit_every_days));
    WEIGE_TRY(read_string(t, "note", row.note, false, 1000));
    out.push_back(row);
  }
  return {};
}

}  // namespace

void Api::register_visit_routes() {
  router_.add(
      {.method = "GET",
       .pattern = "/api/v1/visits",
       .operation_id = "listVisits",
       .summary = "Home visits in your grids (a resident: to their household), newest first",
       .tag = "visits",
       .params = {{"household_id", "query", "integer", ""},
                  {"visitor_person_id", "query", "integer", ""},
                  {"campaign_id", "query", "integer", "visits that carried this campaign"},
                  {"month", "query", "string", "YYYY-MM"},
                  {"limit", "query", "integer", ""},
                  {"offset", "query", "integer", ""}},
       .response_schema = "VisitList",
       .permission = Permission::kLifeRead,
       .handler = wrap([this](Request& r, store::Db& db) -> Result<json> {
         WEIGE_ASSIGN(auto c, life_caller_of(r, db));
         store::VisitFilter f;
         WEIGE_TRY(query_page(r, f.limit, f.offset));
         WEIGE_TRY(query_id(r, "household_id", f.household_id));
         WEIGE_TRY(query_id(r, "visitor_person_id", f.visitor_person_id));
         WEIGE_TRY(query_id(r, "campaign_id", f.campaign_id));
         if (r.param("month")) {
           WEIGE_ASSIGN(Window m, query_month(r, options_.clock()));
           f.from = m.from;
           f.to = m.to;
         }
         WEIGE_ASSIGN(auto page, service::VisitService(db, options_.clock).list(c, f));
         Names n(db, vault_);
         return list_json(
             page.items, [&](const auto& v) { return visit_json(v, n); }, page.total);
       })});

  router_.add(
      {.method = "POST",
       .pattern = "/api/v1/visits",
       .operation_id = "logVisit",
       .summary = "Log a home visit by the household's linking party member (with a follow-up case "
                  "if any)",
       .tag = "visits",
       .request_schema = "VisitInput",
       .response_schema = "Visit",
       .success_status = 201,
       .permission = Permission::kLifeWrite,
       .handler = wrap(
           [this](Request& r, store::Db& db) -> Result<json> {
             WEIGE_ASSIGN(auto c, life_caller_of(r, db));
             WEIGE_ASSIGN(json j, parse_object(r, {"household_id", "visitor_person_id", "at",
                                                   "form", "learnt", "campaign_id",
                                                   "follow_up_case_id", "follow_up_category_id"}));
             service::VisitInput in;
             WEIGE_TRY(read_id(j, "household_id", in.household_id, true));
             WEIGE_TRY(read_id(j, "visitor_person_id", in.visitor_person_id));
             WEIGE_TRY(read_time(j, "at", in.at));
             std::optional<VisitForm> form;
             WEIGE_TRY(read_enum(j, "form", parse_visit_form, form, true));
             in.form = *form;
             WEIGE_TRY(read_string(j, "learnt", in.learnt, false, 4000));
             WEIGE_TRY(read_id(j, "campaign_id", in.campaign_id));
             WEIGE_TRY(read_id(j, "follow_up_case_id", in.follow_up_case_id));
             WEIGE_TRY(read_id(j, "follow_up_category_id", in.follow_up_category_id));
             auto case_svc = cases(db);
             WEIGE_ASSIGN(auto res, service::VisitService(db, options_.clock).log(c, in, case_svc));
             Names n(db, vault_);
             json out = visit_json(res.visit, n);
             out["case"] = res.created_case
                               ? case_summary_json(res.created_case->record, options_.clock())
                               : json(nullptr);
             return out;
           },
           201)});

  router_.add({.method = "GET",
               .pattern = "/api/v1/visits/coverage",
               .operation_id = "getVisitCoverage",
               .summary = "Quarterly visit coverage for every link of the three-links chain",
               .tag = "visits",
               .params = {{"grid_id", "query", "integer", "a grid subtree"},
                          {"quarter", "query", "string", "YYYYQn (default: this quarter)"}},
               .response_schema = "VisitCoverage",
               .permission = Permission::kLifeRead,
               .handler = wrap([this](Request& r, store::Db& db) -> Result<json> {
                 WEIGE_ASSIGN(auto c, life_caller_of(r, db));
                 std::optional<Id> grid;
                 WEIGE_TRY(query_id(r, "grid_id", grid));
                 WEIGE_ASSIGN(Window quarter, query_quarter(r, options_.clock()));
                 return rendered(
                     db, vault_,
                     service::VisitService(db, options_.clock).coverage(c, grid, quarter),
                     link_coverage_json);
               })});

  router_.add({.method = "GET",
               .pattern = "/api/v1/visits/my-households",
               .operation_id = "listMyLinkedHouseholds",
               .summary = "The households I link as a party member (三联), with their last "
                          "visit: whom I may log a visit for",
               .tag = "visits",
               .response_schema = "LinkedHouseholdList",
               .permission = Permission::kLifeRead,
               .handler = wrap([this](Request& r, store::Db& db) -> Result<json> {
                 WEIGE_ASSIGN(auto c, life_caller_of(r, db));
                 WEIGE_ASSIGN(auto list,
                              service::VisitService(db, options_.clock).my_households(c));
                 return list_json(list, [](const store::LinkedHousehold& h) {
                   return json{{"household_id", h.household_id},
                               {"grid_id", h.grid_id ? json(*h.grid_id) : json(nullptr)},
                               {"name", h.name},
                               {"unit", h.unit},
                               {"building", h.building},
                               {"compound", h.compound},
                               {"last_visit_at", time_json(h.last_visit)}};
                 });
               })});

  router_.add({.method = "GET",
               .pattern = "/api/v1/visits/{id}",
               .operation_id = "getVisit",
               .summary = "A home visit",
               .tag = "visits",
               .response_schema = "Visit",
               .permission = Permission::kLifeRead,
               .handler = wrap(by_id(
                   vault_,
                   [this](store::Db& db, const service::LifeCaller& c, Id id) {
                     return service::VisitService(db, options_.clock).get(c, id);
                   },
                   visit_json))});

  router_.add({.method = "GET",
               .pattern = "/api/v1/households/{id}/care",
               .operation_id = "getHouseholdCare",
               .summary = "A household's care tags, last visit and when the next is due",
               .tag = "visits",
               .response_schema = "CareStatus",
               .permission = Permission::kLifeRead,
               .handler = wrap(by_id(
                   vault_,
                   [this](store::Db& db, const service::LifeCaller& c, Id id) {
                     return service::VisitService(db, options_.clock).care(c, id);
                   },
                   care_json))});

  router_.add({.method = "PUT",
               .pattern = "/api/v1/households/{id}/care",
               .operation_id = "setHouseholdCare",
               .summary = "Set a household's care tags (elderly_alone, disabled, low_income) and "
                          "visit frequencies",
               .tag = "visits",
               .request_schema = "CareInput",
               .response_schema = "CareStatus",
               .permission = Permission::kLifeWrite,
               .handler = wrap([this](Request& r, store::Db& db) -> Result<json> {
                 WEIGE_ASSIGN(auto c, life_caller_of(r, db));
                 WEIGE_ASSIGN(Id id, path_id(r));
                 WEIGE_ASSIGN(json j, parse_object(r, {"tags"}));
                 std::vector<store::CareTagRow> tags;
                 WEIGE_TRY(read_tags(j, tags));
                 WEIGE_ASSIGN(
                     auto s,
                     service::VisitService(db, options_.clock).set_care(c, id, std::move(tags)));
                 Names n(db, vault_);
                 json out = care_json(s, n);
                 out["id"] = id;
                 return out;
               })});

  router_.add({.method = "GET",
               .pattern = "/api/v1/care/overdue",
               .operation_id = "listOverdueCare",
               .summary = "Households needing care whose visit is overdue, most overdue first",
               .tag = "visits",
               .params = {{"grid_id", "query", "integer", "a grid subtree"}},
               .response_schema = "CareList",
               .permission = Permission::kLifeRead,
               .handler = wrap([this](Request& r, store::Db& db) -> Result<json> {
                 WEIGE_ASSIGN(auto c, life_caller_of(r, db));
                 std::optional<Id> grid;
                 WEIGE_TRY(query_id(r, "grid_id", grid));
                 WEIGE_ASSIGN(auto list,
                              service::VisitService(db, options_.clock).overdue(c, grid));
                 Names n(db, vault_);
                 return list_json(list, [&](const auto& s) { return care_json(s, n); });
               })});
}

}  // namespace weige::http
