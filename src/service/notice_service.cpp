#include "service/notice_service.h"

#include <algorithm>

#include "store/map_store.h"
#include "store/visit_store.h"

namespace weige::service {
namespace {

bool contains(const std::vector<Id>& v, Id id) {
  return std::find(v.begin(), v.end(), id) != v.end();
}

// The answer for a target that does not exist, is of another kind or lies outside the scope.
Status not_a_target(NoticeTarget kind, Id target_id) {
  return Status::invalid(
      "target " + std::to_string(target_id) + " is not a " + std::string(to_string(kind)),
      {{"field", "target_id"}});
}

}  // namespace

Result<Id> NoticeService::target_grid(NoticeTarget kind, Id target_id) {
  if (auto place_kind = target_place_kind(kind)) {
    auto p = store::get_place(db_, target_id);
    if (!p || p->kind != *place_kind) {
      return not_a_target(kind, target_id);
    }
    return grid_of_place(db_, p->id);
  }
  auto g = store::get_grid(db_, target_id);
  if (!g || g->kind != *target_grid_kind(kind)) {
    return not_a_target(kind, target_id);
  }
  return g->id;
}

Result<std::vector<Id>> NoticeService::recipients(const store::Notice& n) {
  if (targets_place(n.target_kind)) return store::households_below_place(db_, n.target_id);
  return store::households_in_grid_subtree(db_, n.target_id);
}

Result<store::Notice> NoticeService::visible(const LifeCaller& c, Id notice_id) {
  WEIGE_ASSIGN(store::Notice n, store::get_notice(db_, notice_id));
  bool sees = c.is_resident() ? contains(targets_place(n.target_kind) ? c.scope.household_places
                                                                      : c.scope.household_grids,
                                         n.target_id)
                              : c.scope.sees(n.grid_id);
  if (!sees)
    return Status::not_found("notice " + std::to_string(notice_id) + " does not exist",
                             {{"id", notice_id}});
  return n;
}

Result<NoticeView> NoticeService::view(const LifeCaller& c, store::Notice n) {
  NoticeView v;
  if (targets_place(n.target_kind)) {
    WEIGE_ASSIGN(Place p, store::get_place(db_, n.target_id));
    v.target_name = p.name;
  } else {
    WEIGE_ASSIGN(Grid g, store::get_grid(db_, n.target_id));
    v.target_name = g.name;
  }
  WEIGE_ASSIGN(auto households, recipients(n));
  WEIGE_ASSIGN(auto read, store::read_households(db_, n.id));
  v.recipients = static_cast<int>(households.size());
  for (Id h : households) v.read += read.count(h) ? 1 : 0;
  if (c.scope.household_id) v.my_household_read = read.count(*c.scope.household_id) > 0;
  v.notice = std::move(n);
  return v;
}

Result<NoticeView> NoticeService::publish(const LifeCaller& c, const NoticeInput& in) {
  if (c.is_resident()) return Status::forbidden("notices are sent by staff");
  WEIGE_ASSIGN(Id grid, target_grid(in.target_kind, in.target_id));
  if (!c.scope.sees(grid)) {  // read like a target that does not exist
    return not_a_target(in.target_kind, in.target_id);
  }
  WEIGE_TRY(require_managed(c, grid, "grid", grid));
  WEIGE_TRY(check_text(in.title, "title", true, 200));
  WEIGE_TRY(check_text(in.body, "body", true, 20000));
  store::Notice n;
  n.target_kind = in.target_kind;
  n.target_id = in.target_id;
  n.grid_id = grid;
  n.title = in.title;
  n.body = in.body;
  if (in.campaign_id) {
    auto campaign = store::get_campaign(db_, *in.campaign_id);
    if (!campaign || !c.scope.sees(campaign->grid_id)) {
      return Status::invalid("campaign " + std::to_string(*in.campaign_id) + " does not exist",
                             {{"field", "campaign_id"}});
    }
    n.campaign_id = campaign->id;
  }
  n.author_person_id = c.actor.person_id;
  n.published_at = clock_();
  WEIGE_ASSIGN(n.id, store::insert_notice(db_, n));
  return view(c, n);
}

Result<std::vector<NoticeView>> NoticeService::list(const LifeCaller& c,
                                                    std::optional<Id> campaign_id, int limit,
                                                    int offset, std::int64_t& total) {
  store::NoticeFilter f;
  if (c.is_resident()) {
    f.reach_places = c.scope.household_places;
    f.reach_grids = c.scope.household_grids;
  } else {
    f.grids = c.scope.visible_filter();
  }
  f.campaign_id = campaign_id;
  f.limit = limit;
  f.offset = offset;
  WEIGE_ASSIGN(auto page, store::list_notices(db_, f));
  total = page.total;
  std::vector<NoticeView> out;
  for (auto& n : page.items) {
    WEIGE_ASSIGN(auto v, view(c, std::move(n)));
    out.push_back(std::move(v));
  }
  return out;
}

Result<NoticeView> NoticeService::get(const LifeCaller& c, Id notice_id) {
  WEIGE_ASSIGN(store::Notice n, visible(c, notice_id));
  return view(c, std::move(n));
}

Result<NoticeView> NoticeService::acknowledge(const LifeCaller& c, Id notice_id,
                                              std::optional<Id> household) {
  WEIGE_ASSIGN(store::Notice n, visible(c, notice_id));
  WEIGE_ASSIGN(Id h, acting_household(db_, c, household));
  WEIGE_ASSIGN(auto households, recipients(n));
  if (!std::binary_search(households.begin(), households.end(), h)) {
    return Status::violation(
        "notice " + std::to_string(notice_id) + " does not reach household " + std::to_string(h),
        {{"field", "household_id"}});
  }
  WEIGE_TRY(store::insert_read(db_, n.id, h, c.actor.person_id, clock_()));
  return view(c, std::move(n));
}

Result<store::Page<UnreadHousehold>> NoticeService::unread(const LifeCaller& c, Id notice_id,
                                                          int limit, int offset) {
  if (c.is_resident()) return Status::forbidden("the unread list is for staff");
  WEIGE_ASSIGN(store::Notice n, visible(c, notice_id));
  return store::notice_unread(db_, n, limit, offset);
}

Result<CampaignView> NoticeService::create_campaign(const LifeCaller& c, const CampaignInput& in) {
  if (c.is_resident()) return Status::forbidden("campaigns are run by staff");
  WEIGE_ASSIGN(Grid grid, visible_grid_in_body(db_, c, in.grid_id, "grid_id"));
  WEIGE_TRY(require_managed(c, grid.id, "grid", grid.id));
  WEIGE_TRY(check_text(in.title, "title", true, 200));
  WEIGE_TRY(check_text(in.note, "note", false));
  if (in.starts_at && in.ends_at && *in.ends_at < *in.starts_at) {
    return Status::invalid("a campaign ends after it starts", {{"field", "ends_on"}});
  }
  if (in.case_ids.size() > 200)
    return Status::invalid("at most 200 cases", {{"field", "case_ids"}});
  store::Campaign k;
  k.theme = in.theme;
  k.title = in.title;
  k.grid_id = grid.id;
  k.starts_at = in.starts_at;
  k.ends_at = in.ends_at;
  k.note = in.note;
  k.created_at = clock_();
  WEIGE_ASSIGN(k.id, store::insert_campaign(db_, k));
  for (Id case_id : in.case_ids) WEIGE_TRY(link_case(c, k.id, case_id).status());
  return campaign(c, k.id);
}

Result<std::vector<store::Campaign>> NoticeService::campaigns(const LifeCaller& c) {
  return store::list_campaigns(db_, c.scope.visible_filter());
}

Result<CampaignView> NoticeService::campaign(const LifeCaller& c, Id campaign_id) {
  CampaignView v;
  WEIGE_ASSIGN(v.campaign, store::get_campaign(db_, campaign_id));
  WEIGE_TRY(require_visible(c, v.campaign.grid_id, "campaign", campaign_id));
  WEIGE_ASSIGN(auto case_ids, store::campaign_case_ids(db_, campaign_id));
  for (Id id : case_ids) {
    WEIGE_ASSIGN(auto cs, store::get_case(db_, id));
    v.cases.push_back(std::move(cs));
  }
  WEIGE_ASSIGN(v.visits,
               db_.scalar("SELECT count(*) FROM visits WHERE campaign_id = ?", {campaign_id}));
  store::NoticeFilter f;
  f.campaign_id = campaign_id;
  f.grids = c.scope.visible_filter();
  WEIGE_ASSIGN(auto notices, store::list_notices(db_, f));
  v.notices = std::move(notices.items);
  return v;
}

Result<CampaignView> NoticeService::link_case(const LifeCaller& c, Id campaign_id, Id case_id) {
  WEIGE_ASSIGN(store::Campaign k, store::get_campaign(db_, campaign_id));
  WEIGE_TRY(require_managed(c, k.grid_id, "campaign", campaign_id));
  auto cs = store::get_case(db_, case_id);
  if (!cs || !cs->grid_id || !c.scope.sees(*cs->grid_id)) {
    return Status::invalid("case " + std::to_string(case_id) + " does not exist",
                           {{"field", "case_ids"}});
  }
  WEIGE_TRY(store::link_campaign_case(db_, campaign_id, case_id));
  return campaign(c, campaign_id);
}

}  // namespace weige::service
