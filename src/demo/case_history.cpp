#include "demo/case_history.h"

#include <map>
#include <set>

#include "demo/rng.h"
#include "domain/work_calendar.h"
#include "store/case_store.h"
#include "store/people_store.h"

namespace weige::demo {
namespace {

using store::CaseEvent;
using store::CaseRecord;

struct UnitInfo {
  Id unit = 0;
  Id compound = 0;
  Id micro_grid = 0;
  std::vector<Id> residents;  // persons living in the unit's households
  std::vector<Id> households;
};

struct SiteInfo {
  Id place = 0;
  Id grid = 0;
  PlaceKind kind = PlaceKind::kShopStreet;
};

struct HistoryWorld {
  Id community = 0;
  Id huarun = 0;
  std::vector<UnitInfo> huarun_units, other_units;
  std::vector<SiteInfo> sites;
  std::map<Id, std::vector<Id>> micro_workers;  // micro-grid -> heads and workers
  std::map<Id, Id> micro_head;
  std::vector<Id> property_staff, grid_workers;
  Id police = 0;
  std::map<std::string, store::Category> categories;  // by code
  std::map<Id, Id> contract;                          // compound -> property company
};

Result<HistoryWorld> load_history_world(store::Db& db) {
  HistoryWorld w;
  WEIGE_ASSIGN(auto comm,
               db.row("SELECT id FROM places WHERE kind = 'community' ORDER BY id LIMIT 1"));
  if (!comm)
    return Status::invalid("the case history needs the demo map (run generate_demo first)");
  w.community = comm->i64(0);
  WEIGE_ASSIGN(auto huarun,
               db.row("SELECT id FROM places WHERE kind = 'compound' AND name = '华润六期锦云府'"));
  if (!huarun) return Status::invalid("the demo map has no Huarun Phase 6 compound");
  w.huarun = huarun->i64(0);
  std::map<Id, UnitInfo> units;
  WEIGE_TRY(db.query(
      "SELECT u.id, b.parent_id, u.grid_id FROM places u JOIN places b ON b.id = u.parent_id "
      "WHERE u.kind = 'unit' AND u.grid_id IS NOT NULL ORDER BY u.id",
      {}, [&](const store::Row& r) {
        units[r.i64(0)] = {r.i64(0), r.i64(1), r.i64(2), {}, {}};
      }));
  WEIGE_TRY(
      db.query("SELECT h.parent_id, h.id FROM places h WHERE h.kind = 'household' ORDER BY h.id",
               {}, [&](const store::Row& r) {
                 if (auto it = units.find(r.i64(0)); it != units.end())
                   it->second.households.push_back(r.i64(1));
               }));
  WEIGE_TRY(
      db.query("SELECT h.parent_id, p.id FROM persons p JOIN places h ON h.id = p.household_id "
               "ORDER BY p.id",
               {}, [&](const store::Row& r) {
                 if (auto it = units.find(r.i64(0)); it != units.end())
                   it->second.residents.push_back(r.i64(1));
               }));
  for (auto& [id, u] : units) {
    if (u.residents.empty()) continue;
    (u.compound == w.huarun ? w.huarun_units : w.other_units).push_back(u);
  }
  WEIGE_TRY(
      db.query("SELECT id, grid_id, kind FROM places WHERE kind IN "
               "('office_tower','mall','shop_street') AND "
               "grid_id IS NOT NULL ORDER BY id",
               {}, [&](const store::Row& r) {
                 w.sites.push_back({r.i64(0), r.i64(1),
                                    parse_place_kind(r.text(2)).value_or(PlaceKind::kShopStreet)});
               }));
  WEIGE_TRY(db.query("SELECT grid_id, person_id, role FROM assignments ORDER BY id", {},
                     [&](const store::Row& r) {
                       std::string role = r.text(2);
                       if (role == "micro_grid_head") {
                         w.micro_head[r.i64(0)] = r.i64(1);
                         w.micro_workers[r.i64(0)].push_back(r.i64(1));
                       } else if (role == "micro_grid_worker") {
                         w.micro_workers[r.i64(0)].push_back(r.i64(1));
                       } else if (role == "property_staff") {
                         w.property_staff.push_back(r.i64(1));
                       } else if (role == "grid_worker") {
                         w.grid_workers.push_back(r.i64(1));
                       } else if (role == "police") {
                         w.police = r.i64(1);
                       }
                     }));
  WEIGE_ASSIGN(auto cats, store::list_categories(db));
  for (auto& c : cats) w.categories[c.code] = c;
  if (w.huarun_units.empty() || w.other_units.empty() || w.grid_workers.empty()) {
    return Status::invalid("the demo map lacks units, residents or grid workers");
  }
  return w;
}

// Property contracts: Huarun with 华润物业, most other compounds with one of two more companies.
Status sign_contracts(store::Db& db, HistoryWorld& w, Rng& rng) {
  WEIGE_ASSIGN(auto huarun_co, db.row("SELECT id FROM organisations WHERE kind = "
                                      "'property_company' AND name LIKE '华润%' LIMIT 1"));
  Id huarun_company = 0;
  if (huarun_co) {
    huarun_company = huarun_co->i64(0);
  } else {
    WEIGE_ASSIGN(huarun_company,
                 store::insert_organisation(db, {0, OrganisationKind::kPropertyCompany, "华润物业",
                                                 w.community, std::nullopt}));
  }
  WEIGE_TRY(store::set_property_contract(db, w.huarun, huarun_company));
  w.contract[w.huarun] = huarun_company;
  std::vector<Id> others;
  for (const char* name : {"蓉城物业", "锦华物业"}) {
    WEIGE_ASSIGN(Id id, store::insert_organisation(db, {0, OrganisationKind::kPropertyCompany, name,
                                                        w.community, std::nullopt}));
    others.push_back(id);
  }
  WEIGE_ASSIGN(
      auto compounds,
      db.rows("SELECT id, name FROM places WHERE kind = 'compound' AND id <> ? ORDER BY id",
              {w.huarun}));
  for (const auto& c : compounds) {
    if (c.text(1).find("院落") != std::string::npos || !rng.chance(75))
      continue;  // old courtyards: no property company
    Id co = rng.pick(others);
    WEIGE_TRY(store::set_property_contract(db, c.i64(0), co));
    w.contract[c.i64(0)] = co;
  }
  for (const auto& s : w.sites) {
    WEIGE_TRY(store::set_property_contract(db, s.place, others[0]));
    w.contract[s.place] = others[0];
  }
  return {};
}

const char* pick_weighted(Rng& rng, const std::vector<std::pair<const char*, int>>& table) {
  return rng.weighted(table);
}

const std::vector<std::pair<const char*, int>> kHuarunMix{
    {"property.lift", 10},    {"property.leak", 15},    {"property.cleaning", 14},
    {"property.greenery", 7}, {"property.security", 8}, {"dispute.pets", 9},
    {"dispute.noise", 10},    {"dispute.neighbour", 6}, {"safety.ebike_charging", 6},
    {"care.elderly", 5},      {"enquiry.policy", 5},    {"suggestion.general", 3},
    {"praise.general", 2}};
const std::vector<std::pair<const char*, int>> kCompoundMix{{"dispute.neighbour", 8},
                                                            {"dispute.pets", 7},
                                                            {"dispute.noise", 8},
                                                            {"environment.sanitation", 10},
                                                            {"order.parking", 9},
                                                            {"order.thrown_objects", 3},
                                                            {"order.illegal_construction", 3},
                                                            {"facilities.public", 9},
                                                            {"safety.fire_exit", 5},
                                                            {"safety.ebike_charging", 6},
                                                            {"care.elderly", 7},
                                                            {"care.disabled", 3},
                                                            {"enquiry.policy", 8},
                                                            {"suggestion.general", 4},
                                                            {"praise.general", 2},
                                                            {"property.leak", 4},
                                                            {"property.cleaning", 4}};
const std::vector<std::pair<const char*, int>> kShopStreetMix{{"environment.fumes", 40},
                                                              {"order.street_vending", 25},
                                                              {"order.parking", 20},
                                                              {"environment.sanitation", 15}};
const std::vector<std::pair<const char*, int>> kTowerMix{{"order.parking", 30},
                                                         {"property.security", 25},
                                                         {"facilities.public", 25},
                                                         {"environment.sanitation", 20}};

class HistoryWriter {
 public:
  HistoryWriter(store::Db& db, const crypto::Vault& vault, HistoryWorld& w, Rng& rng, const WorkCalendar& cal,
         Seconds end)
      : db_(db), vault_(vault), w_(w), rng_(rng), cal_(cal), end_(end) {}

