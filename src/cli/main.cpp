// weige: the command line. Subcommands are declared here; their work is in commands.cpp.
#include <CLI/CLI.hpp>

#include "cli/commands.h"

namespace {

void add_common(CLI::App* cmd, weige::cli::Common& c, bool must_exist) {
  cmd->add_option("--db", c.db, must_exist ? "SQLite database file (must exist)" : "SQLite database file")
      ->required();
  cmd->add_option("--key", c.key,
                  "file holding the personal-data key (default: <db>.key; env WEIGE_KEY wins)");
}

}  // namespace

int main(int argc, char** argv) {
  using namespace weige::cli;
  CLI::App app{"weige (微格): micro-grid community governance — grids, people, requests.\n"};
  app.footer(
      "Exit codes: 0 ok; 1 rule violations found; 2 bad arguments; 3 database missing, locked or "
      "unusable; 4 listen address in use; 5 I/O error.\nRun `weige SUBCOMMAND --help` for each "
      "subcommand.");
  app.require_subcommand(1);
  app.set_version_flag("--version", "weige 0.1.0");

  ServeArgs serve_args;
  auto* serve_cmd = app.add_subcommand("serve", "Serve the JSON API (and the web app) over HTTP");
  add_common(serve_cmd, serve_args.common, false);
  serve_cmd->add_option("--listen", serve_args.listen, "address:port to listen on (port 0: any free port)")
      ->capture_default_str();
  serve_cmd->add_option("--web", serve_args.web, "folder of the built web app to serve at /");
  serve_cmd->add_option("--threads", serve_args.threads, "I/O threads")->check(CLI::Range(1, 64))->capture_default_str();
  serve_cmd->add_option("--slow-threads", serve_args.slow_threads,
                        "threads for long requests (scans, search, exports); 0 runs them on the I/O threads")
      ->check(CLI::Range(0, 64))
      ->capture_default_str();
  serve_cmd->add_option("--files", serve_args.files, "folder for attachments (default: <db>.files)");
  serve_cmd->add_option("--deadline-interval", serve_args.deadline_interval,
                        "seconds between scans for overdue stages (automatic escalation)")
      ->check(CLI::Range(1, 3600))->capture_default_str();
  serve_cmd->add_flag("--no-group-commit", serve_args.no_group_commit,
                      "commit each write on its own instead of in batches from one writer thread (for benchmarks)");
  serve_cmd->add_flag("--no-prewarm", serve_args.no_prewarm,
                      "do not read the tables of the case paths into the OS page cache in the background at start");
  serve_cmd->add_flag("--demo-if-empty", serve_args.demo_if_empty,
                      "create the database and load the demo community when it is missing or empty");

  Common init_args;
  auto* init_cmd = app.add_subcommand("init", "Create an empty database with the current schema");
  add_common(init_cmd, init_args, false);

  Common migrate_args;
  auto* migrate_cmd = app.add_subcommand("migrate", "Apply pending schema migrations");
  add_common(migrate_cmd, migrate_args, true);

  Common demo_args;
  auto* demo_cmd = app.add_subcommand(
      "demo", "Create the Shuangfu Road demo community (双福路社区) in a new or empty database");
  add_common(demo_cmd, demo_args, false);
  bool no_history = false;
  demo_cmd->add_flag("--no-history", no_history, "only the map and people, without a year of synthetic cases");

  CityArgs city_args;
  auto* city_cmd = app.add_subcommand("city", "Generate a city-scale dataset for benchmarks (shows progress)");
  add_common(city_cmd, city_args.common, false);
  city_cmd->add_option("--subdistricts", city_args.subdistricts, "subdistricts")->check(CLI::Range(1, 100000))->capture_default_str();
  city_cmd->add_option("--communities", city_args.communities, "communities per subdistrict")->check(CLI::Range(1, 1000))->capture_default_str();
  city_cmd->add_option("--grids", city_args.grids, "grids per community")->check(CLI::Range(1, 899))->capture_default_str();
  city_cmd->add_option("--micro-grids", city_args.micro_grids, "micro-grids per grid")->check(CLI::Range(1, 999))->capture_default_str();
  city_cmd->add_option("--households", city_args.households, "households per micro-grid")->check(CLI::Range(1, 1000))->capture_default_str();
  city_cmd->add_option("--cases-per-day", city_args.cases_per_day,
                       "cases a day over the last --days days; -1: 8 per 1,000 households (a city's 12345 rate); 0: none")
      ->check(CLI::Range(-1, 1000000))
      ->capture_default_str();
  city_cmd->add_option("--days", city_args.days, "days of cases, ending now")->check(CLI::Range(1, 3660))->capture_default_str();
  city_cmd->add_option("--seed", city_args.seed, "random seed")->capture_default_str();
  city_cmd->add_flag("--cases-only", city_args.cases_only,
                     "the map is generated already: only add the year of cases (the database must hold none)");

  Common check_args;
  bool check_json = false;
  auto* check_cmd = app.add_subcommand(
      "check", "Validate the whole map against the never-split rules; list every violation");
  add_common(check_cmd, check_args, true);
  check_cmd->add_flag("--json", check_json, "print the report as JSON");

  ImportArgs import_args;
  auto* import_cmd = app.add_subcommand(
      "import", "Import places, grids or assignments (CSV) or a map (GeoJSON), all or nothing");
  add_common(import_cmd, import_args.common, false);
  import_cmd->add_option("file", import_args.file, "file to read")->required()->check(CLI::ExistingFile);
  import_cmd->add_option("--format", import_args.format, "csv or geojson")->required()
      ->check(CLI::IsMember({"csv", "geojson"}));
  import_cmd->add_option("--dataset", import_args.dataset, "places, grids, assignments or map")->required()
      ->check(CLI::IsMember({"places", "grids", "assignments", "map"}));
  import_cmd->add_flag("--dry-run", import_args.dry_run, "report every problem and write nothing");
  import_cmd->add_flag("--json", import_args.json, "print the report as JSON");

  ExportArgs export_args;
  auto* export_cmd = app.add_subcommand("export", "Export places, grids, assignments or the map");
  add_common(export_cmd, export_args.common, true);
  export_cmd->add_option("--format", export_args.format, "csv or geojson")->required()
      ->check(CLI::IsMember({"csv", "geojson"}));
  export_cmd->add_option("--dataset", export_args.dataset, "places, grids, assignments or map")->required()
      ->check(CLI::IsMember({"places", "grids", "assignments", "map"}));
  export_cmd->add_option("-o,--output", export_args.file, "file to write (default: standard output)");
  long long community = 0;
  export_cmd->add_option("--community", community, "only this community (place id)");

  auto* workflow_cmd = app.add_subcommand("workflow", "Print the case and deliberation workflow tables as Markdown (docs/workflow.md)");

  UserArgs user_args;
  auto* user_cmd = app.add_subcommand("user", "Manage accounts: add, reset, disable, enable, list");
  add_common(user_cmd, user_args.common, true);
  user_cmd->add_option("action", user_args.action, "add, reset, disable, enable or list")->required()
      ->check(CLI::IsMember({"add", "reset", "disable", "enable", "list"}));
  user_cmd->add_option("--username", user_args.username, "the account's username");
  user_cmd->add_option("--role", user_args.role, "add: subdistrict_admin, subdistrict_staff, community_admin, grid_worker, "
                                                 "micro_grid_head, micro_grid_worker, property_staff, police, volunteer, resident");
  user_cmd->add_option("--password", user_args.password, "add: the password (default: generate and print one)");
  user_cmd->add_option("--person", user_args.person, "add: the person behind the account (its grids give its scope)");
  user_cmd->add_option("--grid", user_args.grid, "add: an explicit scope grid (e.g. a community's general grid)");
  user_cmd->add_option("--org", user_args.organisation, "add: the property company of a property_staff account");

  Common audit_args;
  auto* audit_cmd = app.add_subcommand("audit", "Audit trail tools");
  auto* audit_verify_cmd = audit_cmd->add_subcommand("verify", "Check the audit trail's hash chain; exit 1 if tampered with");
  add_common(audit_verify_cmd, audit_args, true);
  audit_cmd->require_subcommand(1);

  Common key_args;
  auto* key_cmd = app.add_subcommand("key", "Personal-data key tools");
  auto* key_rotate_cmd = key_cmd->add_subcommand("rotate", "Re-seal all personal data under a fresh key, then replace the key file");
  add_common(key_rotate_cmd, key_args, true);
  key_cmd->require_subcommand(1);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : kBadArgs;
  }

  if (*serve_cmd) return serve(serve_args);
  if (*init_cmd) return init(init_args);
  if (*workflow_cmd) return workflow();
  if (*user_cmd) return user(user_args);
  if (*audit_verify_cmd) return audit_verify(audit_args);
  if (*key_rotate_cmd) return rotate_key(key_args);
  if (*migrate_cmd) return migrate(migrate_args);
  if (*demo_cmd) return demo(demo_args, !no_history);
  if (*city_cmd) return city(city_args);
  if (*check_cmd) return check(check_args, check_json);
  if (*import_cmd) return import_file(import_args);
  if (*export_cmd) {
    if (community > 0) export_args.community = community;
    return export_file(export_args);
  }
  return kBadArgs;
}
