#include "store/convention_store.h"

#include <nlohmann/json.hpp>

#include "store/sql_util.h"

namespace weige::store {
namespace {

constexpr const char* kConventionColumns =
    "id, place_id, grid_id, kind, title, current_version_id, created_at";

Convention convention_from(const Row& r) {
  return {r.i64(0), r.i64(1), r.i64(2), r.text(3), r.text(4), r.opt_i64(5), r.i64(6)};
}

constexpr const char* kVersionColumns =
    "id, convention_id, number, state, sections, note, topic_id, quorum_percent, majority, "
    "eligible_households, "
    "decided_at, created_at";

std::string sections_json(const std::vector<Section>& sections) {
  nlohmann::json a = nlohmann::json::array();
  for (const auto& s : sections)
    a.push_back({{"key", s.key}, {"heading", s.heading}, {"text", s.text}});
  return a.dump();
}

std::vector<Section> sections_from(const std::string& text) {
  std::vector<Section> out;
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_array()) return out;
  for (const auto& s : j)
    out.push_back({s.value("key", ""), s.value("heading", ""), s.value("text", "")});
  return out;
}

ConventionVersion version_from(const Row& r) {
  ConventionVersion v;
  v.id = r.i64(0);
  v.convention_id = r.i64(1);
  v.number = static_cast<int>(r.i64(2));
  v.state = parse_version_state(r.text(3)).value_or(VersionState::kDraft);
  v.sections = sections_from(r.text(4));
  v.note = r.text(5);
  v.topic_id = r.opt_i64(6);
  v.rule.quorum_percent = static_cast<int>(r.i64(7));
  v.rule.majority = parse_majority(r.text(8)).value_or(Majority::kMoreThanHalf);
  v.eligible_households = static_cast<int>(r.i64(9));
  v.decided_at = r.opt_i64(10);
  v.created_at = r.i64(11);
  return v;
}

}  // namespace

Result<Id> insert_convention(Db& db, const Convention& c) {
  return db.scalar(
      "INSERT INTO conventions (place_id, grid_id, kind, title, current_version_id, created_at) "
      "VALUES "
      "(?, ?, ?, ?, ?, ?) RETURNING id",
      {c.place_id, c.grid_id, c.kind, c.title, opt(c.current_version_id), c.created_at});
}

Status update_convention(Db& db, const Convention& c) {
  return db
      .execute("UPDATE conventions SET current_version_id = ?, title = ? WHERE id = ?",
               {opt(c.current_version_id), c.title, c.id})
      .status();
}

Result<Convention> get_convention(Db& db, Id id) {
  WEIGE_ASSIGN(
      auto r,
      db.row(std::string("SELECT ") + kConventionColumns + " FROM conventions WHERE id = ?", {id}));
  if (!r)
    return Status::not_found("convention " + std::to_string(id) + " does not exist",
                             {{"id", id}});
  return convention_from(*r);
}

Result<std::vector<Convention>> list_conventions(Db& db, const GridFilter& grids) {
  std::string sql = std::string("SELECT ") + kConventionColumns + " FROM conventions WHERE 1 = 1";
  Params params;
  and_in(sql, params, "grid_id", grids);
  std::vector<Convention> out;
  WEIGE_TRY(db.query(sql + " ORDER BY id", params,
                     [&](const Row& r) { out.push_back(convention_from(r)); }));
  return out;
}

Result<Id> insert_version(Db& db, const ConventionVersion& v) {
  return db.scalar(
      "INSERT INTO convention_versions (convention_id, number, state, sections, note, topic_id, "
      "quorum_percent, majority, eligible_households, decided_at, created_at) VALUES (?, (SELECT "
      "coalesce(max(number), 0) + 1 FROM convention_versions WHERE convention_id = ?), ?, ?, ?, ?, "
      "?, "
      "?, ?, ?, ?) RETURNING id",
      {v.convention_id, v.convention_id, std::string(to_string(v.state)), sections_json(v.sections),
       v.note, opt(v.topic_id), static_cast<std::int64_t>(v.rule.quorum_percent),
       std::string(to_string(v.rule.majority)), static_cast<std::int64_t>(v.eligible_households),
       opt(v.decided_at), v.created_at});
}

Status update_version(Db& db, const ConventionVersion& v) {
  return db
      .execute(
          "UPDATE convention_versions SET state = ?, quorum_percent = ?, majority = ?, "
          "eligible_households = ?, "
          "decided_at = ? WHERE id = ?",
          {std::string(to_string(v.state)), static_cast<std::int64_t>(v.rule.quorum_percent),
           std::string(to_string(v.rule.majority)),
           static_cast<std::int64_t>(v.eligible_households), opt(v.decided_at), v.id})
      .status();
}

Result<ConventionVersion> get_version(Db& db, Id id) {
  WEIGE_ASSIGN(auto r, db.row(std::string("SELECT ") + kVersionColumns +
                                  " FROM convention_versions WHERE id = ?",
                              {id}));
  if (!r)
    return Status::not_found("convention version " + std::to_string(id) + " does not exist",
                             {{"id", id}});
  return version_from(*r);
}

Result<std::vector<ConventionVersion>> versions_of(Db& db, Id convention_id) {
  std::vector<ConventionVersion> out;
  WEIGE_TRY(db.query(std::string("SELECT ") + kVersionColumns +
                         " FROM convention_versions WHERE convention_id = ? ORDER BY number",
                     {convention_id}, [&](const Row& r) { out.push_back(version_from(r)); }));
  return out;
}

Status insert_signon(Db& db, Id version_id, Id household_id, std::optional<Id> person_id,
                     Seconds at) {
  WEIGE_ASSIGN(
      auto n,
      db.scalar("SELECT count(*) FROM convention_signons WHERE version_id = ? AND household_id = ?",
                {version_id, household_id}));
  if (n > 0) {
    return Status::conflict("household " + std::to_string(household_id) + " has already signed on",
                            {{"household_id", household_id}});
  }
  return db
      .execute(
          "INSERT INTO convention_signons (version_id, household_id, person_id, signed_at) VALUES "
          "(?, ?, ?, ?)",
          {version_id, household_id, opt(person_id), at})
      .status();
}

Result<std::int64_t> count_signons(Db& db, Id version_id) {
  return db.scalar("SELECT count(*) FROM convention_signons WHERE version_id = ?", {version_id});
}

Result<std::vector<BuildingRate>> signon_rates(Db& db, Id version_id, Id place_id) {
  std::vector<BuildingRate> out;
  WEIGE_TRY(db.query(
      "WITH RECURSIVE sub(id) AS (SELECT ? UNION ALL SELECT p.id FROM places p JOIN sub ON "
      "p.parent_id = sub.id) "
      "SELECT b.id, b.name, c.name, count(h.id), count(s.household_id) FROM places b "
      "JOIN places c ON c.id = b.parent_id JOIN places u ON u.parent_id = b.id AND u.kind = 'unit' "
      "JOIN places h ON h.parent_id = u.id AND h.kind = 'household' "
      "LEFT JOIN convention_signons s ON s.household_id = h.id AND s.version_id = ? "
      "WHERE b.kind = 'building' AND b.id IN (SELECT id FROM sub) GROUP BY b.id, b.name, c.name "
      "ORDER BY b.id",
      {place_id, version_id}, [&](const Row& r) {
        out.push_back({r.i64(0), r.text(1), r.text(2), static_cast<int>(r.i64(3)),
                       static_cast<int>(r.i64(4))});
      }));
  return out;
}

}  // namespace weige::store
