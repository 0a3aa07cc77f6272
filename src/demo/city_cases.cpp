#include "demo/city_cases.h"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "demo/rng.h"
#include "domain/work_calendar.h"
#include "store/bulk_load.h"
#include "store/case_store.h"

namespace weige::demo {
namespace {

using store::CaseEvent;
using store::CaseRecord;

constexpr Seconds kHour = 3600, kDay = 86400, kLocal = 8 * kHour;
constexpr std::int64_t kCasesPerTransaction = 200'000;

struct Unit {
  Id unit = 0, compound = 0, grid = 0, community = 0;
  Id first_person = 0;  // residents are first_person .. first_person + persons - 1
  std::int64_t persons = 0;
};
struct Site {
  Id place = 0, grid = 0, community = 0;
};

struct CityWorld {
  std::vector<Unit> units;
  std::vector<Site> sites;
  std::unordered_map<Id, std::vector<Id>> micro_workers;  // micro-grid -> head and workers
  std::unordered_map<Id, std::vector<Id>> grid_workers;   // community -> grid workers
  std::unordered_map<Id, Id> police, property_company;    // community -> officer, company
  std::unordered_map<Id, Id> property_staff;              // community -> one of its staff
  std::unordered_map<Id, std::string> names;              // compound or site -> name
  std::map<std::string, store::Category> categories;      // by code
};

Result<CityWorld> load_city_world(store::Db& db) {
  CityWorld w;
  std::unordered_map<Id, std::pair<Id, std::int64_t>> residents;  // unit -> first person, count
  WEIGE_TRY(db.query("SELECT h.parent_id, min(p.id), max(p.id), count(*) FROM persons p JOIN places h ON h.id = "
                     "p.household_id GROUP BY h.parent_id",
                     {}, [&](const store::Row& r) {
                       // Residents of a unit are written one after another; if not, take the first only.
                       bool contiguous = r.i64(2) - r.i64(1) + 1 == r.i64(3);
                       residents[r.i64(0)] = {r.i64(1), contiguous ? r.i64(3) : 1};
                     }));
  WEIGE_TRY(db.query("SELECT u.id, b.parent_id, u.grid_id, g.community_id FROM places u JOIN places b ON b.id = "
                     "u.parent_id JOIN grids g ON g.id = u.grid_id WHERE u.kind = 'unit' ORDER BY u.id",
                     {}, [&](const store::Row& r) {
                       Unit u{r.i64(0), r.i64(1), r.i64(2), r.i64(3), 0, 0};
                       if (auto it = residents.find(u.unit); it != residents.end()) {
                         u.first_person = it->second.first;
                         u.persons = it->second.second;
                       }
                       w.units.push_back(u);
                     }));
  WEIGE_TRY(db.query("SELECT p.id, p.grid_id, g.community_id, p.name FROM places p JOIN grids g ON g.id = p.grid_id "
                     "WHERE p.kind IN ('office_tower','mall','shop_street') ORDER BY p.id",
                     {}, [&](const store::Row& r) {
                       w.sites.push_back({r.i64(0), r.i64(1), r.i64(2)});
                       w.names[r.i64(0)] = r.text(3);
                     }));
  WEIGE_TRY(db.query("SELECT id, name FROM places WHERE kind = 'compound'", {},
                     [&](const store::Row& r) { w.names[r.i64(0)] = r.text(1); }));
  WEIGE_TRY(db.query("SELECT a.grid_id, a.person_id, a.role, g.community_id FROM assignments a JOIN grids g ON g.id "
                     "= a.grid_id ORDER BY a.id",
                     {}, [&](const store::Row& r) {
                       std::string role = r.text(2);
                       if (role == "micro_grid_head" || role == "micro_grid_worker") {
                         w.micro_workers[r.i64(0)].push_back(r.i64(1));
                       } else if (role == "grid_worker") {
                         w.grid_workers[r.i64(3)].push_back(r.i64(1));
                       } else if (role == "police") {
                         w.police[r.i64(3)] = r.i64(1);
                       } else if (role == "property_staff") {
                         w.property_staff[r.i64(3)] = r.i64(1);
                       }
                     }));
  WEIGE_TRY(db.query("SELECT id, community_id FROM organisations WHERE kind = 'property_company' AND community_id "
                     "IS NOT NULL ORDER BY id",
                     {}, [&](const store::Row& r) { w.property_company.emplace(r.i64(1), r.i64(0)); }));
  WEIGE_ASSIGN(auto cats, store::list_categories(db));
  for (auto& c : cats) w.categories[c.code] = c;
  if (w.units.empty() || w.grid_workers.empty()) {
    return Status::invalid("case generation needs a generated map with units and grid workers (run weige city)");
  }
  return w;
}

// The mix of matters at homes and at business sites (category codes, weights).
const std::vector<std::pair<std::string, int>> kHomeMix{
    {"dispute.neighbour", 6},      {"dispute.pets", 7},     {"dispute.noise", 8},       {"environment.sanitation", 9},
    {"order.parking", 8},          {"order.thrown_objects", 2}, {"order.illegal_construction", 2},
    {"facilities.public", 7},      {"property.lift", 6},    {"property.leak", 7},       {"property.cleaning", 6},
    {"property.greenery", 3},      {"property.security", 4}, {"safety.fire_exit", 4},   {"safety.ebike_charging", 5},
    {"care.elderly", 5},           {"care.disabled", 2},    {"enquiry.policy", 6},      {"suggestion.general", 3},
    {"praise.general", 2}};
const std::vector<std::pair<std::string, int>> kSiteMix{
    {"environment.fumes", 30}, {"order.street_vending", 20}, {"order.parking", 20},
    {"environment.sanitation", 15}, {"facilities.public", 10}, {"dispute.noise", 5}};
// Beijing's 12345 took about a third of all requests; the rest through the net.
const std::vector<std::pair<Channel, int>> kChannels{{Channel::kHotline, 34},        {Channel::kOnline, 20},
                                                     {Channel::kMicroGridWorker, 18}, {Channel::kWalkIn, 10},
                                                     {Channel::kChatGroup, 10},       {Channel::kPatrol, 8}};

// Descriptions: {p} the compound or site, {b} building, {u} unit, {f} floor, {t} a time of day.
const std::map<std::string, std::vector<std::string>> kTemplates{
    {"dispute.neighbour", {"{p}{b}栋{u}单元住户反映与邻居因公共区域使用发生矛盾，请求调解",
                           "{p}居民反映楼上邻居装修占用楼道，双方争执不下"}},
    {"dispute.pets", {"{p}{b}栋{u}单元{f}楼住户反映楼上邻居家的狗{t}一直叫，影响休息",
                      "{p}有居民遛狗不牵绳，小孩被吓到，请求加强文明养犬宣传"}},
    {"dispute.noise", {"{p}{b}栋{f}楼{t}有噪音扰民，居民多次沟通无果", "{p}楼下商铺音响声音太大，{t}影响居民休息"}},
    {"environment.fumes", {"{p}商铺油烟直排，居民家里全是油烟味", "{p}烧烤店{t}油烟异味很重，请求加装油烟净化器"}},
    {"environment.sanitation", {"{p}{b}栋旁垃圾桶满了没人清运，有异味", "{p}绿化带里堆满建筑垃圾，请求清理"}},
    {"order.thrown_objects", {"{p}{b}栋有人高空抛物，楼下车辆被砸", "{p}{b}栋{t}有人往楼下扔垃圾袋，存在安全隐患"}},
    {"order.illegal_construction", {"{p}{b}栋顶楼有住户违章搭建阳光房", "{p}一楼住户私自扩建院子，占用公共绿地"}},
    {"order.street_vending", {"{p}门口有流动摊贩占道经营，影响通行", "{p}路口早市占道，{t}车辆和行人都过不去"}},
    {"order.parking", {"{p}{b}栋门口机动车乱停乱放，挡住了出入口", "{p}人行道上停满了车，老人推轮椅过不去"}},
    {"facilities.public", {"{p}{b}栋旁的路灯坏了，晚上很黑", "{p}健身器材损坏，存在安全隐患"}},
    {"property.lift", {"{p}{b}栋{u}单元电梯故障停运，老人上下楼困难", "{p}{b}栋电梯{t}经常停在半层，有居民被困"}},
    {"property.leak", {"{p}{b}栋{f}楼楼上漏水，天花板渗水发霉", "{p}{b}栋地下车库渗水严重"}},
    {"property.cleaning", {"{p}{b}栋{u}单元楼道很久没打扫了", "{p}楼道里堆放杂物，保洁不及时"}},
    {"property.greenery", {"{p}树木太高挡住采光，请求修剪", "{p}草坪长期无人养护，杂草丛生"}},
    {"property.security", {"{p}门禁坏了，外来人员随意进出", "{p}{b}栋单元门锁损坏，存在安全隐患"}},
    {"safety.fire_exit", {"{p}{b}栋楼道堆放杂物堵塞消防通道", "{p}消防通道被车辆长期占用"}},
    {"safety.ebike_charging", {"{p}{b}栋{u}单元有人把电动车推进楼道充电", "{p}有住户从{f}楼飞线给电动车充电"}},
    {"care.elderly", {"{p}{b}栋独居老人{t}需要帮忙买药", "{p}高龄老人行动不便，请求上门帮办社保认证"}},
    {"care.disabled", {"{p}残疾居民申请无障碍改造", "{p}{b}栋残疾人家庭需要帮扶"}},
    {"enquiry.policy", {"居民咨询{p}老旧小区改造政策", "居民咨询医保缴费和异地就医备案办理"}},
    {"suggestion.general", {"建议{p}增设电动车集中充电桩", "建议在{p}增加休息座椅"}},
    {"praise.general", {"感谢{p}微网格员及时帮忙解决问题", "表扬{p}物业保洁阿姨认真负责"}}};
const std::vector<std::string> kTimes{"晚上", "凌晨", "每天早上", "周末", "中午"};

std::string fill(const std::string& tpl, const std::string& place, Rng& rng) {
  std::string out;
  out.reserve(tpl.size() + place.size() + 16);
  for (std::size_t i = 0; i < tpl.size(); ++i) {
    if (tpl[i] != '{' || i + 2 >= tpl.size() || tpl[i + 2] != '}') {
      out += tpl[i];
      continue;
    }
    switch (tpl[i + 1]) {
      case 'p': out += place; break;
      case 'b': out += std::to_string(rng.range(1, 30)); break;
      case 'u': out += std::to_string(rng.range(1, 4)); break;
      case 'f': out += std::to_string(rng.range(2, 33)); break;
      default: out += rng.pick(kTimes); break;
    }
    i += 2;
  }
  return out;
}

const char* actor_role(HandlerKind h) {
  switch (h) {
    case HandlerKind::kMicroGrid: return "micro_grid_worker";
    case HandlerKind::kPropertyCompany: return "property_staff";
    case HandlerKind::kPolice: return "police";
    case HandlerKind::kCommunity: return "grid_worker";
    default: return "subdistrict_staff";
  }
}

const char* action_into(CaseState s) {
  switch (s) {
    case CaseState::kAccepted: return "accept";
    case CaseState::kRejected: return "reject";
    case CaseState::kDispatched: return "dispatch";
    case CaseState::kInProgress: return "start";
    case CaseState::kResolved: return "resolve";
    case CaseState::kVerified: return "verify";
    case CaseState::kClosed: return "close";
    case CaseState::kRated: return "rate";
    default: return "report";
  }
}

class CaseMaker {
 public:
  CaseMaker(store::Db& db, const crypto::Vault& vault, const CityWorld& w, const WorkCalendar& cal, Seconds end,
            std::uint64_t seed)
      : db_(db), vault_(vault), w_(w), cal_(cal), end_(end), rng_(seed) {}