  // One case of day `day_start` (local midnight), with the micro-grid take-over share `t` in [0,
  // 1].
  Status write_case(Seconds day_start, double t, bool huarun, CaseHistorySummary& sum) {
    CaseRecord c;
    std::vector<CaseEvent> events;
    const char* code = nullptr;
    Id person_pool_grid = 0;
    if (huarun || w_.sites.empty() || rng_.chance(85)) {
      const UnitInfo& u = huarun ? rng_.pick(w_.huarun_units) : rng_.pick(w_.other_units);
      code = pick_weighted(rng_, huarun ? kHuarunMix : kCompoundMix);
      c.place_id = u.unit;
      c.compound_id = u.compound;
      c.grid_id = u.micro_grid;
      c.reporter_person_id = rng_.pick(u.residents);
      person_pool_grid = u.micro_grid;
    } else {
      const SiteInfo& s = rng_.pick(w_.sites);
      code = pick_weighted(rng_, s.kind == PlaceKind::kShopStreet ? kShopStreetMix : kTowerMix);
      c.place_id = s.place;
      c.compound_id = s.place;
      c.grid_id = s.grid;
    }
    const store::Category& cat = w_.categories.at(code);
    c.tracking_token = crypto::random_token();
    c.category_id = cat.id;
    c.level = cat.level;
    c.community_id = w_.community;
    c.needs_verification = cat.needs_verification;
    c.description = std::string(cat.name_zh) + "：居民反映的问题";
    c.created_at = day_start + rng_.range(8 * 3600, 20 * 3600);
    if (c.created_at > end_) c.created_at = end_ - rng_.range(60, 3600);  // nothing from the future
    c.channel = channel(t);

    // Who settles it.
    bool has_contract = w_.contract.count(*c.compound_id) > 0;
    c.handler = cat.path == HandlerKind::kPropertyCompany && !has_contract ? HandlerKind::kCommunity
                                                                           : cat.path;
    if (huarun) {
      double micro = 0.08 + 0.62 * t;
      double property = 0.86 - micro;
      double u = static_cast<double>(rng_.range(0, 9999)) / 10000.0;
      c.handler = u < micro              ? HandlerKind::kMicroGrid
                  : u < micro + property ? HandlerKind::kPropertyCompany
                  : u < 0.98             ? HandlerKind::kCommunity
                                         : HandlerKind::kSubdistrict;
    } else if (c.handler == HandlerKind::kCommunity && rng_.chance(static_cast<int>(15 + 30 * t))) {
      c.handler = HandlerKind::kMicroGrid;  // the micro-grids take over small matters too
    }
    if (c.handler == HandlerKind::kPropertyCompany) c.handler_org_id = w_.contract[*c.compound_id];
    c.joint_with_community = c.handler == HandlerKind::kPropertyCompany;
    c.routing_explanation = std::string(to_string(c.handler)) + ": demo history (" + cat.code + ")";
    bool escalated = rng_.chance(4) && escalated_from(c.handler).has_value();

    Id desk = rng_.pick(w_.grid_workers);
    Id handler = handler_person(c.handler, person_pool_grid);
    Seconds now = c.created_at;
    c.accept_due_at = cal_.add_working_hours(now, cat.accept_hours);
    c.state = CaseState::kReported;
    add(events, c, now, "report", CaseState::kReported, "resident", c.reporter_person_id);
    set_stage(c, "accept", cat.accept_hours, now);

    int on_time = rng_.chance(93) ? 1 : 0;
    Seconds t_accept = step(now, cat.accept_hours, on_time);
    if (t_accept > end_) return finish(c, events, sum);
    c.responded_at = t_accept;
    add(events, c, t_accept, "accept", CaseState::kAccepted, "grid_worker", desk);
    set_stage(c, "dispatch", cat.dispatch_hours, t_accept);

    Seconds t_dispatch = step(t_accept, cat.dispatch_hours, 1);
    if (t_dispatch > end_) return finish(c, events, sum);
    c.handler_person_id = handler;
    add(events, c, t_dispatch, "dispatch", CaseState::kDispatched, "grid_worker", desk);
    set_stage(c, "resolve", cat.resolve_hours, t_dispatch);

    Seconds t_start = t_dispatch + rng_.range(300, 3 * 3600);
    if (t_start > end_) return finish(c, events, sum);
    add(events, c, t_start, "start", CaseState::kInProgress, handler_role(c.handler), handler);

    if (escalated) {
      Seconds t_esc = t_start + rng_.range(3600, 20 * 3600);
      if (t_esc > end_) return finish(c, events, sum);
      HandlerKind up = *escalated_from(c.handler);
      nlohmann::json data{{"from_handler", to_string(c.handler)}, {"to_handler", to_string(up)}};
      c.handler = up;
      c.handler_org_id.reset();
      c.joint_with_community = false;
      c.escalation_count = 1;
      c.handler_person_id.reset();
      add(events, c, t_esc, "escalate", CaseState::kDispatched, handler_role(c.handler), handler,
          "超出本级处置能力", data.dump());
      set_stage(c, "resolve", cat.resolve_hours, t_esc);
      t_start = t_esc + 1800;
      add(events, c, t_start, "start", CaseState::kInProgress, handler_role(c.handler),
          std::nullopt);
    }

    int resolve_on_time = rng_.chance(static_cast<int>(78 + 17 * std::min(1.0, t))) ? 1 : 0;
    Seconds t_resolve = step(t_start, cat.resolve_hours, resolve_on_time);
    if (t_resolve > end_) return finish(c, events, sum);
    c.first_resolved_at = c.resolved_at = t_resolve;
    c.resolve_due_at = c.stage_due_at;
    c.resolver_person_id = c.handler_person_id;
    c.settled_level = level_of(c.handler);
    add(events, c, t_resolve, "resolve", CaseState::kResolved, handler_role(c.handler),
        c.handler_person_id, "已处置");

    Seconds t_close = t_resolve;
    if (c.needs_verification) {
      set_stage(c, "verify", cat.verify_hours, t_resolve);
      Seconds t_verify = step(t_resolve, cat.verify_hours, 1);
      if (t_verify > end_) return finish(c, events, sum);
      add(events, c, t_verify, "verify", CaseState::kVerified, "grid_worker", desk);
      t_close = t_verify;
    }
    t_close += rng_.range(600, 4 * 3600);
    if (t_close > end_) return finish(c, events, sum);
    c.closed_at = t_close;
    set_stage(c, "", 0, t_close);
    add(events, c, t_close, "close", CaseState::kClosed, "grid_worker", desk);

    if (c.channel != Channel::kPatrol && rng_.chance(68)) {
      Seconds t_rate = t_close + rng_.range(1800, 86400);
      if (t_rate > end_) return finish(c, events, sum);
      int r = rng_.range(0, 99);
      c.rating = r < 82   ? Rating::kSatisfied
                 : r < 97 ? Rating::kBasicallySatisfied
                          : Rating::kUnsatisfied;
      // An unsatisfied rating in the history is recorded as the final word
      // after a return visit, so the case stays rated.
      add(events, c, t_rate, "rate", CaseState::kRated, "resident", c.reporter_person_id, "",
          nlohmann::json{{"rating", to_string(*c.rating)}}.dump());
    }
    return finish(c, events, sum);
  }

