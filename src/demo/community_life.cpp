#include "demo/community_life.h"

#include "service/case_service.h"
#include "store/case_store.h"
#include "store/convention_store.h"
#include "store/deliberation_store.h"
#include "store/map_store.h"
#include "store/notice_store.h"
#include "store/patrol_store.h"
#include "store/people_store.h"
#include "store/visit_store.h"

namespace weige::demo {
namespace {

constexpr Seconds kDay = 86400;

// The people and places the demo's community life happens among.
struct Cast {
  Id community = 0, general_grid = 0;
  Id huarun = 0, huarun_grid = 0, huarun_micro = 0;
  std::vector<Id> huarun_buildings;  // the first ones, by id
  Id shop_street = 0, shop_grid = 0, mall = 0;
  Id zhang = 0;        // the demo's first resident micro-grid worker (the volunteer account)
  Id head = 0;         // the head of Huarun's first micro-grid, who links its households
  Id grid_worker = 0;  // Huarun's grid worker
  Id property_staff = 0, property_company = 0, alliance = 0;
  std::vector<Id> micro_households;  // households of Huarun's first micro-grid
  std::optional<Id> grandma, grandma_household, grandma_grid, grandma_case;
};

Result<Id> one(store::Db& db, const std::string& sql, const store::Params& params,
               const char* what) {
  WEIGE_ASSIGN(auto r, db.row(sql, params));
  if (!r || r->is_null(0)) return Status::invalid(std::string("the demo map has no ") + what);
  return r->i64(0);
}

Result<Cast> find_cast(store::Db& db) {
  Cast c;
  WEIGE_ASSIGN(c.huarun,
               one(db, "SELECT id FROM places WHERE kind = 'compound' AND name = '华润六期锦云府'",
                   {}, "Huarun compound"));
  WEIGE_ASSIGN(Place huarun, store::get_place(db, c.huarun));
  c.community = huarun.community_id.value_or(0);
  c.huarun_grid = huarun.grid_id.value_or(0);
  WEIGE_ASSIGN(auto general, store::general_grid_of(db, c.community));
  if (!general) return Status::invalid("the demo community has no general grid");
  c.general_grid = general->id;
  WEIGE_TRY(db.query(
      "SELECT id FROM places WHERE parent_id = ? AND kind = 'building' ORDER BY id LIMIT 3",
      {c.huarun}, [&](const store::Row& r) { c.huarun_buildings.push_back(r.i64(0)); }));
  WEIGE_ASSIGN(c.huarun_micro,
               one(db,
                   "SELECT u.grid_id FROM places u JOIN places b ON b.id = u.parent_id WHERE "
                   "b.parent_id = ? AND u.kind = 'unit' ORDER BY u.id LIMIT 1",
                   {c.huarun}, "Huarun unit"));
  WEIGE_ASSIGN(c.shop_street,
               one(db, "SELECT id FROM places WHERE kind = 'shop_street' ORDER BY id LIMIT 1", {},
                   "shop street"));
  WEIGE_ASSIGN(c.shop_grid, one(db, "SELECT grid_id FROM places WHERE id = ?", {c.shop_street},
                                "shop street grid"));
  WEIGE_ASSIGN(
      c.mall, one(db, "SELECT id FROM places WHERE kind = 'mall' ORDER BY id LIMIT 1", {}, "mall"));
  WEIGE_ASSIGN(
      c.zhang,
      one(db,
          "SELECT person_id FROM assignments WHERE role = 'micro_grid_worker' AND person_id NOT IN "
          "(SELECT person_id FROM assignments WHERE role = 'property_staff') ORDER BY id LIMIT 1",
          {}, "micro-grid worker"));
  WEIGE_ASSIGN(
      c.head,
      one(db,
          "SELECT from_person_id FROM links WHERE tier = 3 AND to_household_id IN (SELECT id FROM "
          "places WHERE kind = 'household' AND grid_id = ?) ORDER BY id LIMIT 1",
          {c.huarun_micro}, "linking party member"));
  WEIGE_ASSIGN(c.grid_worker, one(db,
                                  "SELECT person_id FROM assignments WHERE role = 'grid_worker' "
                                  "AND grid_id = ? ORDER BY id LIMIT 1",
                                  {c.huarun_grid}, "grid worker"));
  WEIGE_ASSIGN(
      c.property_staff,
      one(db, "SELECT person_id FROM assignments WHERE role = 'property_staff' ORDER BY id LIMIT 1",
          {}, "property staff"));
  WEIGE_ASSIGN(
      c.property_company,
      one(db,
          "SELECT id FROM organisations WHERE kind = 'property_company' AND name LIKE '华润%' "
          "ORDER BY id LIMIT 1",
          {}, "property company"));
  WEIGE_ASSIGN(c.alliance,
               one(db, "SELECT id FROM organisations WHERE kind = 'alliance' AND community_id = ?",
                   {c.community}, "alliance"));
  WEIGE_TRY(
      db.query("SELECT to_household_id FROM links WHERE tier = 3 AND from_person_id = ? ORDER BY "
               "to_household_id",
               {c.head}, [&](const store::Row& r) { c.micro_households.push_back(r.i64(0)); }));
  WEIGE_ASSIGN(auto wang,
               db.row("SELECT c.id, c.reporter_person_id, c.place_id, c.grid_id FROM cases c WHERE "
                      "c.description LIKE '王婆婆%' ORDER BY c.id LIMIT 1"));
  if (wang) {
    c.grandma_case = wang->i64(0);
    c.grandma = wang->opt_i64(1);
    c.grandma_household = wang->opt_i64(2);
    c.grandma_grid = wang->opt_i64(3);
  }
  if (c.micro_households.size() < 8 || c.huarun_buildings.empty())
    return Status::invalid("Huarun's first micro-grid is too small");
  return c;
}

// The day `days_ago` before `end`, at `hour` local time.
Seconds at(Seconds end, int days_ago, int hour) {
  Seconds local_midnight = ((end + 8 * 3600) / kDay) * kDay - 8 * 3600;
  return local_midnight - days_ago * kDay + hour * 3600;
}

class LifeWriter {
 public:
  LifeWriter(store::Db& db, const crypto::Vault& vault, const Cast& c, Seconds end,
             CommunityLifeSummary& sum)
      : db_(db), vault_(vault), c_(c), end_(end), sum_(sum) {}

