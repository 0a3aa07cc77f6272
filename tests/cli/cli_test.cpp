// Black-box tests of the weige binary in a fresh temp directory: help, exit
// codes and messages for bad arguments, a missing or locked database and a
// port in use; demo + check + a crafted bad import.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "crypto/vault.h"
#include "store/db.h"
#include "store/sqlite_db.h"
#include "support/mini_map.h"
#include "support/test_server.h"

namespace weige::testing {
namespace {

struct CliRun {
  int code = -1;
  std::string out;  // stdout and stderr together
};

std::string binary() {
  const char* b = std::getenv("WEIGE_BINARY");
  return b ? b : WEIGE_BINARY_DEFAULT;
}

CliRun run(const std::string& args, const std::string& env = "") {
  std::string cmd = env + " " + binary() + " " + args + " 2>&1";
  CliRun r;
  FILE* p = ::popen(cmd.c_str(), "r");
  std::array<char, 4096> buf{};
  std::size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
  int status = ::pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

TEST(CliTest, HelpListsEverySubcommandAndEachHasItsOwnHelp) {
  CliRun r = run("--help");
  EXPECT_EQ(r.code, 0);
  for (const char* sub : {"serve", "init", "migrate", "demo", "city", "check", "import", "export"}) {
    EXPECT_NE(r.out.find(sub), std::string::npos) << sub;
    CliRun h = run(std::string(sub) + " --help");
    EXPECT_EQ(h.code, 0) << sub;
    EXPECT_NE(h.out.find("--db"), std::string::npos) << sub << ": " << h.out;
  }
  EXPECT_NE(r.out.find("Exit codes"), std::string::npos);
}

TEST(CliTest, BadArgumentsExitTwo) {
  EXPECT_EQ(run("").code, 2);
  EXPECT_EQ(run("frobnicate").code, 2);
  EXPECT_EQ(run("check").code, 2);  // --db missing
  CliRun r = run("serve --db x.db --listen nowhere");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.out.find("--listen"), std::string::npos);
}

TEST(CliTest, MissingDatabaseExitsThreeWithItsName) {
  TempDir dir;
  CliRun r = run("check --db " + dir.file("absent.db"));
  EXPECT_EQ(r.code, 3);
  EXPECT_NE(r.out.find("absent.db"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("does not exist"), std::string::npos) << r.out;
}

TEST(CliTest, LockedDatabaseExitsThree) {
  TempDir dir;
  std::string db = dir.file("locked.db");
  auto holder = open_test_db(db);
  ASSERT_TRUE(holder->exec_script("BEGIN EXCLUSIVE; INSERT INTO meta VALUES ('k', 'v');"));
  CliRun r = run("demo --db " + db + " --key " + dir.file("k.key"));
  EXPECT_EQ(r.code, 3) << r.out;
  EXPECT_NE(r.out.find("locked"), std::string::npos) << r.out;
  ASSERT_TRUE(holder->rollback());
}

TEST(CliTest, PortInUseExitsFour) {
  TempDir dir;
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  ASSERT_EQ(::listen(fd, 1), 0);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  int port = ntohs(addr.sin_port);
  ASSERT_EQ(run("init --db " + dir.file("p.db")).code, 0);
  CliRun r = run("serve --db " + dir.file("p.db") + " --listen 127.0.0.1:" + std::to_string(port));
  ::close(fd);
  EXPECT_EQ(r.code, 4) << r.out;
  EXPECT_NE(r.out.find("in use"), std::string::npos) << r.out;
}

TEST(CliTest, DemoChecksCleanAndRefusesToRunTwice) {
  TempDir dir;
  std::string db = dir.file("demo.db");
  CliRun demo = run("demo --db " + db);
  ASSERT_EQ(demo.code, 0) << demo.out;
  CliRun check = run("check --db " + db);
  EXPECT_EQ(check.code, 0) << check.out;
  EXPECT_NE(check.out.find("0 error(s), 0 warning(s)"), std::string::npos) << check.out;
  CliRun again = run("demo --db " + db);
  EXPECT_EQ(again.code, 3) << again.out;
}

// A crafted import that breaks each never-split rule: check-style report names
// each, nothing is written, and --dry-run of a good file writes nothing either.
TEST(CliTest, BadImportNamesEachViolationAndWritesNothing) {
  TempDir dir;
  std::string db = dir.file("imp.db");
  ASSERT_EQ(run("init --db " + db).code, 0);
  {
    std::ofstream grids(dir.file("grids.csv"));
    grids << "kind,code,name,parent_code,community_code,boundary\n"
             "general_grid,510108012005000000,A总网格,,C-A,\n"
             "grid,510108012005001000,A一网格,510108012005000000,,\n"
             "micro_grid,510108012005001001,A一-1,510108012005001000,,\n"
             "grid,510108012005002000,A二网格,510108012005000000,,\n"
             "micro_grid,510108012005002001,A二-1,510108012005002000,,\n"
             "general_grid,510108012006000000,B总网格,,C-B,\n"
             "grid,510108012006001000,B一网格,510108012006000000,,\n"
             "micro_grid,510108012006001001,B一-1,510108012006001000,,\n";
    std::ofstream places(dir.file("places.csv"));
    places << "kind,code,parent_code,name,grid_code,lng,lat\n"
              "subdistrict,S,,万年场街道,,,\n"
              "community,C-A,S,双福路社区,,,\n"
              "community,C-B,S,二仙桥社区,,,\n";
  }
  std::string key = " --key " + dir.file("imp.key");
  CliRun g0 = run("import --db " + db + key + " --format csv --dataset places " + dir.file("places.csv"));
  ASSERT_EQ(g0.code, 0) << g0.out;
  CliRun g1 = run("import --db " + db + key + " --format csv --dataset grids " + dir.file("grids.csv"));
  ASSERT_EQ(g1.code, 0) << g1.out;
  {
    std::ofstream bad(dir.file("bad.csv"));
    bad << "kind,code,parent_code,name,grid_code,lng,lat\n"
           "compound,HR6,C-A,华润六期,510108012005001000,,\n"
           "building,HR6-1,HR6,1栋,,,\n"
           "unit,HR6-1-1,HR6-1,1单元,510108012005001001,,\n"
           "unit,HR6-1-2,HR6-1,2单元,510108012005002001,,\n"       // other grid: splits the compound
           "household,HR6-1-1-101,HR6-1-1,101,510108012005001001,,\n"
           "household,HR6-1-1-102,HR6-1-1,102,510108012005002001,,\n"  // other micro-grid: splits the unit
           "compound,XQ,C-A,小区,510108012005001000,,\n"
           "building,XQ-1,XQ,1栋,,,\n"
           "unit,XQ-1-1,XQ-1,1单元,510108012006001001,,\n";        // community B's micro-grid
  }
  store::SqliteOptions o;
  auto conn = store::open_sqlite(db, o);
  ASSERT_TRUE(conn);
  std::string before = dump(**conn);
  CliRun r = run("import --db " + db + key + " --format csv --dataset places " + dir.file("bad.csv"));
  EXPECT_EQ(r.code, 1) << r.out;
  for (const char* rule : {"grid_splits_compound", "micro_grid_splits_unit", "general_grid_spans_communities"}) {
    EXPECT_NE(r.out.find(rule), std::string::npos) << rule << "\n" << r.out;
  }
  EXPECT_NE(r.out.find("华润六期"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("510108012005002000"), std::string::npos) << r.out;  // the grids involved
  EXPECT_EQ(before, dump(**conn));
  CliRun check = run("check --db " + db);
  EXPECT_EQ(check.code, 0) << check.out;
}

TEST(CliTest, ExportImportRoundTripsTheDemo) {
  TempDir dir;
  std::string db = dir.file("a.db");
  ASSERT_EQ(run("demo --no-history --db " + db).code, 0);
  CliRun ex = run("export --db " + db + " --format geojson --dataset map -o " + dir.file("map.geojson"));
  ASSERT_EQ(ex.code, 0) << ex.out;
  std::string db2 = dir.file("b.db");
  CliRun im = run("import --db " + db2 + " --format geojson --dataset map " + dir.file("map.geojson"));
  ASSERT_EQ(im.code, 0) << im.out;
  CliRun check = run("check --db " + db2 + " --json");
  EXPECT_EQ(check.code, 0) << check.out;
  auto a = store::open_sqlite(db, {});
  auto b = store::open_sqlite(db2, {});
  ASSERT_TRUE(a && b);
  for (const char* sql : {"SELECT count(*) FROM grids", "SELECT count(*) FROM places",
                          "SELECT count(*) FROM grids WHERE kind = 'micro_grid'"}) {
    EXPECT_EQ(*(*a)->scalar(sql), *(*b)->scalar(sql)) << sql;
  }
}

}  // namespace
}  // namespace weige::testing

namespace weige::testing {
namespace {

TEST(CliAccountsTest, UserAddResetDisableAndList) {
  TempDir dir;
  std::string db = dir.file("u.db");
  ASSERT_EQ(run("init --db " + db).code, 0);
  CliRun add = run("user add --db " + db + " --username clerk --role grid_worker --password long-enough-pw");
  EXPECT_EQ(add.code, 0) << add.out;
  EXPECT_EQ(run("user add --db " + db + " --username clerk --role grid_worker --password long-enough-pw").code, 3);
  EXPECT_EQ(run("user add --db " + db + " --username x --role wizard").code, 2);
  CliRun gen = run("user add --db " + db + " --username second --role volunteer");
  EXPECT_NE(gen.out.find("password: "), std::string::npos) << gen.out;
  CliRun reset = run("user reset --db " + db + " --username clerk");
  EXPECT_EQ(reset.code, 0);
  EXPECT_NE(reset.out.find("one-time password"), std::string::npos);
  EXPECT_EQ(run("user disable --db " + db + " --username clerk").code, 0);
  CliRun list = run("user list --db " + db);
  EXPECT_NE(list.out.find("clerk"), std::string::npos);
  EXPECT_NE(list.out.find("disabled"), std::string::npos);
  EXPECT_EQ(run("user reset --db " + db + " --username nobody").code, 2);
}

TEST(CliAccountsTest, AuditVerifyDetectsTamperingAndKeyRotationKeepsDataReadable) {
  TempDir dir;
  std::string db = dir.file("a.db");
  ASSERT_EQ(run("demo --no-history --db " + db).code, 0);
  // The command line writes no audit entries; an empty trail verifies.
  CliRun ok = run("audit verify --db " + db);
  EXPECT_EQ(ok.code, 0) << ok.out;
  CliRun before = run("export --db " + db + " --format csv --dataset assignments");
  ASSERT_EQ(before.code, 0) << before.out.substr(0, 300);
  std::ifstream key_in(db + ".key");
  std::string old_key((std::istreambuf_iterator<char>(key_in)), std::istreambuf_iterator<char>());
  CliRun rotate = run("key rotate --db " + db);
  ASSERT_EQ(rotate.code, 0) << rotate.out;
  std::ifstream key_after(db + ".key");
  std::string new_key((std::istreambuf_iterator<char>(key_after)), std::istreambuf_iterator<char>());
  EXPECT_NE(old_key, new_key);
  CliRun after = run("export --db " + db + " --format csv --dataset assignments");
  ASSERT_EQ(after.code, 0) << after.out.substr(0, 300);
  EXPECT_EQ(before.out, after.out);  // the same phones, read through the new key
}

TEST(CliAccountsTest, AuditVerifyFailsOnAChangedEntry) {
  TestServer server;
  build(server.port());
  std::string copy = server.db_path() + ".copy";
  ASSERT_TRUE(server.db().exec_script("VACUUM INTO '" + copy + "'"));
  EXPECT_EQ(run("audit verify --db " + copy).code, 0);
  {
    auto conn = open_test_db(copy);
    ASSERT_TRUE(conn->exec_script("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET username = 'someone' WHERE id = 2"));
  }
  CliRun bad = run("audit verify --db " + copy);
  EXPECT_EQ(bad.code, 1) << bad.out;
  EXPECT_NE(bad.out.find("entry 2"), std::string::npos) << bad.out;
}

// The benchmark's generator at a tiny tier: a map, then 30 days of cases
// with progress and per-stage seconds; reporters sealed, every case with its
// report event, rates plausible, and the search index and rollup in step.
TEST(CliCityTest, GeneratesCasesWithProgressStagesAndSealedReporters) {
  using nlohmann::json;
  TempDir dir;
  std::string db = dir.file("city.db");
  CliRun r = run("city --db " + db +
                 " --subdistricts 1 --communities 2 --grids 2 --micro-grids 3 --households 40 --cases-per-day 60 "
                 "--days 30");
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("cases"), std::string::npos);
  EXPECT_NE(r.out.find("/s"), std::string::npos) << "progress shows a rate: " << r.out.substr(0, 400);
  json summary = json::parse(r.out.substr(r.out.find("\n{") + 1));
  std::int64_t cases = summary["cases"];
  EXPECT_GT(cases, 30 * 60 * 70 / 100);
  EXPECT_LT(cases, 30 * 60 * 115 / 100);
  EXPECT_EQ(summary["cases_per_day"], 60);
  EXPECT_GT(summary["events"].get<std::int64_t>(), cases);
  EXPECT_GT(summary["hotline"].get<std::int64_t>(), cases / 5);
  EXPECT_GT(summary["open"].get<std::int64_t>(), 0);
  for (const char* stage : {"plan", "map", "people", "cases"}) EXPECT_TRUE(summary["stage_seconds"].contains(stage)) << stage;

