// The storage limit: a plain C++ loop inserting case-sized rows into SQLite
// (WAL, synchronous=FULL, three indexes) with a given number of rows per
// durable commit. Prints one JSON line.
//   weige_bench_sqlite --db FILE --batch N [--seconds S]
#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace {

void must(int rc, sqlite3* db, const char* what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
    std::fprintf(stderr, "%s: %s\n", what, sqlite3_errmsg(db));
    std::exit(1);
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::string path = "/tmp/weige-bench-sqlite.db";
  int batch = 1;
  double seconds = 5;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--db")) path = argv[i + 1];
    if (!std::strcmp(argv[i], "--batch")) batch = std::atoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--seconds")) seconds = std::atof(argv[i + 1]);
  }
  std::remove(path.c_str());
  std::remove((path + "-wal").c_str());
  std::remove((path + "-shm").c_str());
  sqlite3* db = nullptr;
  must(sqlite3_open(path.c_str(), &db), db, "open");
  must(sqlite3_exec(db,
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE cases (id INTEGER PRIMARY KEY, "
                    "token TEXT NOT NULL UNIQUE, channel TEXT, category_id INTEGER, level TEXT, description TEXT, "
                    "place_id INTEGER, grid_id INTEGER, community_id INTEGER, state TEXT, handler TEXT, "
                    "routing TEXT, stage_due_at INTEGER, created_at INTEGER, updated_at INTEGER); "
                    "CREATE INDEX c1 ON cases(grid_id, created_at); CREATE INDEX c2 ON cases(state, stage_due_at); "
                    "CREATE INDEX c3 ON cases(community_id, created_at);",
                    nullptr, nullptr, nullptr),
       db, "schema");
  sqlite3_stmt* ins = nullptr;
  must(sqlite3_prepare_v2(db,
                          "INSERT INTO cases (token, channel, category_id, level, description, place_id, grid_id, "
                          "community_id, state, handler, routing, stage_due_at, created_at, updated_at) VALUES "
                          "(?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                          -1, &ins, nullptr),
       db, "prepare");
  const std::string description = "楼上邻居家的狗每天夜里叫，影响休息，希望网格员上门协调。Upstairs dog barks at night.";
  const std::string routing = "category default: micro_grid; rule 3 matched; handler: micro-grid worker";
  auto start = std::chrono::steady_clock::now();
  long rows = 0, commits = 0;
  char token[32];
  for (;;) {
    must(sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), db, "begin");
    for (int i = 0; i < batch; ++i, ++rows) {
      std::snprintf(token, sizeof token, "t%016ld", rows);
      sqlite3_bind_text(ins, 1, token, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(ins, 2, "walk_in", -1, SQLITE_STATIC);
      sqlite3_bind_int64(ins, 3, 101 + rows % 20);
      sqlite3_bind_text(ins, 4, "micro", -1, SQLITE_STATIC);
      sqlite3_bind_text(ins, 5, description.c_str(), -1, SQLITE_STATIC);
      sqlite3_bind_int64(ins, 6, 1000 + rows % 5000);
      sqlite3_bind_int64(ins, 7, 10 + rows % 129);
      sqlite3_bind_int64(ins, 8, 1);
      sqlite3_bind_text(ins, 9, "reported", -1, SQLITE_STATIC);
      sqlite3_bind_text(ins, 10, "micro_grid", -1, SQLITE_STATIC);
      sqlite3_bind_text(ins, 11, routing.c_str(), -1, SQLITE_STATIC);
      sqlite3_bind_int64(ins, 12, 1796000000 + rows);
      sqlite3_bind_int64(ins, 13, 1796000000 + rows);
      sqlite3_bind_int64(ins, 14, 1796000000 + rows);
      must(sqlite3_step(ins), db, "insert");
      sqlite3_reset(ins);
    }
    must(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), db, "commit");
    ++commits;
    double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (elapsed >= seconds) {
      std::printf("{\"batch\": %d, \"rows\": %ld, \"commits\": %ld, \"seconds\": %.3f, \"rows_per_s\": %.0f}\n", batch,
                  rows, commits, elapsed, static_cast<double>(rows) / elapsed);
      break;
    }
  }
  sqlite3_finalize(ins);
  sqlite3_close(db);
  std::remove(path.c_str());
  std::remove((path + "-wal").c_str());
  std::remove((path + "-shm").c_str());
  return 0;
}