  Status patrols() {
    RoutingRule rule;
    rule.priority = 80;
    rule.category_id = category("environment.fumes");
    rule.grid_id = c_.shop_grid;
    rule.handler = HandlerKind::kCommunity;
    rule.organisation_id = c_.alliance;
    rule.note = "商街油烟由社商居联盟协调商户";
    WEIGE_TRY(store::insert_routing_rule(db_, rule).status());
    std::vector<store::Participant> who{{c_.zhang, ParticipantKind::kVolunteer},
                                        {c_.grid_worker, ParticipantKind::kGridWorker},
                                        {c_.property_staff, ParticipantKind::kPropertyStaff}};
    store::PatrolPlan plan;
    plan.grid_id = c_.huarun_grid;
    plan.name = "华润六期锦云府每月联合巡查";
    plan.route = {c_.huarun, c_.shop_street, c_.mall};
    plan.route.insert(plan.route.end(), c_.huarun_buildings.begin(), c_.huarun_buildings.end());
    plan.participants = who;
    plan.created_at = at(end_, 60, 9);
    WEIGE_ASSIGN(plan.id, store::insert_patrol_plan(db_, plan));
    ++sum_.patrol_plans;
    // Last month's patrol: the compound, the shop street and the first building.
    Window last = month_of(month_of(end_).from - 1);
    Seconds t = last.from + 27 * kDay + 9 * 3600;
    store::Patrol p{0,
                    plan.id,
                    plan.grid_id,
                    t,
                    t + 2 * 3600,
                    "每月例行巡查：红背心志愿者与社区、物业一起走小区和润街",
                    c_.zhang,
                    t,
                    who};
    WEIGE_ASSIGN(p.id, store::insert_patrol(db_, p));
    ++sum_.patrols;
    for (Id place : {c_.huarun, c_.shop_street, c_.huarun_buildings.front()}) {
      WEIGE_TRY(store::insert_checkin(db_, {0, p.id, place, t + 1800, ""}).status());
    }
    store::Observation fumes{0,
                             p.id,
                             c_.shop_street,
                             "润街前段时间的油烟味有点浓",
                             "建议与社商居联盟进行沟通，后续增加二次油烟净化器",
                             ObservationOutcome::kOpen,
                             std::nullopt,
                             std::nullopt,
                             t + 3600};
    store::Observation cars{0,
                            p.id,
                            c_.huarun,
                            "小区外围马路车辆乱停乱放",
                            "建议加强整治",
                            ObservationOutcome::kSuggestion,
                            std::nullopt,
                            t + 2 * 3600,
                            t + 3600};
    WEIGE_ASSIGN(fumes.id, store::insert_observation(db_, fumes));
    WEIGE_TRY(store::insert_observation(db_, cars).status());
    // The fumes become a case, taken in and routed like any other.
    service::CaseService cases(db_, vault_, [t] { return t + 2 * 3600; });
    service::IntakeInput in;
    in.channel = Channel::kPatrol;
    in.category_id = category("environment.fumes");
    in.description = fumes.text + "\n" + fumes.suggestion;
    in.place_id = c_.shop_street;
    in.reporter_person_id = c_.zhang;
    WEIGE_ASSIGN(auto created, cases.intake(in, {Role::kMicroGridWorker, c_.zhang}));
    fumes.outcome = ObservationOutcome::kCase;
    fumes.case_id = created.view.record.id;
    fumes.decided_at = t + 2 * 3600;
    return store::update_observation(db_, fumes);
  }

