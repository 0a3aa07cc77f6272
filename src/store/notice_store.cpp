#include "store/notice_store.h"

#include "store/sql_util.h"

namespace weige::store {
namespace {

constexpr const char* kNoticeColumns =
    "id, target_kind, target_id, grid_id, title, body, campaign_id, author_person_id, published_at";

Notice notice_from(const Row& r) {
  return {r.i64(0),     parse_notice_target(r.text(1)).value_or(NoticeTarget::kCommunity),
          r.i64(2),     r.i64(3),
          r.text(4),    r.text(5),
          r.opt_i64(6), r.opt_i64(7),
          r.i64(8)};
}

constexpr const char* kCampaignColumns =
    "id, theme, title, grid_id, starts_at, ends_at, note, created_at";

Campaign campaign_from(const Row& r) {
  return {
      r.i64(0),     parse_campaign_theme(r.text(1)).value_or(CampaignTheme::kCivilisedDogKeeping),
      r.text(2),    r.i64(3),
      r.opt_i64(4), r.opt_i64(5),
      r.text(6),    r.i64(7)};
}

}  // namespace

Result<Id> insert_notice(Db& db, const Notice& n) {
  return db.scalar(
      "INSERT INTO notices (target_kind, target_id, grid_id, title, body, campaign_id, "
      "author_person_id, "
      "published_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {std::string(to_string(n.target_kind)), n.target_id, n.grid_id, n.title, n.body,
       opt(n.campaign_id), opt(n.author_person_id), n.published_at});
}

Result<Notice> get_notice(Db& db, Id id) {
  WEIGE_ASSIGN(
      auto r, db.row(std::string("SELECT ") + kNoticeColumns + " FROM notices WHERE id = ?", {id}));
  if (!r)
    return Status::not_found("notice " + std::to_string(id) + " does not exist",
                             {{"id", id}});
  return notice_from(*r);
}

Result<NoticePage> list_notices(Db& db, const NoticeFilter& f) {
  std::string where = " WHERE 1 = 1";
  Params params;
  and_in(where, params, "grid_id", f.grids);
  if (f.reach_places || f.reach_grids) {
    std::vector<Id> places = f.reach_places.value_or(std::vector<Id>{});
    std::vector<Id> grids = f.reach_grids.value_or(std::vector<Id>{});
    where += " AND ((target_kind IN ('building', 'compound', 'community') AND target_id IN " +
             in_list(places.size()) +
             ") OR (target_kind IN ('micro_grid', 'grid') AND target_id IN " +
             in_list(grids.size()) + "))";
    for (Id p : places) params.emplace_back(p);
    for (Id g : grids) params.emplace_back(g);
  }
  and_if(where, params, "campaign_id = ?", f.campaign_id);
  return select_page<Notice>(db, kNoticeColumns, "notices", where, params,
                             "published_at DESC, id DESC", f.limit, f.offset, notice_from);
}

namespace {

// The ids of the households a notice reaches (one parameter: its target id):
// below a place, or put into a grid of a subtree.
std::string reached_household_ids(const Notice& n) {
  return targets_place(n.target_kind)
             ? "WITH RECURSIVE sub(id) AS (SELECT ? UNION ALL SELECT p.id FROM places p JOIN sub "
               "ON p.parent_id = sub.id) SELECT h.id FROM places h JOIN sub ON sub.id = h.id "
               "WHERE h.kind = 'household'"
             : "WITH RECURSIVE sub(id) AS (SELECT ? UNION ALL SELECT g.id FROM grids g JOIN sub "
               "ON g.parent_id = sub.id) SELECT h.id FROM places h WHERE h.kind = 'household' "
               "AND h.grid_id IN (SELECT id FROM sub)";
}

// Households with the names of their unit, building and compound; `where`
// continues "WHERE h.id IN (...)".
constexpr const char* kLabelSelect =
    "SELECT h.id, h.name, coalesce(u.name, ''), coalesce(b.name, ''), coalesce(c.name, '') "
    "FROM places h LEFT JOIN places u ON u.id = h.parent_id LEFT JOIN places b ON b.id = "
    "u.parent_id LEFT JOIN places c ON c.id = b.parent_id WHERE h.id IN (";

HouseholdLabel label_from(const Row& r) {
  return {r.i64(0), r.text(1), r.text(2), r.text(3), r.text(4)};
}

}  // namespace