  auto opened = open_test_db(db);
  store::Db& d = *opened;
  auto count = [&](const std::string& where) { return *d.scalar("SELECT count(*) FROM cases WHERE " + where); };
  EXPECT_EQ(count("1"), cases);
  EXPECT_EQ(count("id NOT IN (SELECT case_id FROM case_events WHERE action = 'report')"), 0);
  EXPECT_EQ(count("grid_id IS NULL OR community_id IS NULL OR place_id IS NULL"), 0);
  // Phones sealed exactly as intake seals them: the sealed bytes open with the database's key to
  // a mobile number whose blind index is the one stored; no plaintext number in the row.
  EXPECT_GT(count("reporter_phone_index IS NOT NULL"), cases / 5);
  EXPECT_EQ(count("(reporter_phone_sealed IS NULL) <> (reporter_phone_index IS NULL)"), 0);
  auto vault = crypto::Vault::open(db + ".key", false);
  ASSERT_TRUE(vault);
  auto sealed = d.rows("SELECT reporter_phone_sealed, reporter_phone_index, reporter_name_sealed FROM cases WHERE "
                       "reporter_phone_index IS NOT NULL ORDER BY id LIMIT 50");
  ASSERT_TRUE(sealed);
  for (const auto& row : *sealed) {
    auto phone = vault->unseal(row.text(0));
    ASSERT_TRUE(phone) << phone.status().to_string();
    EXPECT_EQ(phone->size(), 11u);
    EXPECT_EQ(row.text(0).find(*phone), std::string::npos);
    EXPECT_EQ(vault->blind_index("phone:" + *phone), row.text(1));
    EXPECT_EQ(count("instr(CAST(reporter_phone_sealed AS TEXT), '" + *phone + "') > 0 OR instr(description, '" +
                    *phone + "') > 0"),
              0);
  }
  // Never-leave rates a real net could show.
  double finished = static_cast<double>(count("state IN ('closed','rated')"));
  double micro = static_cast<double>(count("state IN ('closed','rated') AND settled_level = 1")) / finished;
  double community = static_cast<double>(count("state IN ('closed','rated') AND settled_level <= 2")) / finished;
  EXPECT_GT(finished / static_cast<double>(cases), 0.8);
  EXPECT_GT(micro, 0.3);
  EXPECT_LT(micro, 0.7);
  EXPECT_GT(community, 0.85);
  EXPECT_LT(community, 1.0);
  // The search index and the rollup were filled by their triggers.
  EXPECT_EQ(*d.scalar("SELECT count(*) FROM cases_fts WHERE cases_fts MATCH '\"电梯故障\"'"),
            count("instr(description, '电梯故障') > 0"));
  EXPECT_GT(count("instr(description, '电梯故障') > 0"), 0);
  EXPECT_EQ(*d.scalar("SELECT sum(finished) FROM case_rollup WHERE tier = 0"), static_cast<std::int64_t>(finished));
  // Loaded without row-by-row foreign key checks: every reference is valid all the same.
  auto broken = d.rows("PRAGMA foreign_key_check");
  ASSERT_TRUE(broken);
  EXPECT_EQ(broken->size(), 0u);
  // The generator loads without indexes and derived-table triggers and builds them after: every one is
  // back, as a freshly migrated database has them.
  auto fresh = open_test_db(dir.file("fresh.db"));
  const std::string objects = "SELECT type, name, sql FROM sqlite_master WHERE type IN ('index','trigger') ORDER BY name";
  auto want = fresh->rows(objects), got = d.rows(objects);
  ASSERT_TRUE(want && got);
  ASSERT_EQ(got->size(), want->size());
  for (std::size_t i = 0; i < want->size(); ++i) {
    EXPECT_EQ((*got)[i].text(1), (*want)[i].text(1));
    EXPECT_EQ((*got)[i].text(2), (*want)[i].text(2));
  }
}

}  // namespace
}  // namespace weige::testing