  Status visits_and_care() {
    const auto& hh = c_.micro_households;
    struct V {
      std::size_t household;
      int days_ago;
      VisitForm form;
      const char* learnt;
    };
    const V visits[] = {
        {0, 5, VisitForm::kDoorToDoor, "老人身体不错，关心高龄补贴办理"},
        {1, 12, VisitForm::kCourtyardMeeting, "坝坝会上提出楼道灯不亮"},
        {2, 20, VisitForm::kChatGroup, "群里反映快递堆放在单元门口"},
        {3, 33, VisitForm::kDoorToDoor, "租户新搬来，已加入楼栋群"},
        {4, 45, VisitForm::kDoorToDoor, "独居老人，子女在外地，需定期探望"},
        {5, 100, VisitForm::kDoorToDoor, "上季度走访：家中一切正常"},
    };
    for (const V& v : visits) {
      WEIGE_ASSIGN(auto chain, store::links_of_household(db_, hh[v.household]));
      store::Visit x{0,
                     hh[v.household],
                     c_.huarun_micro,
                     c_.head,
                     chain.empty() ? std::nullopt : std::optional<Id>(chain.front().id),
                     at(end_, v.days_ago, 15),
                     v.form,
                     v.learnt,
                     std::nullopt,
                     std::nullopt,
                     at(end_, v.days_ago, 18)};
      WEIGE_TRY(store::insert_visit(db_, x).status());
      ++sum_.visits;
    }
    Seconds tagged = at(end_, 90, 9);
    WEIGE_TRY(store::replace_care(db_, hh[4],
                                  {{hh[4], CareTag::kElderlyAlone, 7, tagged, "子女在外地"}}));
    WEIGE_TRY(store::replace_care(db_, hh[6],
                                  {{hh[6], CareTag::kDisabled, 30, tagged, "行动不便，住高层"}}));
    return store::replace_care(db_, hh[0], {{hh[0], CareTag::kLowIncome, 30, tagged, ""}});
  }