Result<Page<HouseholdLabel>> notice_unread(Db& db, const Notice& n, int limit, int offset) {
  const std::string unread = reached_household_ids(n) +
                             " AND h.id NOT IN (SELECT household_id FROM notice_reads WHERE "
                             "notice_id = ?)";
  Page<HouseholdLabel> page;
  WEIGE_ASSIGN(page.total,
               db.scalar("SELECT count(*) FROM (" + unread + ")", {n.target_id, n.id}));
  WEIGE_TRY(db.query(kLabelSelect + unread + ") ORDER BY h.id LIMIT ? OFFSET ?",
                     {n.target_id, n.id, limit, offset},
                     [&](const Row& r) { page.items.push_back(label_from(r)); }));
  return page;
}

Status insert_read(Db& db, Id notice_id, Id household_id, std::optional<Id> person_id, Seconds at) {
  return db
      .execute(
          "INSERT INTO notice_reads (notice_id, household_id, person_id, read_at) VALUES (?, ?, ?, "
          "?) "
          "ON CONFLICT (notice_id, household_id) DO NOTHING",
          {notice_id, household_id, opt(person_id), at})
      .status();
}

Result<std::set<Id>> read_households(Db& db, Id notice_id) {
  std::set<Id> out;
  WEIGE_TRY(db.query("SELECT household_id FROM notice_reads WHERE notice_id = ?", {notice_id},
                     [&](const Row& r) { out.insert(r.i64(0)); }));
  return out;
}

Result<Id> insert_campaign(Db& db, const Campaign& c) {
  return db.scalar(
      "INSERT INTO campaigns (theme, title, grid_id, starts_at, ends_at, note, created_at) VALUES "
      "(?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {std::string(to_string(c.theme)), c.title, c.grid_id, opt(c.starts_at), opt(c.ends_at),
       c.note, c.created_at});
}

Result<Campaign> get_campaign(Db& db, Id id) {
  WEIGE_ASSIGN(
      auto r,
      db.row(std::string("SELECT ") + kCampaignColumns + " FROM campaigns WHERE id = ?", {id}));
  if (!r)
    return Status::not_found("campaign " + std::to_string(id) + " does not exist",
                             {{"id", id}});
  return campaign_from(*r);
}

Result<std::vector<Campaign>> list_campaigns(Db& db, const GridFilter& grids) {
  std::string sql = std::string("SELECT ") + kCampaignColumns + " FROM campaigns WHERE 1 = 1";
  Params params;
  and_in(sql, params, "grid_id", grids);
  std::vector<Campaign> out;
  WEIGE_TRY(db.query(sql + " ORDER BY id DESC", params,
                     [&](const Row& r) { out.push_back(campaign_from(r)); }));
  return out;
}

Status link_campaign_case(Db& db, Id campaign_id, Id case_id) {
  return db
      .execute(
          "INSERT INTO campaign_cases (campaign_id, case_id) VALUES (?, ?) ON CONFLICT "
          "(campaign_id, case_id) "
          "DO NOTHING",
          {campaign_id, case_id})
      .status();
}

Result<std::vector<Id>> campaign_case_ids(Db& db, Id campaign_id) {
  std::vector<Id> out;
  WEIGE_TRY(db.query("SELECT case_id FROM campaign_cases WHERE campaign_id = ? ORDER BY case_id",
                     {campaign_id}, [&](const Row& r) { out.push_back(r.i64(0)); }));
  return out;
}

}  // namespace weige::store
