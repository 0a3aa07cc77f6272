// The storage floor of a case read: a plain loop reading, for cases picked at
// random over the tier's whole id range (as bench/read.lua does over HTTP),
// exactly the rows that GET /api/v1/cases/{id} reads: the case, its events,
// its attachments, its mediation and its category, each read inside its own
// read transaction (the server opens one per GET). No HTTP, no credential
// check, no unsealing, no JSON: what is left is the least a read can cost.
// One thread; a warm-up of the same length as the timed run comes first.
// Prints one JSON line: reads/s and CPU µs per read on this one thread.
//   weige_bench_case_read --db FILE [--seconds S]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>

#include "store/case_store.h"
#include "plain_loop.h"
#include "store/sqlite_db.h"

using namespace weige;

namespace {

using bench::cpu_seconds;
using bench::fail;

// One case read as the server does it; counts the rows it returned.
Status read_case(store::Db& db, Id id, std::int64_t& rows) {
  WEIGE_TRY(db.execute("BEGIN", {}).status());
  Status s = [&]() -> Status {
    auto c = store::get_case(db, id);
    if (!c) return c.status().code() == Code::kNotFound ? Status{} : c.status();  // merged away: a 404
    WEIGE_ASSIGN(auto events, store::events_of(db, id));
    WEIGE_ASSIGN(auto files, store::attachments_of(db, id));
    WEIGE_ASSIGN(auto mediation, store::get_mediation(db, id));
    WEIGE_ASSIGN(auto category, store::get_category(db, c->category_id));
    rows += 2 + static_cast<std::int64_t>(events.size() + files.size()) + (mediation ? 1 : 0);
    return {};
  }();
  WEIGE_TRY(db.execute(s ? "COMMIT" : "ROLLBACK", {}).status());
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  std::string path;
  double seconds = 5;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--db")) path = argv[i + 1];
    if (!std::strcmp(argv[i], "--seconds")) seconds = std::atof(argv[i + 1]);
  }
  if (path.empty()) {
    std::fprintf(stderr, "usage: weige_bench_case_read --db FILE [--seconds S]\n");
    return 2;
  }
  store::SqliteOptions options;  // the server's connection settings
  options.read_only = true;
  auto opened = store::open_sqlite(path, options);
  if (!opened) return fail(opened.status(), "open");
  store::Db& db = **opened;
  std::pair<Id, Id> range;
  if (!bench::case_id_range(db, path, range)) return 1;
  std::mt19937_64 rng(7);
  std::uniform_int_distribution<std::int64_t> pick(range.first, range.second);

  std::int64_t reads = 0, rows = 0;
  double elapsed = 0, cpu = 0;
  for (bool timed : {false, true}) {
    reads = rows = 0;
    const auto start = std::chrono::steady_clock::now();
    const double cpu_start = cpu_seconds();
    elapsed = 0;
    while (elapsed < seconds) {
      for (int i = 0; i < 64; ++i, ++reads) {
        if (Status s = read_case(db, pick(rng), rows); !s) return fail(s, "read");
      }
      elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    }
    cpu = cpu_seconds() - cpu_start;
    if (!timed) std::fprintf(stderr, "warm-up: %lld reads\n", static_cast<long long>(reads));
  }
  std::printf(
      "{\"reads\": %lld, \"rows_per_read\": %.2f, \"seconds\": %.3f, \"reads_per_s\": %.0f, "
      "\"cpu_us_per_read\": %.1f}\n",
      static_cast<long long>(reads), static_cast<double>(rows) / static_cast<double>(reads), elapsed,
      static_cast<double>(reads) / elapsed, cpu / static_cast<double>(reads) * 1e6);
  return 0;
}