 private:
  static std::optional<HandlerKind> escalated_from(HandlerKind h) { return weige::escalated(h); }

  Channel channel(double t) {
    int micro_share = static_cast<int>(10 + 30 * t);
    int x = rng_.range(0, 99);
    if (x < micro_share) return Channel::kMicroGridWorker;
    x -= micro_share;
    if (x < 22) return Channel::kWalkIn;
    if (x < 40) return Channel::kChatGroup;
    if (x < 58) return Channel::kOnline;
    if (x < 72) return Channel::kHotline;
    return Channel::kPatrol;
  }

  Id handler_person(HandlerKind h, Id micro_grid) {
    if (h == HandlerKind::kMicroGrid && micro_grid && !w_.micro_workers[micro_grid].empty()) {
      return rng_.pick(w_.micro_workers[micro_grid]);
    }
    if (h == HandlerKind::kPropertyCompany && !w_.property_staff.empty())
      return rng_.pick(w_.property_staff);
    if (h == HandlerKind::kPolice && w_.police) return w_.police;
    return rng_.pick(w_.grid_workers);
  }

  static const char* handler_role(HandlerKind h) {
    switch (h) {
      case HandlerKind::kMicroGrid:
        return "micro_grid_worker";
      case HandlerKind::kPropertyCompany:
        return "property_staff";
      case HandlerKind::kPolice:
        return "police";
      case HandlerKind::kCommunity:
        return "grid_worker";
      default:
        return "subdistrict_staff";
    }
  }

