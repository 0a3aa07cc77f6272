#pragma once
// The weige subcommands. Each returns a process exit code:
//   0 success; 1 the data has rule violations (check, import);
//   2 bad arguments; 3 the database is missing, locked or unusable;
//   4 the listen address is in use or cannot be bound; 5 an I/O error.

#include <optional>
#include <string>

namespace weige::cli {

enum Exit { kOk = 0, kViolations = 1, kBadArgs = 2, kDatabase = 3, kAddress = 4, kIo = 5 };

struct Common {
  std::string db;         // database file
  std::string key;        // key file; default: <db>.key (WEIGE_KEY wins when set)
  std::string key_file() const { return key.empty() ? db + ".key" : key; }
};

struct ServeArgs {
  Common common;
  std::string listen = "127.0.0.1:8080";
  std::string web;
  int threads = 2;
  int slow_threads = 2;  // the slow lane's (http/slow_lane.h); 0: slow routes on the I/O threads
  bool demo_if_empty = false;  // create the database and the demo when missing or empty
  std::string files;           // attachments folder; default <db>.files
  int deadline_interval = 30;  // seconds between deadline scans (escalation)
  bool no_group_commit = false;
  bool no_prewarm = false;  // skip reading the hot tables into the OS cache at start (store/prewarm.h)
};
int serve(const ServeArgs& args);

int init(const Common& c);
// with_history: also write a year of synthetic cases ending now.
int demo(const Common& c, bool with_history);

struct CityArgs {
  Common common;
  int subdistricts = 2;
  int communities = 3;
  int grids = 10;
  int micro_grids = 12;
  int households = 40;
  int cases_per_day = -1;  // -1: 8 a day per 1,000 households; 0: no cases
  int days = 365;
  unsigned long long seed = 20261129;
  bool cases_only = false;  // keep the map already in the database
};
int city(const CityArgs& args);

int check(const Common& c, bool json);

struct ImportArgs {
  Common common;
  std::string file;
  std::string format;
  std::string dataset;
  bool dry_run = false;
  bool json = false;
};
int import_file(const ImportArgs& args);

struct ExportArgs {
  Common common;
  std::string file;  // "-" for stdout
  std::string format;
  std::string dataset;
  std::optional<long long> community;
};
int export_file(const ExportArgs& args);

int migrate(const Common& c);

// Prints the case workflow table as Markdown (docs/workflow.md).
int workflow();

struct UserArgs {
  Common common;
  std::string action;  // add, reset, disable, enable, list
  std::string username;
  std::string role;
  std::string password;  // add: empty = generate one and print it
  long long person = 0, grid = 0, organisation = 0;
};
int user(const UserArgs& args);

// Verifies the audit trail's hash chain; exit 1 when it was tampered with.
int audit_verify(const Common& c);

// Re-seals all personal data under a new key and replaces the key file.
int rotate_key(const Common& c);

}  // namespace weige::cli
