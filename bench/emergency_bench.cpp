// Declaring an emergency over a whole generated city: resolving the scope,
// forming every team and creating one screening task per household, timed
// to the commit. Prints one JSON line. Works on (and changes) the database
// given: run it on a copy, or pass --end-previous to end the emergencies an
// earlier run declared there first (their tasks stay, ended).
// The page cache is the server's per-connection default unless --cache-mib
// says otherwise.
//   weige_bench_emergency --db FILE [--end-previous] [--cache-mib N]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "service/emergency_service.h"
#include "store/migrations.h"
#include "store/sqlite_db.h"

using namespace weige;

int main(int argc, char** argv) {
  std::string path;
  bool end = false;
  store::SqliteOptions o;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--db") && i + 1 < argc) path = argv[++i];
    if (!std::strcmp(argv[i], "--end-previous")) end = true;
    if (!std::strcmp(argv[i], "--cache-mib") && i + 1 < argc) o.cache_mib = std::atoi(argv[++i]);
  }
  if (path.empty()) {
    std::fprintf(stderr, "usage: weige_bench_emergency --db FILE\n");
    return 2;
  }
  auto db = store::open_sqlite(path, o);
  if (!db) {
    std::fprintf(stderr, "%s\n", db.status().to_string().c_str());
    return 1;
  }
  if (Status s = store::migrate(**db); !s) {
    std::fprintf(stderr, "%s\n", s.to_string().c_str());
    return 1;
  }
  service::DeclareInput in;
  in.name = "全市疫情防控 benchmark";
  in.type = EmergencyType::kEpidemic;
  in.level = 1;
  in.scope_kind = "subdistrict";
  auto ids = (*db)->rows("SELECT id FROM places WHERE kind = 'subdistrict' ORDER BY id");
  if (!ids || ids->empty()) {
    std::fprintf(stderr, "no subdistricts in %s\n", path.c_str());
    return 1;
  }
  for (const auto& r : *ids) in.scope_ids.push_back(r.i64(0));
  service::EmergencyService svc(**db, service::system_clock());
  if (end) {
    auto previous = (*db)->rows("SELECT id FROM emergencies WHERE declared_by = 'bench' AND ended_at IS NULL");
    for (const auto& r : previous ? *previous : std::vector<store::Row>{}) {
      if (auto ended = svc.end(r.i64(0), "bench", "the next benchmark run"); !ended) {
        std::fprintf(stderr, "end: %s\n", ended.status().to_string().c_str());
        return 1;
      }
    }
  }
  auto start = std::chrono::steady_clock::now();
  auto out = svc.declare(in, "bench");
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!out) {
    std::fprintf(stderr, "declare: %s\n", out.status().to_string().c_str());
    return 1;
  }
  std::string stages;
  for (const auto& [name, s] : out->stage_seconds) {
    stages += (stages.empty() ? "\"" : ", \"") + name + "\": " + std::to_string(s);
  }
  std::printf(
      "{\"emergency_id\": %lld, \"places\": %lld, \"buildings\": %lld, \"teams\": %lld, \"members\": %lld, "
      "\"households\": %lld, \"unstaffed_buildings\": %zu, \"seconds\": %.3f, \"tasks_per_s\": %.0f, "
      "\"round_id\": %lld, \"cache_mib\": %d, \"stage_seconds\": {%s}}\n",
      static_cast<long long>(out->emergency.id), static_cast<long long>(out->places),
      static_cast<long long>(out->buildings), static_cast<long long>(out->teams), static_cast<long long>(out->members),
      static_cast<long long>(out->round.households), out->unstaffed_buildings.size(), seconds,
      static_cast<double>(out->round.households) / seconds, static_cast<long long>(out->round.id), o.cache_mib,
      stages.c_str());
  return 0;
}
