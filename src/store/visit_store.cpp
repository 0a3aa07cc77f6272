#include "store/visit_store.h"

#include <map>

#include "store/sql_util.h"

namespace weige::store {
namespace {

constexpr const char* kVisitColumns =
    "id, household_id, grid_id, visitor_person_id, link_id, at, form, learnt, follow_up_case_id, "
    "campaign_id, "
    "created_at";

Visit visit_from(const Row& r) {
  return {r.i64(0),
          r.i64(1),
          r.opt_i64(2),
          r.i64(3),
          r.opt_i64(4),
          r.i64(5),
          parse_visit_form(r.text(6)).value_or(VisitForm::kDoorToDoor),
          r.text(7),
          r.opt_i64(8),
          r.opt_i64(9),
          r.i64(10)};
}

CareTagRow care_from(const Row& r) {
  return {r.i64(0), parse_care_tag(r.text(1)).value_or(CareTag::kElderlyAlone),
          static_cast<int>(r.i64(2)), r.i64(3), r.text(4)};
}

}  // namespace

Result<Id> insert_visit(Db& db, const Visit& v) {
  return db.scalar(
      "INSERT INTO visits (household_id, grid_id, visitor_person_id, link_id, at, form, learnt, "
      "follow_up_case_id, campaign_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING "
      "id",
      {v.household_id, opt(v.grid_id), v.visitor_person_id, opt(v.link_id), v.at,
       std::string(to_string(v.form)), v.learnt, opt(v.follow_up_case_id), opt(v.campaign_id),
       v.created_at});
}

Result<Visit> get_visit(Db& db, Id id) {
  WEIGE_ASSIGN(auto r,
               db.row(std::string("SELECT ") + kVisitColumns + " FROM visits WHERE id = ?", {id}));
  if (!r)
    return Status::not_found("visit " + std::to_string(id) + " does not exist", {{"visit_id", id}});
  return visit_from(*r);
}

Result<VisitPage> list_visits(Db& db, const VisitFilter& f) {
  std::string where = " WHERE 1 = 1";
  Params params;
  and_in(where, params, "grid_id", f.grids);
  and_if(where, params, "household_id = ?", f.household_id);
  and_if(where, params, "visitor_person_id = ?", f.visitor_person_id);
  and_if(where, params, "campaign_id = ?", f.campaign_id);
  and_if(where, params, "at >= ?", f.from);
  and_if(where, params, "at < ?", f.to);
  return select_page<Visit>(db, kVisitColumns, "visits", where, params, "at DESC, id DESC", f.limit,
                            f.offset, visit_from);
}

Result<std::set<Id>> visited_households(Db& db, const GridFilter& grids, Seconds from, Seconds to) {
  std::string sql = "SELECT DISTINCT household_id FROM visits WHERE at >= ? AND at < ?";
  Params params{from, to};
  and_in(sql, params, "grid_id", grids);
  std::set<Id> out;
  WEIGE_TRY(db.query(sql, params, [&](const Row& r) { out.insert(r.i64(0)); }));
  return out;
}

Result<std::vector<CareTagRow>> care_of(Db& db, Id household_id) {
  std::vector<CareTagRow> out;
  WEIGE_TRY(
      db.query("SELECT household_id, tag, visit_every_days, since, note FROM household_care WHERE "
               "household_id = ? ORDER BY tag",
               {household_id}, [&](const Row& r) { out.push_back(care_from(r)); }));
  return out;
}

Status replace_care(Db& db, Id household_id, const std::vector<CareTagRow>& tags) {
  WEIGE_ASSIGN(auto existing, care_of(db, household_id));
  std::map<CareTag, Seconds> since;
  for (const auto& t : existing) since[t.tag] = t.since;
  WEIGE_TRY(
      db.execute("DELETE FROM household_care WHERE household_id = ?", {household_id}).status());
  for (const auto& t : tags) {
    Seconds s = since.count(t.tag) ? since[t.tag] : t.since;
    WEIGE_TRY(db.execute("INSERT INTO household_care (household_id, tag, visit_every_days, since, "
                         "note) VALUES "
                         "(?, ?, ?, ?, ?)",
                         {household_id, std::string(to_string(t.tag)),
                          static_cast<std::int64_t>(t.visit_every_days), s, t.note})
                  .status());
  }
  return {};
}

Result<std::vector<CaredHousehold>> cared_households(Db& db, const GridFilter& grids) {
  std::string sql =
      "SELECT c.household_id, c.tag, c.visit_every_days, c.since, c.note, h.grid_id, h.name, "
      "(SELECT max(v.at) FROM visits v WHERE v.household_id = c.household_id) "
      "FROM household_care c JOIN places h ON h.id = c.household_id WHERE 1 = 1";
  Params params;
  and_in(sql, params, "h.grid_id", grids);
  std::vector<CaredHousehold> out;
  WEIGE_TRY(db.query(sql + " ORDER BY c.household_id, c.tag", params, [&](const Row& r) {
    if (out.empty() || out.back().household_id != r.i64(0)) {
      out.push_back({r.i64(0), r.opt_i64(5), r.text(6), {}, r.opt_i64(7)});
    }
    out.back().tags.push_back(care_from(r));
  }));
  return out;
}

Result<std::vector<LinkedHousehold>> linked_households(Db& db, Id person_id) {
  std::vector<LinkedHousehold> out;
  WEIGE_TRY(db.query(
      "SELECT h.id, h.grid_id, h.name, coalesce(u.name, ''), coalesce(b.name, ''), "
      "coalesce(c.name, ''), (SELECT max(v.at) FROM visits v WHERE v.household_id = h.id) "
      "FROM links l JOIN places h ON h.id = l.to_household_id "
      "LEFT JOIN places u ON u.id = h.parent_id LEFT JOIN places b ON b.id = u.parent_id "
      "LEFT JOIN places c ON c.id = b.parent_id "
      "WHERE l.tier = 3 AND l.from_person_id = ? ORDER BY h.id",
      {person_id}, [&](const Row& r) {
        out.push_back({r.i64(0), r.opt_i64(1), r.text(2), r.text(3), r.text(4), r.text(5),
                       r.opt_i64(6)});
      }));
  return out;
}

Result<std::vector<LinkEdge>> link_edges(Db& db, const GridFilter& grids) {
  std::string sql =
      "WITH t3 AS (SELECT l.* FROM links l JOIN places h ON h.id = l.to_household_id WHERE l.tier "
      "= 3";
  Params params;
  and_in(sql, params, "h.grid_id", grids);
  sql +=
      "), t2 AS (SELECT * FROM links WHERE tier = 2 AND to_person_id IN (SELECT from_person_id "
      "FROM t3)), "
      "t1 AS (SELECT * FROM links WHERE tier = 1 AND to_person_id IN (SELECT from_person_id FROM "
      "t2)) "
      "SELECT tier, from_org_id, from_person_id, to_person_id, to_household_id FROM t1 UNION ALL "
      "SELECT tier, from_org_id, from_person_id, to_person_id, to_household_id FROM t2 UNION ALL "
      "SELECT tier, from_org_id, from_person_id, to_person_id, to_household_id FROM t3";
  std::vector<LinkEdge> out;
  WEIGE_TRY(db.query(sql, params, [&](const Row& r) {
    out.push_back(
        {static_cast<int>(r.i64(0)), r.opt_i64(1), r.opt_i64(2), r.opt_i64(3), r.opt_i64(4)});
  }));
  return out;
}

}  // namespace weige::store
