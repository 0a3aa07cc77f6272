#pragma once
// What the plain-loop benchmarks (case_insert_bench, case_read_bench) share:
// the process's CPU time and a failed step's report.
#include <sys/resource.h>

#include <cstdio>

#include <string>
#include <utility>

#include "domain/status.h"
#include "store/db.h"

namespace weige::bench {

inline double cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

inline int fail(const Status& s, const char* what) {
  std::fprintf(stderr, "%s: %s\n", what, s.to_string().c_str());
  return 1;
}

// The lowest and highest case id of the database at `path`, opened as `db`;
// false (and a message) when it holds no cases.
inline bool case_id_range(store::Db& db, const std::string& path, std::pair<Id, Id>& out) {
  auto range = db.row("SELECT min(id), max(id) FROM cases");
  if (!range || !*range || (*range)->is_null(0)) {
    std::fprintf(stderr, "no cases in %s\n", path.c_str());
    return false;
  }
  out = {(*range)->i64(0), (*range)->i64(1)};
  return true;
}

}  // namespace weige::bench