  // The instant a stage of `hours` working hours finishes: inside the limit
  // when on_time, up to half as long again late otherwise.
  Seconds step(Seconds from, double hours, int on_time) {
    double share = on_time ? static_cast<double>(rng_.range(10, 95)) / 100.0
                           : static_cast<double>(rng_.range(105, 150)) / 100.0;
    return cal_.add_working_hours(from, hours * share);
  }

  void set_stage(CaseRecord& c, const std::string& stage, double hours, Seconds from) {
    c.stage = stage;
    if (stage.empty()) {
      c.stage_started_at = c.stage_due_at = c.stage_warn_at = std::nullopt;
      return;
    }
    c.stage_started_at = from;
    c.stage_due_at = cal_.add_working_hours(from, hours);
    c.stage_warn_at = cal_.add_working_hours(from, hours * 0.75);
  }

  void add(std::vector<CaseEvent>& events, CaseRecord& c, Seconds at, const char* action,
           CaseState to, const char* role, std::optional<Id> person, std::string note = "",
           std::string data = "{}") {
    CaseEvent e;
    e.at = at;
    e.action = action;
    e.from_state = events.empty() ? std::nullopt : std::optional<CaseState>(c.state);
    e.to_state = to;
    e.actor_role = role;
    e.actor_person_id = person;
    e.note = std::move(note);
    e.data = std::move(data);
    events.push_back(std::move(e));
    c.state = to;
    c.updated_at = at;
  }

