#include "service/visit_service.h"

#include <algorithm>

#include "store/map_store.h"
#include "store/notice_store.h"
#include "store/people_store.h"

namespace weige::service {

Result<Place> VisitService::household(const LifeCaller& c, Id household_id, bool write) {
  // Unknown, not a household, or outside the caller's reach: one answer, so ids do not leak.
  Status unknown =
      Status::not_found("household " + std::to_string(household_id) + " does not exist",
                        {{"household_id", household_id}});
  auto h = store::get_place(db_, household_id);
  if (!h && h.status().code() != Code::kNotFound) return h.status();
  if (!h || h->kind != PlaceKind::kHousehold) return unknown;
  if (c.is_resident()) {
    if (write || c.scope.household_id != h->id) return unknown;
    return h;
  }
  if (!c.scope.sees(h->grid_id.value_or(-1))) return unknown;
  WEIGE_TRY(require_managed(c, h->grid_id.value_or(-1), "household", household_id));
  return h;
}

Result<store::GridFilter> VisitService::grids_below(const LifeCaller& c,
                                                    std::optional<Id> grid_id) {
  if (!grid_id) return c.scope.managed_filter();
  WEIGE_TRY(require_visible(c, *grid_id, "grid", *grid_id));
  WEIGE_ASSIGN(auto below, store::grid_subtree(db_, *grid_id));
  std::vector<Id> mine;
  for (Id g : below) {
    if (c.scope.manages(g)) mine.push_back(g);
  }
  return store::GridFilter(mine);
}

Result<VisitResult> VisitService::log(const LifeCaller& c, const VisitInput& in,
                                      CaseService& cases) {
  if (c.is_resident())
    return Status::forbidden("visits are logged by the party members who link households");
  auto h = store::get_place(db_, in.household_id);
  if (!h && h.status().code() != Code::kNotFound) return h.status();
  if (!h || h->kind != PlaceKind::kHousehold || !c.scope.sees(h->grid_id.value_or(-1)))
    return unknown_in_body("household", in.household_id, "household_id");
  std::optional<Id> visitor = in.visitor_person_id ? in.visitor_person_id : c.actor.person_id;
  if (!visitor)
    return Status::invalid("visitor_person_id is required", {{"field", "visitor_person_id"}});
  WEIGE_ASSIGN(auto chain, store::links_of_household(db_, h->id));
  if (chain.empty() || chain.front().tier != 3) {
    return Status::violation(
        "household " + std::to_string(h->id) + " is not linked to a party member (三联)",
        {{"field", "household_id"}});
  }
  if (chain.front().from_person_id != visitor) {
    return Status::violation(
        "person " + std::to_string(*visitor) + " does not link household " + std::to_string(h->id) +
            "; its linking party member visits it",
        {{"field", "visitor_person_id"}, {"linked_by", *chain.front().from_person_id}});
  }
  // The linking member logs their own visit; anyone else needs to manage the household's grid.
  if (c.actor.person_id != visitor && !c.scope.manages(h->grid_id.value_or(-1))) {
    return Status::forbidden(
        "only the linking party member or the grid's staff log this household's visits");
  }
  Seconds now = clock_();
  store::Visit v;
  v.household_id = h->id;
  v.grid_id = h->grid_id;
  v.visitor_person_id = *visitor;
  v.link_id = chain.front().id;
  v.at = in.at.value_or(now);
  if (v.at > now + 3600)
    return Status::invalid("a visit cannot lie in the future", {{"field", "at"}});
  v.form = in.form;
  WEIGE_TRY(check_text(in.learnt, "learnt", false));
  v.learnt = in.learnt;
  if (in.campaign_id) {
    auto campaign = store::get_campaign(db_, *in.campaign_id);
    if (!campaign || !c.scope.sees(campaign->grid_id)) {
      return Status::invalid("campaign " + std::to_string(*in.campaign_id) + " does not exist",
                             {{"field", "campaign_id"}});
    }
    v.campaign_id = campaign->id;
  }
  VisitResult out;
  if (in.follow_up_case_id && in.follow_up_category_id) {
    return Status::invalid("give follow_up_case_id or follow_up_category_id, not both",
                           {{"field", "follow_up_case_id"}});
  }
  if (in.follow_up_case_id) {
    auto existing = store::get_case(db_, *in.follow_up_case_id);
    if (!existing)
      return Status(existing.status().code(), existing.status().message(),
                    {{"field", "follow_up_case_id"}});
    v.follow_up_case_id = existing->id;
  } else if (in.follow_up_category_id) {
    if (v.learnt.empty())
      return Status::invalid("describe the follow-up in learnt", {{"field", "learnt"}});
    IntakeInput intake;
    intake.channel = Channel::kMicroGridWorker;
    intake.category_id = *in.follow_up_category_id;
    intake.description = v.learnt;
    intake.place_id = h->id;
    intake.on_behalf_of = true;
    WEIGE_ASSIGN(auto created, cases.intake(intake, c.actor));
    v.follow_up_case_id = created.view.record.id;
    out.created_case = std::move(created.view);
  }
  v.created_at = now;
  WEIGE_ASSIGN(v.id, store::insert_visit(db_, v));
  out.visit = v;
  return out;
}

Result<std::vector<store::LinkedHousehold>> VisitService::my_households(const LifeCaller& c) {
  if (c.is_resident()) return Status::forbidden("visits are logged by the party members who link households");
  if (!c.actor.person_id) return std::vector<store::LinkedHousehold>{};
  WEIGE_ASSIGN(auto all, store::linked_households(db_, *c.actor.person_id));
  std::vector<store::LinkedHousehold> out;
  for (auto& h : all) {
    if (h.grid_id && c.scope.sees(*h.grid_id)) out.push_back(std::move(h));
  }
  return out;
}

Result<store::VisitPage> VisitService::list(const LifeCaller& c, store::VisitFilter f) {
  if (c.is_resident()) {
    f.household_id = c.scope.household_id.value_or(-1);
  } else {
    f.grids = c.scope.managed_filter();
  }
  return store::list_visits(db_, f);
}

Result<store::Visit> VisitService::get(const LifeCaller& c, Id id) {
  WEIGE_ASSIGN(store::Visit v, store::get_visit(db_, id));
  if (!household(c, v.household_id, false)) {
    return Status::not_found("visit " + std::to_string(id) + " does not exist", {{"visit_id", id}});
  }
  return v;
}

Result<CoverageReport> VisitService::coverage(const LifeCaller& c, std::optional<Id> grid_id,
                                              const Window& quarter) {
  if (c.is_resident()) return Status::forbidden("coverage is for staff");
  WEIGE_ASSIGN(auto grids, grids_below(c, grid_id));
  WEIGE_ASSIGN(auto edges, store::link_edges(db_, grids));
  WEIGE_ASSIGN(auto visited, store::visited_households(db_, grids, quarter.from, quarter.to));
  CoverageReport r;
  r.quarter = quarter;
  r.links = link_coverage(edges, visited);
  for (const auto& l : r.links) {
    if (l.tier != 3) continue;
    r.households += l.households;
    r.visited += l.visited;
  }
  return r;
}

CareStatus VisitService::status_of(store::CaredHousehold h) const {
  CareStatus s;
  Seconds since = h.tags.empty() ? 0 : h.tags.front().since;
  s.interval_days = 366;
  for (const auto& t : h.tags) {
    s.interval_days = std::min(s.interval_days, t.visit_every_days);
    since = std::min(since, t.since);
  }
  s.due = care_due(h.last_visit, since, s.interval_days, clock_());
  s.household = std::move(h);
  return s;
}

Result<CareStatus> VisitService::care(const LifeCaller& c, Id household_id) {
  WEIGE_ASSIGN(Place h, household(c, household_id, false));
  store::CaredHousehold cared{h.id, h.grid_id, h.name, {}, std::nullopt};
  WEIGE_ASSIGN(cared.tags, store::care_of(db_, h.id));
  WEIGE_ASSIGN(auto last, db_.row("SELECT max(at) FROM visits WHERE household_id = ?", {h.id}));
  if (last) cared.last_visit = last->opt_i64(0);
  return status_of(std::move(cared));
}

Result<CareStatus> VisitService::set_care(const LifeCaller& c, Id household_id,
                                          std::vector<store::CareTagRow> tags) {
  if (c.is_resident()) return Status::forbidden("care tags are kept by staff");
  WEIGE_TRY(household(c, household_id, true).status());
  Seconds now = clock_();
  for (std::size_t i = 0; i < tags.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (tags[j].tag == tags[i].tag)
        return Status::invalid("a tag is listed twice", {{"field", "tags"}});
    }
    if (tags[i].visit_every_days < 1 || tags[i].visit_every_days > 366) {
      return Status::invalid("visit_every_days is between 1 and 366", {{"field", "tags"}});
    }
    WEIGE_TRY(check_text(tags[i].note, "tags", false, 1000));
    tags[i].household_id = household_id;
    tags[i].since = now;
  }
  WEIGE_TRY(store::replace_care(db_, household_id, tags));
  return care(c, household_id);
}

Result<std::vector<CareStatus>> VisitService::overdue(const LifeCaller& c,
                                                      std::optional<Id> grid_id) {
  if (c.is_resident()) return Status::forbidden("the overdue list is for staff");
  WEIGE_ASSIGN(auto grids, grids_below(c, grid_id));
  WEIGE_ASSIGN(auto cared, store::cared_households(db_, grids));
  std::vector<CareStatus> out;
  for (auto& h : cared) {
    CareStatus s = status_of(std::move(h));
    if (s.due.overdue) out.push_back(std::move(s));
  }
  std::stable_sort(out.begin(), out.end(), [](const CareStatus& a, const CareStatus& b) {
    return a.due.due_at < b.due.due_at;
  });
  return out;
}

}  // namespace weige::service
