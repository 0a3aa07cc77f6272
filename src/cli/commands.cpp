#include "cli/commands.h"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <condition_variable>
#include <ctime>
#include <csignal>
#include <filesystem>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <mutex>
#include <optional>
#include <thread>

#include "crypto/vault.h"
#include "domain/case_workflow.h"
#include "domain/topic_workflow.h"
#include "service/audit.h"
#include "service/auth_service.h"
#include "service/case_service.h"
#include "service/key_rotation.h"
#include "demo/accounts.h"
#include "demo/case_history.h"
#include "demo/city_cases.h"
#include "demo/community_life.h"
#include "demo/generator.h"
#include "http/api.h"
#include "http/server.h"
#include "io/map_export.h"
#include "io/map_import.h"
#include "store/prewarm.h"
#include "service/map_service.h"
#include "store/map_store.h"
#include "store/migrations.h"
#include "store/pool.h"
#include "store/sqlite_db.h"

namespace weige::cli {
namespace {

int fail(int code, const std::string& message) {
  std::fprintf(stderr, "weige: %s\n", message.c_str());
  return code;
}

int exit_for(const Status& s) {
  switch (s.code()) {
    case Code::kInvalid: return kBadArgs;
    case Code::kRuleViolation: return kViolations;
    case Code::kInternal: return kIo;
    default: return kDatabase;
  }
}

// A progress line on stderr, redrawn in place on a terminal.
class ProgressLine {
 public:
  // Prints "stage  pct (done/total)  rate/s  ETA m:ss": on a terminal as one
  // line rewritten in place, otherwise at most once a second and at the end.
  void show(const std::string& stage, std::size_t done, std::size_t total) {
    auto now = Clock::now();
    if (stage != stage_) {
      close_stage(now);
      stage_ = stage;
      started_ = now;
      printed_ = {};
    }
    bool tty = isatty(STDERR_FILENO) != 0;
    if (!tty && done != total && now - printed_ < std::chrono::seconds(1)) return;
    printed_ = now;
    int pct = total ? static_cast<int>(100.0 * static_cast<double>(done) / static_cast<double>(total)) : 100;
    double elapsed = std::chrono::duration<double>(now - started_).count();
    double rate = elapsed > 0 ? static_cast<double>(done) / elapsed : 0;
    char eta[32] = "";
    if (rate > 0 && done < total) {
      auto left = static_cast<long>(static_cast<double>(total - done) / rate);
      std::snprintf(eta, sizeof eta, " ETA %ld:%02ld", left / 60, left % 60);
    }
    std::fprintf(stderr, "%s%-24s %3d%% (%zu/%zu) %.0f/s%s%s", tty ? "\r" : "", stage.c_str(), pct, done, total,
                 rate, eta, tty && done < total ? "\033[K" : "\n");
    std::fflush(stderr);
  }
  // Wall-clock seconds of each stage shown so far (the current one up to now).
  nlohmann::json stage_seconds() {
    close_stage(Clock::now());
    stage_.clear();
    return seconds_;
  }