  Status finish(CaseRecord& c, std::vector<CaseEvent>& events, CaseHistorySummary& sum) {
    WEIGE_ASSIGN(c.id, store::insert_case(db_, c));
    for (auto& e : events) {
      e.case_id = c.id;
      WEIGE_TRY(store::append_event(db_, e).status());
    }
    ++sum.cases;
    sum.events += static_cast<std::int64_t>(events.size());
    if (is_open(c.state)) ++sum.open;
    return {};
  }

  store::Db& db_;
  const crypto::Vault& vault_;
  HistoryWorld& w_;
  Rng& rng_;
  const WorkCalendar& cal_;
  Seconds end_;
};

// Grandma Wang's case, replayed from the article.
Result<Id> write_grandma_wang(store::Db& db, const crypto::Vault& vault, HistoryWorld& w, Rng& rng,
                              const WorkCalendar& cal, Seconds end) {
  const UnitInfo* unit = nullptr;
  for (const auto& u : w.other_units) {
    if (u.households.size() >= 2 && u.residents.size() >= 2 &&
        w.micro_workers[u.micro_grid].size() >= 2) {
      unit = &u;
      break;
    }
  }
  if (!unit) return Status::invalid("no unit suits Grandma Wang's case");
  Id grandma = unit->residents.front();
  Id neighbour = unit->residents.back();
  Id head = w.micro_head.count(unit->micro_grid) ? w.micro_head[unit->micro_grid]
                                                 : w.micro_workers[unit->micro_grid][0];
  Id worker = w.micro_workers[unit->micro_grid][0] == head ? w.micro_workers[unit->micro_grid][1]
                                                           : w.micro_workers[unit->micro_grid][0];
  Id officer = w.police ? w.police : w.grid_workers.front();
  const store::Category& cat = w.categories.at("dispute.pets");
  WorkCalendar local({}, 480);
  Day day = local.local_day(end) - 3;
  while (!cal.is_working_day(day)) --day;
  Seconds t0 = day * 86400 + (9 * 60 + 30) * 60 - 8 * 3600;

  CaseRecord c;
  c.tracking_token = crypto::random_token();
  c.channel = Channel::kWalkIn;
  c.category_id = cat.id;
  c.level = cat.level;
  c.description = "王婆婆到警官工作室反映：楼上邻居家的狗经常叫，晚上也叫，影响休息。";
  c.place_id = unit->households.front();
  c.compound_id = unit->compound;
  c.grid_id = unit->micro_grid;
  c.community_id = w.community;
  c.reporter_person_id = grandma;
  c.reporter_name_sealed = vault.seal("王婆婆");
  c.handler = HandlerKind::kMicroGrid;
  c.handler_person_id = worker;
  c.routing_explanation = "micro_grid: default path of category dispute.pets (level micro)";
  c.needs_verification = true;
  c.created_at = t0;
  c.accept_due_at = cal.add_working_hours(t0, cat.accept_hours);
  c.responded_at = t0 + 300;
  Seconds t_dispatch = t0 + 900, t_start = t0 + 1800;
  Seconds t_session = cal.add_working_hours(t_start, 2);
  Seconds t_resolve = t_session + 3600;
  c.resolve_due_at = cal.add_working_hours(t_dispatch, cat.resolve_hours);
  c.first_resolved_at = c.resolved_at = t_resolve;
  c.resolver_person_id = worker;
  c.settled_level = HandlingLevel::kMicroGrid;
  Seconds t_verify = t_resolve + 2 * 3600, t_close = t_verify + 1800, t_rate = t_close + 3 * 3600;
  c.closed_at = t_close;
  c.rating = Rating::kSatisfied;
  c.rating_comment = "微网格员上门很及时，谢谢！";
  c.state = CaseState::kRated;
  c.created_at = t0;
  c.updated_at = t_rate;
  (void)rng;
  WEIGE_ASSIGN(c.id, store::insert_case(db, c));
  struct Step {
    Seconds at;
    const char* action;
    CaseState from, to;
    const char* role;
    Id person;
    const char* note;
    nlohmann::json data;
  };
  std::vector<Step> steps{
      {t0,
       "report",
       CaseState::kReported,
       CaseState::kReported,
       "police",
       officer,
       "警官工作室接待王婆婆来访",
       {{"channel", "walk_in"}}},
      {t0 + 300, "accept", CaseState::kReported, CaseState::kAccepted, "police", officer, "", {}},
      {t_dispatch,
       "dispatch",
       CaseState::kAccepted,
       CaseState::kDispatched,
       "police",
       officer,
       "派微网格员上门",
       {}},
      {t_start,
       "start",
       CaseState::kDispatched,
       CaseState::kInProgress,
       "micro_grid_worker",
       worker,
       "",
       {}},
      {t_start + 1200,
       "visit",
       CaseState::kInProgress,
       CaseState::kInProgress,
       "micro_grid_worker",
       worker,
       "上门宣传文明养犬",
       {{"publicity", "civilised_dog_keeping"}}},
      {t_session,
       "mediation_session",
       CaseState::kInProgress,
       CaseState::kInProgress,
       "micro_grid_worker",
       worker,
       "双方当面沟通，邻居致歉",
       {{"place", "警官工作室"}}},
      {t_session + 1800,
       "mediation",
       CaseState::kInProgress,
       CaseState::kInProgress,
       "micro_grid_worker",
       worker,
       "调解协议双方签字",
       {{"agreement_signed", true}}},
      {t_resolve,
       "resolve",
       CaseState::kInProgress,
       CaseState::kResolved,
       "micro_grid_worker",
       worker,
       "邻居道歉并承诺管好狗，双方签字确认",
       {}},
      {t_verify,
       "verify",
       CaseState::kResolved,
       CaseState::kVerified,
       "micro_grid_head",
       head,
       "回访：夜间已无犬吠",
       {}},
      {t_close, "close", CaseState::kVerified, CaseState::kClosed, "police", officer, "", {}},
      {t_rate,
       "rate",
       CaseState::kClosed,
       CaseState::kRated,
       "resident",
       grandma,
       "微网格员上门很及时，谢谢！",
       {{"rating", "satisfied"}}},
  };
  for (const auto& s : steps) {
    WEIGE_TRY(store::append_event(db, {0, c.id, s.at, s.action, s.from, s.to, s.role, s.person,
                                       s.note, s.data.is_null() ? "{}" : s.data.dump()})
                  .status());
  }
  store::Mediation m;
  m.case_id = c.id;
  m.mediator_person_id = worker;
  m.parties = nlohmann::json::array(
                  {{{"label", "王婆婆"}, {"person_id", grandma}, {"side", "complainant"}},
                   {{"label", "楼上邻居"}, {"person_id", neighbour}, {"side", "respondent"}}})
                  .dump();
  m.agreement = "楼上邻居向王婆婆道歉，承诺文明养犬、夜间不让狗吠叫；微网格员一周后回访。";
  m.signed_by = "[0,1]";
  m.signed_at = t_session + 1800;
  m.follow_up_at = t_session + 7 * 86400;
  m.follow_up_note = "一周后回访，王婆婆表示夜间安静了。";
  WEIGE_TRY(store::save_mediation(db, m));
  WEIGE_TRY(store::add_mediation_session(
                db, c.id,
                {0, t_session, "警官工作室",
                 "微网格员上门宣传文明养犬后，双方当面沟通；邻居致歉并承诺管好狗。"})
                .status());
  return c.id;
}

}  // namespace

nlohmann::json CaseHistorySummary::to_json() const {
  return {{"cases", cases},
          {"events", events},
          {"open", open},
          {"grandma_wang_case_id", grandma_wang_case_id}};
}

Result<CaseHistorySummary> generate_case_history(store::Db& db, const crypto::Vault& vault,
                                                 const CaseHistoryParams& params,
                                                 const ProgressFn& progress) {
  if (params.days < 1 || params.days > 3660) return Status::invalid("days is 1..3660");
  CaseHistorySummary sum;
  Status s = store::in_write_transaction(db, [&]() -> Status {
    WEIGE_ASSIGN(auto existing, db.scalar("SELECT count(*) FROM cases"));
    if (existing > 0) return Status::conflict("the database already holds cases");
    WEIGE_ASSIGN(HistoryWorld w, load_history_world(db));
    Rng rng(params.seed ^ 0x5eed0ca5e5ULL);
    WEIGE_TRY(sign_contracts(db, w, rng));
    WEIGE_ASSIGN(WorkCalendar cal, store::load_calendar(db));
    HistoryWriter writer(db, vault, w, rng, cal, params.end);
    WorkCalendar local({}, 480);
    Day last = local.local_day(params.end);
    for (int d = 0; d < params.days; ++d) {
      Day day = last - params.days + 1 + d;
      Seconds day_start = day * 86400 - 8 * 3600;
      double t = static_cast<double>(d) / static_cast<double>(params.days);
      bool weekend = weekday(day) >= 5;
      int huarun = params.huarun_per_day + rng.range(-8, 8) - (weekend ? 10 : 0);
      int others = params.others_per_day + rng.range(-4, 4) - (weekend ? 4 : 0);
      for (int i = 0; i < std::max(0, huarun); ++i)
        WEIGE_TRY(writer.write_case(day_start, t, true, sum));
      for (int i = 0; i < std::max(0, others); ++i)
        WEIGE_TRY(writer.write_case(day_start, t, false, sum));
      if (progress && (d % 7 == 6 || d + 1 == params.days)) {
        progress({"cases", static_cast<std::size_t>(d + 1), static_cast<std::size_t>(params.days)});
      }
    }
    WEIGE_ASSIGN(sum.grandma_wang_case_id, write_grandma_wang(db, vault, w, rng, cal, params.end));
    ++sum.cases;
    return {};
  });
  if (!s) return s;
  return sum;
}

}  // namespace weige::demo
