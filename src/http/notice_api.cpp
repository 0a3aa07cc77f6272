// Notices with read acknowledgements and the unread list; publicity campaigns.
#include "http/api.h"
#include "http/json_body.h"
#include "http/life_dto.h"

namespace weige::http {

using nlohmann::json;

void Api::register_notice_routes() {
  auto campaign_json_now = [this](const service::CampaignView& v, Names& n) {
    return campaign_json(v, n, options_.clock());
  };

  router_.add(
      {.method = "GET",
       .pattern = "/api/v1/notices",
       .operation_id = "listNotices",
       .summary = "Notices of the grids you see (a resident: those reaching their household), with "
                  "read counts",
       .tag = "notices",
       .params = {{"campaign_id", "query", "integer", ""},
                  {"limit", "query", "integer", ""},
                  {"offset", "query", "integer", ""}},
       .response_schema = "NoticeList",
       .permission = Permission::kLifeRead,
       .handler = wrap([this](Request& r, store::Db& db) -> Result<json> {
         WEIGE_ASSIGN(auto c, life_caller_of(r, db));
         int limit = 50, offset = 0;
         WEIGE_TRY(query_page(r, limit, offset));
         std::optional<Id> campaign;
         WEIGE_TRY(query_id(r, "campaign_id", campaign));
         std::int64_t total = 0;
         WEIGE_ASSIGN(
             auto list,
             service::NoticeService(db, options_.clock).list(c, campaign, limit, offset, total));
         Names n(db, vault_);
         return list_json(
             list, [&](const auto& v) { return notice_json(v, n); }, total);
       })});

  router_.add({.method = "POST",
               .pattern = "/api/v1/notices",
               .operation_id = "publishNotice",
               .summary = "Send a notice to a building, micro-grid, compound, grid or community",
               .tag = "notices",
               .request_schema = "NoticeInput",
               .response_schema = "Notice",
               .success_status = 201,
               .permission = Permission::kLifeWrite,
               .handler = wrap(
                   [this](Request& r, store::Db& db) -> Result<json> {
                     WEIGE_ASSIGN(auto c, life_caller_of(r, db));
                     WEIGE_ASSIGN(json j, parse_object(r, {"target_kind", "target_id", "title",
                                                           "body", "campaign_id"}));
                     service::NoticeInput in;
                     std::optional<NoticeTarget> kind;
                     WEIGE_TRY(read_enum(j, "target_kind", parse_notice_target, kind, true));
                     in.target_kind = *kind;
                     WEIGE_TRY(read_id(j, "target_id", in.target_id, true));
                     WEIGE_TRY(read_string(j, "title", in.title, true, 200));
                     WEIGE_TRY(read_string(j, "body", in.body, true, 20000));
                     WEIGE_TRY(read_id(j, "campaign_id", in.campaign_id));
                     return rendered(db, vault_,
                                     service::NoticeService(db, options_.clock).publish(c, in),
                                     notice_json);
                   },
                   201)});

  router_.add({.method = "GET",
               .pattern = "/api/v1/notices/{id}",
               .operation_id = "getNotice",
               .summary = "A notice with how many households it reaches and how many have read it",
               .tag = "notices",
               .response_schema = "Notice",
               .permission = Permission::kLifeRead,
               .handler = wrap([this](Request& r, store::Db& db) -> Result<json> {
                 WEIGE_ASSIGN(auto c, life_caller_of(r, db));
                 WEIGE_ASSIGN(Id id, path_id(r));
                 return rendered(db, vault_, service::NoticeService(db, options_.clock).get(c, id),
                                 notice_json);
               })});

  router_.add({.method = "POST",
               .pattern = "/api/v1/notices/{id}/read",
               .operation_id = "acknowledgeNotice",
               .summary = "Acknowledge a notice for a household (a resident for their own)",
               .tag = "notices",
               .request_schema = "HouseholdInput",
               .response_schema = "Notice",
               .permission = Permission::kLifeParticipate,
               .handler = wrap([this](Request& r, store::Db& db) -> Result<json> {
                 WEIGE_ASSIGN(auto c, life_caller_of(r, db));
                 WEIGE_ASSIGN(Id id, path_id(r));
                 WEIGE_ASSIGN(json j, parse_object(r, {"household_id"}));
                 std::optional<Id> household;
                 WEIGE_TRY(read_id(j, "household_id", household));
                 return rendered(
                     db, vault_,
                     service::NoticeService(db, options_.clock).acknowledge(c, id, household),
                     notice_json);
               })});

  router_.add({.method = "GET",
               .pattern = "/api/v1/notices/{id}/unread",
               .operation_id = "listNoticeUnread",
               .summary = "The households a notice reaches that have not read it, in pages "
                          "(in household id order, with the total)",
               .tag = "notices",
               .params = {{"limit", "query", "integer", "1-500, default 50"},
                          {"offset", "query", "integer", "default 0"}},
               .response_schema = "UnreadList",
               .permission = Permission::kLifeRead,
               .handler = wrap([this](Request& r, store::Db& db) -> Result<json> {
                 WEIGE_ASSIGN(auto c, life_caller_of(r, db));
                 WEIGE_ASSIGN(Id id, path_id(r));
                 int limit = 0, offset = 0;
                 WEIGE_TRY(query_page(r, limit, offset));
                 WEIGE_ASSIGN(auto page, service::NoticeService(db, options_.clock)
                                             .unread(c, id, limit, offset));
                 return list_json(
                     page.items,
                     [](const service::UnreadHousehold& h) {
                       return json{{"household_id", h.id},
                                   {"name", h.name},
                                   {"unit", h.unit},
                                   {"building", h.building},
                                   {"compound", h.compound}};
                     },
                     page.total);
               })});

  router_.add({.method = "GET",
               .pattern = "/api/v1/campaigns",
               .operation_id = "listCampaigns",
               .summary = "Publicity campaigns of the grids you see",
               .tag = "notices",
               .response_schema = "CampaignList",
               .permission = Permission::kLifeRead,
               .handler = wrap([this](Request& r, store::Db& db) -> Result<json> {
                 WEIGE_ASSIGN(auto c, life_caller_of(r, db));
                 WEIGE_ASSIGN(auto list, service::NoticeService(db, options_.clock).campaigns(c));
                 Names n(db, vault_);
                 return list_json(list, [&](const auto& k) { return campaign_summary_json(k, n); });
               })});

  router_.add({.method = "POST",
               .pattern = "/api/v1/campaigns",
               .operation_id = "createCampaign",
               .summary = "Start a publicity campaign (civilised dog keeping, fire safety, fraud "
                          "prevention), with the cases that prompted it",
               .tag = "notices",
               .request_schema = "CampaignInput",
               .response_schema = "Campaign",
               .success_status = 201,
               .permission = Permission::kLifeWrite,
               .handler = wrap(
                   [this, campaign_json_now](Request& r, store::Db& db) -> Result<json> {
                     WEIGE_ASSIGN(auto c, life_caller_of(r, db));
                     WEIGE_ASSIGN(json j, parse_object(r, {"theme", "title", "grid_id", "starts_on",
                                                           "ends_on", "note", "case_ids"}));
                     service::CampaignInput in;
                     std::optional<CampaignTheme> theme;
                     WEIGE_TRY(read_enum(j, "theme", parse_campaign_theme, theme, true));
                     in.theme = *theme;
                     WEIGE_TRY(read_string(j, "title", in.title, true, 200));
                     WEIGE_TRY(read_id(j, "grid_id", in.grid_id, true));
                     WEIGE_TRY(read_time(j, "starts_on", in.starts_at));
                     WEIGE_TRY(read_time(j, "ends_on", in.ends_at));
                     WEIGE_TRY(read_string(j, "note", in.note, false, 4000));
                     WEIGE_TRY(read_ids(j, "case_ids", in.case_ids));
                     return rendered(
                         db, vault_,
                         service::NoticeService(db, options_.clock).create_campaign(c, in),
                         campaign_json_now);
                   },
                   201)});

  router_.add(
      {.method = "GET",
       .pattern = "/api/v1/campaigns/{id}",
       .operation_id = "getCampaign",
       .summary =
           "A campaign with the cases that prompted it, the visits that carried it and its notices",
       .tag = "notices",
       .response_schema = "Campaign",
       .permission = Permission::kLifeRead,
       .handler = wrap([this, campaign_json_now](Request& r, store::Db& db) -> Result<json> {
         WEIGE_ASSIGN(auto c, life_caller_of(r, db));
         WEIGE_ASSIGN(Id id, path_id(r));
         return rendered(db, vault_, service::NoticeService(db, options_.clock).campaign(c, id),
                         campaign_json_now);
       })});

  router_.add(
      {.method = "POST",
       .pattern = "/api/v1/campaigns/{id}/cases",
       .operation_id = "linkCampaignCase",
       .summary = "Link a case that prompted the campaign",
       .tag = "notices",
       .request_schema = "CaseLinkInput",
       .response_schema = "Campaign",
       .permission = Permission::kLifeWrite,
       .handler = wrap([this, campaign_json_now](Request& r, store::Db& db) -> Result<json> {
         WEIGE_ASSIGN(auto c, life_caller_of(r, db));
         WEIGE_ASSIGN(Id id, path_id(r));
         WEIGE_ASSIGN(json j, parse_object(r, {"case_id"}));
         Id case_id = 0;
         WEIGE_TRY(read_id(j, "case_id", case_id, true));
         return rendered(db, vault_,
                         service::NoticeService(db, options_.clock).link_case(c, id, case_id),
                         campaign_json_now);
       })});
}

}  // namespace weige::http