  Status convention() {
    store::Convention conv{0,
                           c_.huarun,
                           c_.huarun_grid,
                           "convention",
                           "华润六期锦云府居民公约",
                           std::nullopt,
                           at(end_, 120, 10)};
    WEIGE_ASSIGN(conv.id, store::insert_convention(db_, conv));
    store::ConventionVersion v;
    v.convention_id = conv.id;
    v.state = VersionState::kAdopted;
    v.sections = {{"1", "总则", "邻里守望、互帮互助，共建共治共享美好家园。"},
                  {"2", "文明养犬", "出门牵绳、及时清理，夜间十点后不让犬只吠叫扰民。"},
                  {"3", "电动车", "电动车不进楼道、不飞线充电，统一在充电棚充电。"},
                  {"4", "环境卫生", "垃圾分类投放，楼道不堆放杂物。"}};
    v.note = "居民、租户、志愿者和物业共同起草";
    v.created_at = at(end_, 120, 10);
    v.decided_at = at(end_, 90, 20);
    WEIGE_ASSIGN(auto households, store::households_below_place(db_, c_.huarun));
    v.eligible_households = static_cast<int>(households.size());
    WEIGE_ASSIGN(v.id, store::insert_version(db_, v));
    // Two thirds of the households voted, most of them for; a third of them signed on since.
    for (std::size_t i = 0; i < households.size(); ++i) {
      if (i % 3 == 2) continue;
      Ballot b = i % 10 == 0 ? Ballot::kAgainst : i % 10 == 4 ? Ballot::kAbstain : Ballot::kFor;
      WEIGE_TRY(store::insert_vote(db_, {0, store::kVersionSubject, v.id, households[i],
                                         std::nullopt, b, at(end_, 92, 19)})
                    .status());
      if (i % 3 == 0) {
        WEIGE_TRY(store::insert_signon(db_, v.id, households[i], std::nullopt,
                                       at(end_, 80 - static_cast<int>(i % 60), 19)));
        ++sum_.signons;
      }
    }
    conv.current_version_id = v.id;
    WEIGE_TRY(store::update_convention(db_, conv));
    ++sum_.conventions;
    store::Convention declaration{0,
                                  c_.huarun,
                                  c_.huarun_grid,
                                  "happiness_declaration",
                                  "华润六期锦云府幸福宣言",
                                  std::nullopt,
                                  at(end_, 10, 10)};
    WEIGE_ASSIGN(declaration.id, store::insert_convention(db_, declaration));
    store::ConventionVersion draft;
    draft.convention_id = declaration.id;
    draft.state = VersionState::kConsultation;
    draft.sections = {{"1", "有事我来帮", "邻里有难处，党员带头、志愿者响应。"},
                      {"2", "有难我来解", "矛盾不出微网格，小事不出社区。"}};
    draft.created_at = at(end_, 10, 10);
    WEIGE_ASSIGN(draft.id, store::insert_version(db_, draft));
    ++sum_.conventions;
    return comment(store::kVersionSubject, draft.id, "2", AuthorKind::kPropertyCompany,
                   c_.property_staff, std::nullopt, c_.property_company,
                   "物业愿意参与邻里调解，第一时间响应。", at(end_, 8, 11));
  }

  Status meeting() {
    store::Meeting m{0,
                     MeetingKind::kJointMeeting,
                     c_.general_grid,
                     std::nullopt,
                     "红色港湾",
                     at(end_, 6, 15),
                     {{"社区党委书记", std::nullopt, std::nullopt},
                      {"华润物业", std::nullopt, c_.property_company},
                      {"网格员", c_.grid_worker, std::nullopt}},
                     "社区与物业联席会：商议润街油烟、电动车充电棚和外围停车。",
                     at(end_, 6, 18)};
    WEIGE_ASSIGN(m.id, store::insert_meeting(db_, m));
    ++sum_.meetings;
    WEIGE_TRY(store::insert_decision(
                  db_, {0, m.id, "在3栋旁加装电动车充电棚", std::nullopt, c_.property_company,
                        at(end_, -14, 18), false, std::nullopt, "", m.created_at})
                  .status());
    return store::insert_decision(
               db_, {0, m.id, "协调交警整治小区外围乱停车", c_.grid_worker, std::nullopt,
                     at(end_, 1, 18), false, std::nullopt, "", m.created_at})
        .status();
  }