  Status write(Seconds day_start, CityCaseSummary& sum) {
    CaseRecord c;
    Id desk = 0;
    place(c);
    const store::Category& cat = w_.categories.at(category_);
    c.tracking_token = crypto::random_token();
    c.category_id = cat.id;
    c.level = cat.level;
    c.needs_verification = cat.needs_verification;
    c.description = fill(rng_.pick(kTemplates.at(cat.code)), place_name_, rng_);
    c.channel = rng_.weighted(kChannels);
    c.created_at = day_start + span(7 * kHour, 22 * kHour);
    if (c.created_at > end_) c.created_at = end_ - span(60, 3600);  // nothing from the future
    reporter(c);
    route(c, cat);
    const auto& desks = w_.grid_workers.at(w_.grid_workers.count(*c.community_id) ? *c.community_id
                                                                                  : w_.grid_workers.begin()->first);
    desk = rng_.pick(desks);

    // The history: each step's time, the state reached, stopping at end_.
    std::vector<std::pair<Seconds, CaseState>> steps{{c.created_at, CaseState::kReported}};
    c.accept_due_at = cal_.add_working_hours(c.created_at, cat.accept_hours);
    Seconds t = rng_.chance(95) ? between(c.created_at, *c.accept_due_at) : *c.accept_due_at + span(600, 4 * kHour);
    c.responded_at = t;
    if (rng_.chance(2)) {
      steps.push_back({t, CaseState::kRejected});
    } else {
      steps.push_back({t, CaseState::kAccepted});
      t += span(300, 2 * kHour);
      steps.push_back({t, CaseState::kDispatched});
      c.resolve_due_at = cal_.add_working_hours(t, cat.resolve_hours);
      t += span(300, 3 * kHour);
      steps.push_back({t, CaseState::kInProgress});
      if (!rng_.chance(1)) {  // the rest stay stuck, and become overdue
        t = rng_.chance(90) && *c.resolve_due_at > t ? between(t, *c.resolve_due_at)
                                                     : std::max(t, *c.resolve_due_at) + span(kHour, 2 * kDay);
        c.first_resolved_at = t;
        steps.push_back({t, CaseState::kResolved});
        if (c.needs_verification) {
          t += span(kHour, 8 * kHour);
          steps.push_back({t, CaseState::kVerified});
        }
        t += span(600, 4 * kHour);
        steps.push_back({t, CaseState::kClosed});
        if (c.channel != Channel::kPatrol && rng_.chance(65)) {
          t += span(1800, kDay);
          steps.push_back({t, CaseState::kRated});
          int r = rng_.range(0, 99);
          rating_ = r < 85 ? Rating::kSatisfied : r < 96 ? Rating::kBasicallySatisfied : Rating::kUnsatisfied;
        }
      }
    }
    std::size_t reached = 0;
    while (reached + 1 < steps.size() && steps[reached + 1].first <= end_) ++reached;
    settle(c, cat, steps, reached);
    c.state = steps[reached].second;
    c.updated_at = steps[reached].first;
    WEIGE_ASSIGN(c.id, store::insert_case(db_, c));

    CaseEvent e;
    e.case_id = c.id;
    e.at = c.created_at;
    e.action = "report";
    e.to_state = CaseState::kReported;
    e.actor_role = c.channel == Channel::kHotline || c.channel == Channel::kWalkIn ? "grid_worker" : "resident";
    e.actor_person_id = e.actor_role == "resident" ? c.reporter_person_id : std::optional<Id>(desk);
    e.data = std::string("{\"channel\":\"") + std::string(to_string(c.channel)) + "\"}";
    WEIGE_TRY(store::append_event(db_, e).status());
    sum.events += 1;
    if (reached > 0) {
      e.at = steps[reached].first;
      e.action = action_into(c.state);
      e.from_state = steps[reached - 1].second;
      e.to_state = c.state;
      bool handler_step = c.state == CaseState::kInProgress || c.state == CaseState::kResolved;
      e.actor_role = c.state == CaseState::kRated ? "resident" : handler_step ? actor_role(c.handler) : "grid_worker";
      e.actor_person_id = c.state == CaseState::kRated ? c.reporter_person_id
                          : handler_step             ? c.handler_person_id
                                                     : std::optional<Id>(desk);
      e.data = c.rating && c.state == CaseState::kRated
                   ? std::string("{\"rating\":\"") + std::string(to_string(*c.rating)) + "\"}"
                   : "{}";
      WEIGE_TRY(store::append_event(db_, e).status());
      sum.events += 1;
    }
    ++sum.cases;
    sum.hotline += c.channel == Channel::kHotline;
    if (is_open(c.state)) {
      ++sum.open;
      sum.overdue += c.stage_due_at && *c.stage_due_at < end_;
    }
    return {};
  }