 private:
  using Clock = std::chrono::steady_clock;
  void close_stage(Clock::time_point now) {
    if (stage_.empty()) return;
    double s = std::chrono::duration<double>(now - started_).count();
    seconds_[stage_] = std::round(s * 10) / 10;
  }
  std::string stage_;
  Clock::time_point started_, printed_;
  nlohmann::json seconds_ = nlohmann::json::object();
};

// Opens the database and migrates it. `create` makes a missing file.
Result<std::unique_ptr<store::Db>> open_db(const std::string& path, bool create, int cache_mib = 64) {
  store::SqliteOptions o;
  o.create = create;
  o.cache_mib = cache_mib;
  WEIGE_ASSIGN(auto db, store::open_sqlite(path, o));
  WEIGE_TRY(store::migrate(*db, [](int v, const std::string& name) {
    spdlog::info("applying migration {:04d} {}", v, name);
  }));
  return db;
}

Result<crypto::Vault> open_vault(const Common& c, bool create) {
  return crypto::Vault::open(c.key_file(), create);
}

Result<bool> is_empty(store::Db& db) {
  WEIGE_ASSIGN(auto n, db.scalar("SELECT count(*) FROM places"));
  return n == 0;
}

int run_demo(store::Db& db, const crypto::Vault& vault, bool with_history = true) {
  ProgressLine line;
  auto summary = demo::generate_demo(db, vault, [&](const demo::Progress& p) {
    line.show(p.stage, p.done, p.total);
  });
  if (!summary) return fail(exit_for(summary.status()), summary.status().message());
  std::fprintf(stderr, "demo community created: %s\n", summary->to_json().dump().c_str());
  if (!with_history) return kOk;
  demo::CaseHistoryParams params;
  params.end = service::system_clock()();
  auto history = demo::generate_case_history(db, vault, params, [&](const demo::Progress& p) {
    line.show("a year of cases (days)", p.done, p.total);
  });
  if (!history) return fail(exit_for(history.status()), history.status().message());
  std::fprintf(stderr, "case history created: %s\n", history->to_json().dump().c_str());
  auto life = demo::generate_community_life(db, vault, {params.end});
  if (!life) return fail(exit_for(life.status()), life.status().message());
  std::fprintf(stderr, "community life created: %s\n", life->to_json().dump().c_str());
  auto accounts = demo::create_demo_accounts(db, service::system_clock());
  if (!accounts) return fail(exit_for(accounts.status()), accounts.status().message());
  return kOk;
}

void print_demo_logins(store::Db& db) {
  auto accounts = demo::demo_accounts(db);
  if (!accounts || accounts->empty()) return;
  std::printf("Demo sign-ins (password for all: %s):\n", demo::kDemoPassword);
  for (const auto& a : *accounts) {
    std::printf("  %-12s %-18s %s\n", a.username.c_str(), std::string(to_string(a.role)).c_str(), a.who.c_str());
  }
}

std::function<void()> g_stop;
void on_signal(int) {
  if (g_stop) g_stop();
}

}  // namespace

int serve(const ServeArgs& args) {
  auto colon = args.listen.rfind(':');
  if (colon == std::string::npos) return fail(kBadArgs, "--listen takes address:port, e.g. 127.0.0.1:8080");
  http::ServerOptions options;
  options.address = args.listen.substr(0, colon);
  try {
    int port = std::stoi(args.listen.substr(colon + 1));
    if (port < 0 || port > 65535) throw std::out_of_range("port");
    options.port = static_cast<std::uint16_t>(port);
  } catch (const std::exception&) {
    return fail(kBadArgs, "--listen: '" + args.listen.substr(colon + 1) + "' is not a port number");
  }
  options.threads = args.threads;

  auto db = open_db(args.common.db, args.demo_if_empty);
  if (!db) return fail(kDatabase, db.status().message());
  auto vault = open_vault(args.common, true);
  if (!vault) return fail(kDatabase, vault.status().message());
  if (args.demo_if_empty) {
    auto empty = is_empty(**db);
    if (!empty) return fail(kDatabase, empty.status().message());
    if (*empty) {
      std::fprintf(stderr, "database is empty: loading the demo community\n");
      if (int rc = run_demo(**db, *vault); rc != kOk) return rc;
    }
  }
  print_demo_logins(**db);
  db.value().reset();  // handlers use the pool's connections

  std::string path = args.common.db;
  store::Pool pool([path]() { return store::open_sqlite(path, {}); },
                   static_cast<std::size_t>(args.threads + args.slow_threads) + 2);
  http::ApiOptions api_options;
  api_options.web_dir = args.web;
  api_options.group_commit = !args.no_group_commit;
  api_options.slow_threads = args.slow_threads;
  api_options.files_dir = args.files.empty() ? args.common.db + ".files" : args.files;
  std::error_code ec;
  std::filesystem::create_directories(api_options.files_dir, ec);
  if (ec) return fail(kIo, "cannot create " + api_options.files_dir + ": " + ec.message());
  // Pre-warming (store/prewarm.h) on a connection of its own, while the
  // server already answers; health reports it.
  std::optional<store::Prewarmer> warmer;
  if (!args.no_prewarm) {
    warmer.emplace(path, [](const Result<store::PrewarmReport>& report, double seconds) {
      if (!report) return spdlog::warn("prewarm failed: {}", report.status().message());
      spdlog::info("prewarm: {} tables and indexes, {} entries in {:.1f} s{}", report->objects, report->entries,
                   seconds, report->stopped ? " (stopped)" : "");
    });
  }
  api_options.prewarm_state = [&warmer] { return warmer ? warmer->state() : std::string("off"); };
  http::Api api(pool, *vault, api_options);
  http::Server server(options, [&api](http::Request& r) { return api.handle(r); });
  if (Status s = server.start(); !s) {
    return fail(s.code() == Code::kInvalid ? kBadArgs : kAddress, s.message());
  }
  g_stop = [&server] { server.stop(); };
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  std::printf("Weige is serving on http://%s:%u/\n", options.address.c_str(), server.port());
  std::fflush(stdout);
  // The deadline scheduler: escalates overdue stages. State lives in the
  // database, so a restart picks up where it left off and never escalates a
  // lapse twice.
  std::mutex stop_mu;
  std::condition_variable stop_cv;
  bool stopping = false;
  std::thread scheduler([&] {
    std::unique_lock lock(stop_mu);
    while (!stop_cv.wait_for(lock, std::chrono::seconds(args.deadline_interval), [&] { return stopping; })) {
      lock.unlock();
      if (auto lease = pool.acquire()) {
        service::CaseService svc(**lease, *vault, service::system_clock());
        auto n = svc.run_deadlines();
        if (!n) spdlog::error("deadline scan failed: {}", n.status().message());
        else if (*n > 0) spdlog::info("deadline scan: {} case(s) escalated or unparked", *n);
      }
      lock.lock();
    }
  });
  server.run();
  api.finish();  // while the server's executors still exist
  {
    std::lock_guard lock(stop_mu);
    stopping = true;
  }
  stop_cv.notify_all();
  scheduler.join();
  std::fprintf(stderr, "weige: stopped\n");
  return kOk;
}

int workflow() {
  std::fputs((workflow_markdown() + deliberation_workflow_markdown()).c_str(), stdout);
  return kOk;
}

int user(const UserArgs& a) {
  auto db = open_db(a.common.db, false);
  if (!db) return fail(kDatabase, db.status().message());
  service::AuthService auth(**db, service::system_clock());
  if (a.action == "list") {
    auto users = auth.list_users();
    if (!users) return fail(kDatabase, users.status().message());
    for (const auto& u : *users) {
      std::printf("%-6lld %-16s %-18s %s\n", static_cast<long long>(u.id), u.username.c_str(),
                  std::string(to_string(u.role)).c_str(), u.disabled ? "disabled" : "");
    }
    return kOk;
  }
  if (a.username.empty()) return fail(kBadArgs, "--username is required");
  if (a.action == "add") {
    auto role = parse_role(a.role);
    if (!role) return fail(kBadArgs, "--role: unknown role '" + a.role + "'");
    service::NewUser n;
    n.username = a.username;
    n.role = *role;
    n.password = a.password.empty() ? crypto::random_token(6) : a.password;
    if (a.person > 0) n.person_id = a.person;
    if (a.grid > 0) n.scope_grid_id = a.grid;
    if (a.organisation > 0) n.organisation_id = a.organisation;
    auto u = auth.create_user(n);
    if (!u) return fail(exit_for(u.status()), u.status().message());
    std::printf("created %s (%s)%s%s\n", u->username.c_str(), std::string(to_string(u->role)).c_str(),
                a.password.empty() ? "; password: " : "", a.password.empty() ? n.password.c_str() : "");
    return kOk;
  }
  auto found = auth.find_user(a.username);
  if (!found) return fail(kDatabase, found.status().message());
  if (!*found) return fail(kBadArgs, "no account named '" + a.username + "'");
  if (a.action == "reset") {
    auto pw = auth.reset_password((*found)->id);
    if (!pw) return fail(exit_for(pw.status()), pw.status().message());
    std::printf("new one-time password for %s: %s (to be changed at next sign-in)\n", a.username.c_str(), pw->c_str());
    return kOk;
  }
  Status s = auth.set_disabled((*found)->id, a.action == "disable");
  if (!s) return fail(exit_for(s), s.message());
  std::printf("%s %s\n", a.username.c_str(), a.action == "disable" ? "disabled" : "enabled");
  return kOk;
}

int audit_verify(const Common& c) {
  auto db = open_db(c.db, false);
  if (!db) return fail(kDatabase, db.status().message());
  auto v = service::audit_verify(**db);
  if (!v) return fail(kDatabase, v.status().message());
  if (v->ok) {
    std::printf("audit trail intact: %lld entries\n", static_cast<long long>(v->entries));
    return kOk;
  }
  std::printf("AUDIT TRAIL TAMPERED WITH: %s\n", v->problem.c_str());
  return kViolations;
}

int rotate_key(const Common& c) {
  if (const char* env = std::getenv("WEIGE_KEY"); env && *env) {
    return fail(kBadArgs, "the key comes from WEIGE_KEY: rotate by re-sealing with a key file instead (unset WEIGE_KEY)");
  }
  auto db = open_db(c.db, false);
  if (!db) return fail(kDatabase, db.status().message());
  auto old_key = crypto::Vault::open(c.key_file(), false);
  if (!old_key) return fail(kDatabase, old_key.status().message());
  std::string fresh_path = c.key_file() + ".new";
  std::remove(fresh_path.c_str());
  auto new_key = crypto::Vault::open(fresh_path, true);
  if (!new_key) return fail(kIo, new_key.status().message());
  auto n = service::reseal_all(**db, *old_key, *new_key);
  if (!n) {
    std::remove(fresh_path.c_str());
    return fail(exit_for(n.status()), "nothing changed: " + n.status().message());
  }
  // The data is sealed under the new key now: put it in place. Should this
  // rename fail, the new key is in <key>.new.
  if (std::rename(fresh_path.c_str(), c.key_file().c_str()) != 0) {
    return fail(kIo, "re-sealed, but could not move " + fresh_path + " to " + c.key_file() + ": move it by hand");
  }
  std::printf("re-sealed %lld row(s) under a new key in %s\n", static_cast<long long>(*n), c.key_file().c_str());
  return kOk;
}

int init(const Common& c) {
  auto db = open_db(c.db, true);
  if (!db) return fail(kDatabase, db.status().message());
  auto vault = open_vault(c, true);
  if (!vault) return fail(kDatabase, vault.status().message());
  std::fprintf(stderr, "database %s is ready\n", c.db.c_str());
  return kOk;
}

int migrate(const Common& c) {
  auto db = open_db(c.db, false);
  if (!db) return fail(kDatabase, db.status().message());
  auto v = store::schema_version(**db);
  if (!v) return fail(kDatabase, v.status().message());
  std::fprintf(stderr, "schema version %d\n", *v);
  return kOk;
}

int demo(const Common& c, bool with_history) {
  auto db = open_db(c.db, true);
  if (!db) return fail(kDatabase, db.status().message());
  auto empty = is_empty(**db);
  if (!empty) return fail(kDatabase, empty.status().message());
  if (!*empty) return fail(kDatabase, "database " + c.db + " already holds places; the demo needs an empty database");
  auto vault = open_vault(c, true);
  if (!vault) return fail(kDatabase, vault.status().message());
  return run_demo(**db, *vault, with_history);
}

// What a generated map holds, counted (for `city --cases-only`).
static Result<nlohmann::json> map_counts(store::Db& db) {
  nlohmann::json out;
  WEIGE_TRY(db.query("SELECT kind, count(*) FROM places GROUP BY kind", {},
                     [&](const store::Row& r) {
                       std::string kind = r.text(0);
                       out[kind == "community" ? std::string("communities") : kind + "s"] = r.i64(1);
                     }));
  WEIGE_TRY(db.query("SELECT kind, count(*) FROM grids GROUP BY kind", {},
                     [&](const store::Row& r) { out[r.text(0) + "s"] = r.i64(1); }));
  WEIGE_ASSIGN(out["persons"], db.scalar("SELECT count(*) FROM persons"));
  return out;
}

int city(const CityArgs& a) {
  // A large page cache: the city tier writes tens of gigabytes in few transactions.
  auto db = open_db(a.common.db, true, 4096);
  if (!db) return fail(kDatabase, db.status().message());
  auto vault = open_vault(a.common, true);
  if (!vault) return fail(kDatabase, vault.status().message());
  demo::CityParams p;
  p.subdistricts = a.subdistricts;
  p.communities_per_subdistrict = a.communities;
  p.grids_per_community = a.grids;
  p.micro_grids_per_grid = a.micro_grids;
  p.households_per_micro_grid = a.households;
  p.seed = a.seed;
  ProgressLine line;
  auto show = [&](const demo::Progress& pr) { line.show(pr.stage, pr.done, pr.total); };
  nlohmann::json out;
  if (a.cases_only) {
    auto counts = map_counts(**db);
    if (!counts) return fail(kDatabase, counts.status().message());
    if (counts->value("households", 0) == 0) return fail(kBadArgs, "--cases-only needs a generated map in " + a.common.db);
    out = *counts;
  } else {
    auto summary = demo::generate_city(**db, *vault, p, show);
    if (!summary) return fail(exit_for(summary.status()), summary.status().message());
    out = summary->to_json();
  }
  // A year of cases at the tier's daily rate: 8 a day per 1,000 households by
  // default (Beijing's 12345 took ~60,000 a day; Chengdu has ~7.5M households).
  std::int64_t households = out.value("households", std::int64_t{0});
  std::int64_t per_day = a.cases_per_day >= 0 ? a.cases_per_day : households * 8 / 1000;
  if (per_day > 0) {
    demo::CityCaseParams cp;
    cp.cases_per_day = static_cast<int>(std::max<std::int64_t>(1, per_day));
    cp.days = a.days;
    cp.end = static_cast<Seconds>(std::time(nullptr));
    cp.seed = a.seed;
    auto cases = demo::generate_city_cases(**db, *vault, cp, show);
    if (!cases) return fail(exit_for(cases.status()), cases.status().message());
    out["cases_per_day"] = per_day;
    out["case_days"] = a.days;
    out.update(cases->to_json());
  }
  out["stage_seconds"] = line.stage_seconds();
  std::printf("%s\n", out.dump(2).c_str());
  return kOk;
}

int check(const Common& c, bool json) {
  auto db = open_db(c.db, false);
  if (!db) return fail(kDatabase, db.status().message());
  service::MapService svc(**db);
  ProgressLine line;
  auto violations = svc.check_all([&](std::size_t done, std::size_t total) {
    if (!json) line.show("checking communities", done, total);
  });
  if (!violations) return fail(kDatabase, violations.status().message());
  std::size_t errors = count_errors(*violations);
  if (json) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& v : *violations) list.push_back(v.to_json());
    std::printf("%s\n", nlohmann::json{{"errors", errors},
                                       {"warnings", violations->size() - errors},
                                       {"violations", list}}
                            .dump(2)
                            .c_str());
  } else {
    for (const auto& v : *violations) {
      std::printf("%s %s [%s] %s\n", v.severity == Severity::kError ? "ERROR  " : "WARNING",
                  std::string(rule_label_zh(v.rule)).c_str(), v.rule.c_str(), v.message.c_str());
    }
    std::printf("%zu error(s), %zu warning(s)\n", errors, violations->size() - errors);
  }
  return errors ? kViolations : kOk;
}

