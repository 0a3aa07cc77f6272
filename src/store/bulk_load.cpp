#include "store/bulk_load.h"

namespace weige::store {

Result<DeferredSchema> DeferredSchema::set_aside(Db& db, const std::vector<std::string>& tables,
                                                 const std::vector<std::string>& triggers) {
  DeferredSchema d;
  if (db.dialect() != "sqlite") return d;
  std::vector<std::pair<std::string, std::string>> indexes, trigs;
  for (const auto& t : tables) {
    // sql IS NULL for the automatic indexes of UNIQUE and PRIMARY KEY.
    WEIGE_TRY(db.query("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL "
                       "ORDER BY name",
                       {t}, [&](const Row& r) { indexes.emplace_back(r.text(0), r.text(1)); }));
  }
  for (const auto& name : triggers) {
    WEIGE_ASSIGN(auto row, db.row("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", {name}));
    if (!row) return Status::not_found("no trigger " + name);
    trigs.emplace_back(name, row->text(0));
  }
  for (const auto& [name, sql] : indexes) WEIGE_TRY(db.exec_script("DROP INDEX \"" + name + "\""));
  for (const auto& [name, sql] : trigs) WEIGE_TRY(db.exec_script("DROP TRIGGER \"" + name + "\""));
  d.saved_ = std::move(indexes);
  d.saved_.insert(d.saved_.end(), trigs.begin(), trigs.end());
  return d;
}

Status DeferredSchema::restore(Db& db, const std::function<void(const std::string&)>& progress) {
  while (!saved_.empty()) {
    const auto& [name, sql] = saved_.front();
    if (progress) progress(name);
    WEIGE_TRY(db.exec_script(sql));
    saved_.erase(saved_.begin());
  }
  return {};
}

Status rebuild_case_derivatives(Db& db) {
  if (db.dialect() != "sqlite") return {};
  // The same statements migration 0007 ends with, after emptying them (and
  // the queue of migration 0009: the rebuild indexes every case).
  return db.exec_script(
      "DELETE FROM cases_fts_pending;"
      "INSERT INTO cases_fts(cases_fts) VALUES ('rebuild');"
      "DELETE FROM case_rollup;"
      "DELETE FROM case_rollup_month;"
      "INSERT INTO case_rollup_feed SELECT 1, grid_id, community_id, created_at, state, settled_level, responded_at,"
      " accept_due_at, first_resolved_at, resolve_due_at, rating FROM cases ORDER BY id;");
}

}  // namespace weige::store