 private:
  Seconds between(Seconds a, Seconds b) { return a + (b - a) * rng_.range(10, 95) / 100; }
  Seconds span(Seconds lo, Seconds hi) { return rng_.range(lo, hi); }

  // Where: a unit of a compound (most), or an office tower, mall or shop street.
  void place(CaseRecord& c) {
    if (!w_.sites.empty() && rng_.chance(8)) {
      const Site& s = rng_.pick(w_.sites);
      c.place_id = c.compound_id = s.place;
      c.grid_id = s.grid;
      c.community_id = s.community;
      category_ = rng_.weighted(kSiteMix);
      unit_ = nullptr;
    } else {
      unit_ = &rng_.pick(w_.units);
      c.place_id = unit_->unit;
      c.compound_id = unit_->compound;
      c.grid_id = unit_->grid;
      c.community_id = unit_->community;
      category_ = rng_.weighted(kHomeMix);
    }
    auto it = w_.names.find(*c.compound_id);
    place_name_ = it == w_.names.end() ? std::string("小区") : it->second;
  }

  // The reporter, sealed as intake seals: a resident of the unit, or a caller
  // known only by a (sealed, blind-indexed) phone number; some anonymous.
  void reporter(CaseRecord& c) {
    std::string name, phone;
    if (c.channel == Channel::kHotline || c.channel == Channel::kOnline) {
      phone = "1" + std::to_string(rng_.range(std::int64_t{3'000'000'000}, std::int64_t{9'999'999'999}));
      c.anonymous = rng_.chance(5);
    }
    if (unit_ && unit_->persons > 0 && c.channel != Channel::kPatrol && !c.anonymous) {
      c.reporter_person_id = unit_->first_person + rng_.range(std::int64_t{0}, unit_->persons - 1);
    }
    if (c.channel == Channel::kPatrol) c.reporter_person_id.reset();
    c.reporter_name_sealed = vault_.seal(name);
    c.reporter_phone_sealed = vault_.seal(phone);
    if (!phone.empty()) c.reporter_phone_index = vault_.blind_index("phone:" + phone);
  }