  Status notice_and_topic() {
    store::Campaign fire{0,
                         CampaignTheme::kFireSafety,
                         "冬季消防安全宣传",
                         c_.general_grid,
                         at(end_, 14, 0),
                         at(end_, -16, 0),
                         "电动车充电、楼道堆物、用火用电",
                         at(end_, 14, 9)};
    WEIGE_ASSIGN(fire.id, store::insert_campaign(db_, fire));
    store::Notice n{
        0,
        NoticeTarget::kCommunity,
        c_.community,
        c_.general_grid,
        "冬季消防安全提示",
        "天干物燥：电动车不进楼道、不飞线充电；楼道不堆放杂物；发现隐患请联系微网格员。",
        fire.id,
        std::nullopt,
        at(end_, 3, 10)};
    WEIGE_ASSIGN(n.id, store::insert_notice(db_, n));
    ++sum_.notices;
    for (std::size_t i = 0; i < c_.micro_households.size(); i += 2) {
      WEIGE_TRY(
          store::insert_read(db_, n.id, c_.micro_households[i], std::nullopt, at(end_, 2, 20)));
    }
    if (!c_.grandma || !c_.grandma_grid) return {};
    store::Campaign dogs{0,
                         CampaignTheme::kCivilisedDogKeeping,
                         "文明养犬宣传",
                         *c_.grandma_grid,
                         at(end_, 3, 0),
                         std::nullopt,
                         "王婆婆反映楼上犬吠后开展",
                         at(end_, 2, 9)};
    WEIGE_ASSIGN(dogs.id, store::insert_campaign(db_, dogs));
    if (c_.grandma_case) WEIGE_TRY(store::link_campaign_case(db_, dogs.id, *c_.grandma_case));
    WEIGE_ASSIGN(Grid g, store::get_grid(db_, *c_.grandma_grid));
    store::Topic t;
    t.grid_id = g.id;
    t.community_id = g.community_id;
    t.title = "在楼栋张贴文明养犬约定";
    t.description = "楼上犬吠的事调解好了，建议全楼栋一起约定遛狗牵绳、夜间不扰民。";
    t.source = "resident";
    t.source_case_id = c_.grandma_case;
    t.raised_by_person_id = c_.grandma;
    t.raised_by_household_id = c_.grandma_household;
    t.state = TopicState::kGatheringOpinions;
    t.created_at = at(end_, 2, 10);
    t.updated_at = at(end_, 1, 20);
    WEIGE_ASSIGN(t.id, store::insert_topic(db_, t));
    ++sum_.topics;
    WEIGE_TRY(
        store::append_topic_event(db_, {0, t.id, t.created_at, "raise", std::nullopt,
                                        TopicState::kRaised, "resident", c_.grandma, "resident"})
            .status());
    WEIGE_TRY(store::append_topic_event(
                  db_, {0, t.id, at(end_, 2, 15), "open_consultation", TopicState::kRaised,
                        TopicState::kGatheringOpinions, "micro_grid_head", std::nullopt, ""})
                  .status());
    return comment(store::kTopicSubject, t.id, "", AuthorKind::kResident, c_.grandma,
                   c_.grandma_household, std::nullopt, "楼上邻居已经很配合了，希望大家都遵守。",
                   at(end_, 1, 20));
  }

 private:
  Id category(const char* code) {
    auto r = db_.row("SELECT id FROM categories WHERE code = ?", {std::string(code)});
    return r && *r ? (*r)->i64(0) : 0;
  }
  Status comment(const char* subject, Id id, const char* section, AuthorKind kind,
                 std::optional<Id> person, std::optional<Id> household, std::optional<Id> org,
                 const char* text, Seconds when) {
    return store::insert_comment(
               db_, {0, subject, id, section, kind, person, household, org, text, when})
        .status();
  }

  store::Db& db_;
  const crypto::Vault& vault_;
  const Cast& c_;
  Seconds end_;
  CommunityLifeSummary& sum_;
};

}  // namespace

nlohmann::json CommunityLifeSummary::to_json() const {
  return {{"patrol_plans", patrol_plans},
          {"patrols", patrols},
          {"visits", visits},
          {"topics", topics},
          {"conventions", conventions},
          {"signons", signons},
          {"notices", notices},
          {"meetings", meetings}};
}

Result<CommunityLifeSummary> generate_community_life(store::Db& db, const crypto::Vault& vault,
                                                     const CommunityLifeParams& params) {
  CommunityLifeSummary sum;
  Status s = store::in_write_transaction(db, [&]() -> Status {
    WEIGE_ASSIGN(auto existing, db.scalar("SELECT count(*) FROM patrol_plans"));
    if (existing > 0) return Status::conflict("the database already holds community life");
    WEIGE_ASSIGN(Cast cast, find_cast(db));
    LifeWriter w(db, vault, cast, params.end, sum);
    WEIGE_TRY(w.patrols());
    WEIGE_TRY(w.visits_and_care());
    WEIGE_TRY(w.convention());
    WEIGE_TRY(w.meeting());
    return w.notice_and_topic();
  });
  if (!s) return s;
  return sum;
}

}  // namespace weige::demo
