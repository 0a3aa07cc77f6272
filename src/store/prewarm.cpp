#include "store/prewarm.h"

#include <cctype>
#include <chrono>

#include "store/sql_util.h"
#include "store/sqlite_db.h"

namespace weige::store {

const std::vector<std::string>& hot_tables() {
  // Intake writes cases, events, the rollup's feed and the search queue and
  // reads places and emergencies; reads and the inbox read cases, events and
  // attachments; the dashboard reads the rollup; search reads the index.
  static const std::vector<std::string> tables{
      "cases",          "case_events",       "places",      "grids",         "emergency_places",
      "case_rollup",    "case_rollup_month", "attachments", "mediations",    "cases_fts_idx",
      "cases_fts_data", "cases_fts_docsize"};
  return tables;
}

Result<PrewarmReport> prewarm(Db& db, const std::vector<std::string>& tables,
                              const std::function<void(const std::string&, std::int64_t)>& progress,
                              const std::atomic<bool>* stop) {
  PrewarmReport out;
  for (const auto& table : tables) {
    // Every index, the automatic ones of UNIQUE constraints too, then the
    // table itself: a count over an index or the table walks all its pages.
    WEIGE_ASSIGN(auto exists, db.row("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?", {table}));
    if (!exists) continue;
    std::vector<std::pair<std::string, std::string>> objects;  // name, the query that reads it
    std::vector<std::pair<std::string, std::string>> indexes;  // name, CREATE statement (none: automatic)
    WEIGE_TRY(db.query("SELECT name, coalesce(sql, '') FROM sqlite_schema WHERE type = 'index' AND tbl_name = ? "
                       "ORDER BY name",
                       {table}, [&](const Row& r) { indexes.emplace_back(r.text(0), r.text(1)); }));
    for (const auto& [index, create] : indexes) {
      // count(*) would be answered from the smallest index whatever INDEXED
      // BY says; counting the first column walks this one. A partial index
      // serves only queries that carry its own WHERE term.
      WEIGE_ASSIGN(auto first, db.row("SELECT name FROM pragma_index_info(?) WHERE seqno = 0", {index}));
      std::string counted = first && !first->is_null(0) ? quote_ident(first->text(0)) : "*";
      std::string sql = "SELECT count(" + counted + ") FROM " + quote_ident(table) + " INDEXED BY " + quote_ident(index);
      std::string upper = create;
      for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      if (auto where = upper.rfind(" WHERE "); where != std::string::npos) sql += create.substr(where);
      objects.emplace_back(index, sql);
    }
    objects.emplace_back(table, "SELECT count(*) FROM " + quote_ident(table) + " NOT INDEXED");
    for (const auto& [name, sql] : objects) {
      if (stop && stop->load()) {
        out.stopped = true;
        return out;
      }
      WEIGE_ASSIGN(std::int64_t n, db.scalar(sql));
      ++out.objects;
      out.entries += n;
      if (progress) progress(name, n);
    }
  }
  return out;
}

Prewarmer::Prewarmer(std::string path, Done done)
    : thread_([this, path = std::move(path), done = std::move(done)] {
        auto started = std::chrono::steady_clock::now();
        SqliteOptions options;
        options.read_only = true;
        options.cache_mib = 2;  // the pages are for the OS cache
        auto db = open_sqlite(path, options);
        auto report = db ? prewarm(**db, hot_tables(), {}, &stop_) : Result<PrewarmReport>(db.status());
        state_ = report ? kDone : kFailed;
        if (done) done(report, std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
      }) {}

Prewarmer::~Prewarmer() {
  stop_ = true;
  thread_.join();
}

std::string Prewarmer::state() const {
  switch (state_.load()) {
    case kRunning: return "running";
    case kDone: return "done";
    default: return "failed";
  }
}

}  // namespace weige::store