  // Who handles it: the category's path; small matters often taken over by
  // the micro-grid, some big ones by the community, a few escalated.
  void route(CaseRecord& c, const store::Category& cat) {
    Id community = *c.community_id;
    HandlerKind h = cat.path;
    if (h == HandlerKind::kPropertyCompany && !w_.property_company.count(community)) h = HandlerKind::kCommunity;
    if (h == HandlerKind::kCommunity && rng_.chance(35)) h = HandlerKind::kMicroGrid;
    if (h == HandlerKind::kSubdistrict && rng_.chance(20)) h = HandlerKind::kCommunity;
    if (rng_.chance(4)) {
      if (auto up = escalated(h)) {
        h = *up;
        c.escalation_count = 1;
      }
    }
    c.handler = h;
    c.joint_with_community = h == HandlerKind::kPropertyCompany;
    if (h == HandlerKind::kPropertyCompany) c.handler_org_id = w_.property_company.at(community);
    c.routing_explanation = std::string(to_string(h)) + ": generated (" + cat.code + ")";
    std::optional<Id> person;
    if (h == HandlerKind::kMicroGrid) {
      if (auto it = w_.micro_workers.find(*c.grid_id); it != w_.micro_workers.end()) person = rng_.pick(it->second);
    } else if (h == HandlerKind::kPolice) {
      if (auto it = w_.police.find(community); it != w_.police.end()) person = it->second;
    } else if (h == HandlerKind::kPropertyCompany) {
      if (auto it = w_.property_staff.find(community); it != w_.property_staff.end()) person = it->second;
    } else if (auto it = w_.grid_workers.find(community); it != w_.grid_workers.end()) {
      person = rng_.pick(it->second);
    }
    handler_person_ = person;
  }

