// The storage limit with the real schema: a plain loop writing cases into the
// tier's own database (every index and trigger of `cases`, at its size) with
// N cases per durable commit (synchronous=FULL), the search index's queue
// drained before each commit as the server's writer does. Each case copies
// every column of an existing case (held in a temporary in-memory table, so
// the loop reads nothing from disk), with a new tracking token, the state
// 'reported' and the time now, plus its 'report' event, as intake writes.
// Like the server (store/prewarm.h), it first reads the case paths' tables
// into the OS page cache, so both are measured warm. Prints one JSON line:
// rows/s and CPU µs per row. The rows stay in the database, like intake's.
//   weige_bench_case_insert --db FILE --batch N [--seconds S]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>

#include "store/case_store.h"
#include "plain_loop.h"
#include "store/prewarm.h"
#include "store/sqlite_db.h"

using namespace weige;

using bench::cpu_seconds;
using bench::fail;

int main(int argc, char** argv) {
  std::string path;
  int batch = 100;
  double seconds = 5;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--db")) path = argv[i + 1];
    if (!std::strcmp(argv[i], "--batch")) batch = std::max(1, std::atoi(argv[i + 1]));
    if (!std::strcmp(argv[i], "--seconds")) seconds = std::atof(argv[i + 1]);
  }
  if (path.empty()) {
    std::fprintf(stderr, "usage: weige_bench_case_insert --db FILE --batch N [--seconds S]\n");
    return 2;
  }
  auto opened =
      store::open_sqlite(path, {});  // the server's connection settings: WAL, synchronous=FULL
  if (!opened) return fail(opened.status(), "open");
  store::Db& db = **opened;

  if (auto warm = store::prewarm(db, store::hot_tables()); !warm) return fail(warm.status(), "prewarm");
  // Templates: 4,096 cases spread over the id range, copied to memory.
  std::pair<Id, Id> range;
  if (!bench::case_id_range(db, path, range)) return 1;
  const auto [lo, hi] = range;
  if (Status s = db.exec_script(
          "DROP TABLE IF EXISTS temp.tpl; CREATE TEMP TABLE tpl AS SELECT * FROM cases LIMIT 0");
      !s) {
    return fail(s, "templates");
  }
  std::mt19937_64 rng(42);
  std::uniform_int_distribution<std::int64_t> pick(lo, hi);
  for (int i = 0; i < 4096; ++i) {
    if (auto s =
            db.execute("INSERT INTO temp.tpl SELECT * FROM cases WHERE id >= ? ORDER BY id LIMIT 1",
                       {pick(rng)});
        !s) {
      return fail(s.status(), "templates");
    }
  }
  auto templates = db.scalar("SELECT count(*) FROM temp.tpl");
  if (!templates || *templates == 0) return fail(templates.status(), "templates");

  // Every column of `cases` but the id, with the token, state and times replaced.
  std::string columns, values;
  auto info = db.rows("PRAGMA table_info(cases)");
  if (!info) return fail(info.status(), "columns");
  for (const auto& c : *info) {
    std::string name = c.text(1);
    if (name == "id") continue;
    columns += (columns.empty() ? "" : ", ") + name;
    std::string v = name == "tracking_token"                       ? "?1"
                    : name == "state"                              ? "'reported'"
                    : name == "created_at" || name == "updated_at" ? "?2"
                                                                   : name;
    values += (values.empty() ? "" : ", ") + v;
  }
  const std::string insert_case = "INSERT INTO cases (" + columns + ") SELECT " + values +
                                  " FROM temp.tpl WHERE rowid = ?3 RETURNING id";

  std::int64_t rows = 0, commits = 0;
  const auto start = std::chrono::steady_clock::now();
  const double cpu_start = cpu_seconds();
  const std::string run =
      std::to_string(std::chrono::system_clock::now().time_since_epoch().count());
  double elapsed = 0;
  while (elapsed < seconds) {
    Status s = store::in_write_transaction(db, [&]() -> Status {
      const std::int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                                   std::chrono::system_clock::now().time_since_epoch())
                                   .count();
      for (int i = 0; i < batch; ++i) {
        const std::int64_t n = rows + i;
        WEIGE_ASSIGN(Id id, db.scalar(insert_case, {"B" + run + "-" + std::to_string(n), now,
                                                    1 + n % *templates}));
        WEIGE_TRY(
            db.execute(
                  "INSERT INTO case_events (case_id, at, action, from_state, to_state, actor_role) "
                  "VALUES (?, ?, 'report', NULL, 'reported', 'resident')",
                  {id, now})
                .status());
      }
      return store::index_pending_cases(db);
    });
    if (!s) return fail(s, "insert");
    rows += batch;
    ++commits;
    elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }
  const double cpu = cpu_seconds() - cpu_start;
  std::printf(
      "{\"batch\": %d, \"rows\": %lld, \"commits\": %lld, \"seconds\": %.3f, \"rows_per_s\": %.0f, "
      "\"cpu_us_per_row\": %.1f}\n",
      batch, static_cast<long long>(rows), static_cast<long long>(commits), elapsed,
      static_cast<double>(rows) / elapsed, cpu / static_cast<double>(rows) * 1e6);
  return 0;
}