int import_file(const ImportArgs& a) {
  auto format = io::parse_format(a.format);
  auto dataset = io::parse_dataset(a.dataset);
  if (!format || !dataset) return fail(kBadArgs, "unknown --format or --dataset");
  std::ifstream in(a.file, std::ios::binary);
  if (!in) return fail(kIo, "cannot read " + a.file);
  auto db = open_db(a.common.db, true);
  if (!db) return fail(kDatabase, db.status().message());
  auto vault = open_vault(a.common, true);
  if (!vault) return fail(kDatabase, vault.status().message());
  ProgressLine line;
  io::ImportOptions options;
  options.dry_run = a.dry_run;
  options.progress = [&](std::size_t done, std::size_t total) {
    if (!a.json) line.show("importing " + a.dataset, done, total);
  };
  auto report = io::import_map(**db, *vault, in, *format, *dataset, options);
  if (!report) return fail(exit_for(report.status()), report.status().message());
  if (a.json) {
    std::printf("%s\n", report->to_json().dump(2).c_str());
  } else {
    for (const auto& e : report->errors) {
      std::printf("ERROR   line %zu%s%s: %s\n", e.line, e.field.empty() ? "" : " field ",
                  e.field.c_str(), e.message.c_str());
    }
    for (const auto& v : report->violations) {
      std::printf("%s %s [%s] %s\n", v.severity == Severity::kError ? "ERROR  " : "WARNING",
                  std::string(rule_label_zh(v.rule)).c_str(), v.rule.c_str(), v.message.c_str());
    }
    std::printf("%zu row(s): %zu created, %zu updated; %zu error(s), %zu violation(s); %s\n",
                report->rows, report->created, report->updated, report->errors.size(),
                report->violations.size(),
                report->written ? "written" : (a.dry_run ? "dry run, nothing written" : "nothing written"));
  }
  if (!report->errors.empty()) return kBadArgs;
  if (!report->violations.empty()) return kViolations;
  return kOk;
}

int export_file(const ExportArgs& a) {
  auto format = io::parse_format(a.format);
  auto dataset = io::parse_dataset(a.dataset);
  if (!format || !dataset) return fail(kBadArgs, "unknown --format or --dataset");
  auto db = open_db(a.common.db, false);
  if (!db) return fail(kDatabase, db.status().message());
  auto vault = open_vault(a.common, false);
  if (!vault) return fail(kDatabase, vault.status().message());
  std::optional<Id> community;
  if (a.community) community = static_cast<Id>(*a.community);
  Status s;
  if (a.file.empty() || a.file == "-") {
    s = io::export_map(**db, *vault, std::cout, *format, *dataset, community);
    std::cout.flush();
  } else {
    std::ofstream out(a.file, std::ios::binary | std::ios::trunc);
    if (!out) return fail(kIo, "cannot write " + a.file);
    s = io::export_map(**db, *vault, out, *format, *dataset, community);
  }
  if (!s) return fail(exit_for(s), s.message());
  return kOk;
}

}  // namespace weige::cli