  // The fields of the state reached: who holds it, the stage and its deadline,
  // the settled level and rating once finished.
  void settle(CaseRecord& c, const store::Category& cat, const std::vector<std::pair<Seconds, CaseState>>& steps,
              std::size_t reached) {
    CaseState s = steps[reached].second;
    Seconds at = steps[reached].first;
    if (reached == 0) c.responded_at.reset();
    if (s != CaseState::kRated) rating_.reset();
    c.rating = rating_;
    rating_.reset();
    bool dispatched = s != CaseState::kReported && s != CaseState::kAccepted && s != CaseState::kRejected;
    if (dispatched) c.handler_person_id = handler_person_;
    bool resolved = s == CaseState::kResolved || s == CaseState::kVerified || s == CaseState::kClosed ||
                    s == CaseState::kRated;
    if (!resolved) {
      c.first_resolved_at.reset();
      if (!dispatched) c.resolve_due_at.reset();
    } else {
      c.resolved_at = c.first_resolved_at;
      c.resolver_person_id = c.handler_person_id;
    }
    if (is_finished(s)) {
      c.settled_level = level_of(c.handler);
      c.closed_at = s == CaseState::kRated ? steps[reached - 1].first : at;
    }
    if (s == CaseState::kRejected) c.closed_at = at;
    double hours = 0;
    if (s == CaseState::kReported) {
      c.stage = "accept";
      hours = cat.accept_hours;
    } else if (s == CaseState::kAccepted) {
      c.stage = "dispatch";
      hours = cat.dispatch_hours;
    } else if (s == CaseState::kDispatched || s == CaseState::kInProgress) {
      c.stage = "resolve";
    } else if (s == CaseState::kResolved && c.needs_verification) {
      c.stage = "verify";
      hours = cat.verify_hours;
    } else {
      return;
    }
    Seconds from = c.stage == "resolve" ? steps[2].first : at;
    c.stage_started_at = from;
    c.stage_due_at = c.stage == "resolve" ? *c.resolve_due_at : cal_.add_working_hours(from, hours);
    c.stage_warn_at = from + (*c.stage_due_at - from) * 3 / 4;
  }

  store::Db& db_;
  const crypto::Vault& vault_;
  const CityWorld& w_;
  const WorkCalendar& cal_;
  Seconds end_;
  Rng rng_;
  const Unit* unit_ = nullptr;
  std::string category_, place_name_;
  std::optional<Id> handler_person_;
  std::optional<Rating> rating_;
};

}  // namespace

nlohmann::json CityCaseSummary::to_json() const {
  return {{"cases", cases}, {"events", events}, {"open", open}, {"overdue", overdue}, {"hotline", hotline}};
}

Result<CityCaseSummary> generate_city_cases(store::Db& db, const crypto::Vault& vault, const CityCaseParams& params,
                                            const ProgressFn& progress) {
  if (params.cases_per_day < 1 || params.cases_per_day > 1'000'000) {
    return Status::invalid("cases_per_day is 1-1000000");
  }
  if (params.days < 1 || params.days > 3660) return Status::invalid("days is 1-3660");
  WEIGE_ASSIGN(auto existing, db.scalar("SELECT count(*) FROM cases"));
  if (existing > 0) return Status::conflict("the database already holds " + std::to_string(existing) + " cases");
  WEIGE_ASSIGN(CityWorld w, load_city_world(db));
  WEIGE_ASSIGN(WorkCalendar cal, store::load_calendar(db));

  // How many cases each day gets: 85%-115% of the rate, weekends 80% of that.
  Rng counts(derive_seed(params.seed, 0xCA5E));
  const Day last = (params.end + kLocal) / kDay;
  std::vector<std::int64_t> per_day;
  std::size_t total = 0;
  for (int d = 0; d < params.days; ++d) {
    Day day = last - params.days + 1 + d;
    std::int64_t n = std::int64_t{params.cases_per_day} * counts.range(85, 115) / 100;
    if (weekday(day) >= 5) n = n * 80 / 100;
    per_day.push_back(n);
    total += static_cast<std::size_t>(n);
  }

  // The load runs without the secondary indexes of cases and events and
  // without the search and rollup triggers; all are built once at the end
  // (a sort per index instead of a random insert per row). Only the cases
  // are written in batches; should one fail, the schema is still restored.
  // Every id a case refers to comes from the map just read, so foreign keys
  // are not checked row by row: at the city tier those checks are random
  // reads into tens of millions of persons and places (CliCityTest runs the
  // full foreign_key_check on the output instead). The setting cannot change
  // inside a transaction; it is restored when the load ends.
  WEIGE_ASSIGN(auto fk_on, db.scalar("PRAGMA foreign_keys"));
  if (fk_on) WEIGE_TRY(db.exec_script("PRAGMA foreign_keys=OFF"));
  struct RestoreForeignKeys {
    store::Db& db;
    bool on;
    ~RestoreForeignKeys() {
      if (on) (void)db.exec_script("PRAGMA foreign_keys=ON");
    }
  } restore_fk{db, fk_on != 0};

  store::DeferredSchema deferred;
  WEIGE_TRY(store::in_write_transaction(db, [&]() -> Status {
    WEIGE_ASSIGN(deferred, store::DeferredSchema::set_aside(db, {"cases", "case_events"},
                                                            {"cases_fts_insert", "case_rollup_insert"}));
    return {};
  }));
  auto restore = [&]() -> Status {
    std::size_t steps = deferred.size() + 1, step = 0;
    return store::in_write_transaction(db, [&]() -> Status {
      WEIGE_TRY(deferred.restore(db, [&](const std::string&) {
        if (progress) progress({"case indexes", step++, steps});
      }));
      WEIGE_TRY(store::rebuild_case_derivatives(db));
      if (progress) progress({"case indexes", steps, steps});
      return {};
    });
  };

  CityCaseSummary sum;
  CaseMaker maker(db, vault, w, cal, params.end, derive_seed(params.seed, 0xC17C));
  std::size_t done = 0, reported = 0;
  if (progress) progress({"cases", 0, total});
  int d = 0;
  while (d < params.days) {
    Status batch = store::in_write_transaction(db, [&]() -> Status {
      std::int64_t in_batch = 0;
      for (; d < params.days && in_batch < kCasesPerTransaction; ++d) {
        Seconds day_start = (last - params.days + 1 + d) * kDay - kLocal;
        for (std::int64_t i = 0; i < per_day[static_cast<std::size_t>(d)]; ++i) {
          WEIGE_TRY(maker.write(day_start, sum));
          ++done;
          if (progress && done - reported >= std::max<std::size_t>(1, total / 200)) {
            reported = done;
            progress({"cases", done, total});
          }
        }
        in_batch += per_day[static_cast<std::size_t>(d)];
      }
      return {};
    });
    if (!batch) {
      (void)restore();
      return batch;
    }
  }
  if (progress && reported != done) progress({"cases", done, total});
  WEIGE_TRY(restore());
  return sum;
}

}  // namespace weige::demo
