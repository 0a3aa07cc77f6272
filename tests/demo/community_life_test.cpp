// The demo's community life: what it writes, where the fumes case goes, that
// it runs once, and that the same demo and end time give the same rows.
#include "demo/community_life.h"

#include <gtest/gtest.h>

#include <stdlib.h>

#include <filesystem>

#include "demo/case_history.h"
#include "demo/generator.h"
#include "store/migrations.h"
#include "store/sqlite_db.h"

namespace weige::demo {
namespace {

namespace fs = std::filesystem;

// A migrated database in a fresh folder, removed with it.
class Scratch {
 public:
  Scratch() {
    std::string tmpl = (fs::temp_directory_path() / "weige-life-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp");
    dir_ = tmpl;
  }
  ~Scratch() { fs::remove_all(dir_); }
  std::unique_ptr<store::Db> open(const std::string& name) {
    auto db = store::open_sqlite((dir_ / name).string(), {.create = true});
    if (!db || !store::migrate(**db)) throw std::runtime_error("cannot open " + name);
    return std::move(db).value();
  }

 private:
  fs::path dir_;
};

constexpr Seconds kEnd = 1796004000;  // Monday 2026-11-30 10:00 in Chengdu

std::string rows(store::Db& db, const std::string& sql) {
  std::string out;
  auto r = db.rows(sql);
  EXPECT_TRUE(r) << sql << ": " << r.status().to_string();
  if (!r) return out;
  for (const auto& row : *r) {
    for (std::size_t i = 0; i < row.size(); ++i) out += (i ? "|" : "") + row.text(i);
    out += "\n";
  }
  return out;
}

std::int64_t count(store::Db& db, const std::string& sql) { return *db.scalar(sql); }

TEST(DemoCommunityLifeTest, WritesALittleOfEverythingOnceAndTheSameEachTime) {
  Scratch dir;
  crypto::Vault vault = crypto::Vault::random_for_test();
  auto a = dir.open("a.db");
  auto b = dir.open("b.db");
  for (store::Db* db : {a.get(), b.get()}) {
    ASSERT_TRUE(generate_demo(*db, vault));
    CaseHistoryParams history;
    history.end = kEnd;
    history.days = 3;
    ASSERT_TRUE(generate_case_history(*db, vault, history));
  }
  auto sum = generate_community_life(*a, vault, {kEnd});
  ASSERT_TRUE(sum) << sum.status().to_string();
  EXPECT_EQ(sum->patrol_plans, 1);
  EXPECT_EQ(sum->patrols, 1);
  EXPECT_EQ(sum->visits, 6);
  EXPECT_EQ(sum->topics, 1);  // Grandma Wang's
  EXPECT_EQ(sum->conventions, 2);
  EXPECT_GT(sum->signons, 100);
  EXPECT_EQ(sum->notices, 1);
  EXPECT_EQ(sum->meetings, 1);
  EXPECT_EQ(generate_community_life(*a, vault, {kEnd}).status().code(), Code::kConflict);

  // The fumes became a patrol case for the alliance; the cars stayed a suggestion.
  auto fumes = a->row("SELECT c.channel, c.handler, o.kind FROM patrol_observations p JOIN cases c ON c.id = p.case_id "
                      "JOIN organisations o ON o.id = c.handler_org_id WHERE p.outcome = 'case'");
  ASSERT_TRUE(fumes && *fumes);
  EXPECT_EQ((*fumes)->text(0), "patrol");
  EXPECT_EQ((*fumes)->text(1), "community");
  EXPECT_EQ((*fumes)->text(2), "alliance");
  EXPECT_EQ(count(*a, "SELECT count(*) FROM patrol_observations WHERE outcome = 'suggestion'"), 1);
  // Everything happened before the end, and the patrol last month.
  for (const char* sql : {"SELECT max(at) FROM visits", "SELECT max(started_at) FROM patrols",
                          "SELECT max(published_at) FROM notices", "SELECT max(held_at) FROM meetings"}) {
    EXPECT_LE(count(*a, sql), kEnd) << sql;
  }
  EXPECT_LT(count(*a, "SELECT max(started_at) FROM patrols"), kEnd - 30 * 86400 + 86400 * 2);
  // The adopted convention passed its own vote.
  EXPECT_GT(count(*a, "SELECT count(*) FROM votes WHERE ballot = 'for'") * 2,
            count(*a, "SELECT count(*) FROM votes"));

  ASSERT_TRUE(generate_community_life(*b, vault, {kEnd}));
  for (const char* sql : {"SELECT * FROM patrol_plans", "SELECT * FROM patrol_plan_places", "SELECT * FROM patrols",
                          "SELECT * FROM patrol_checkins", "SELECT id, patrol_id, place_id, text, outcome FROM patrol_observations",
                          "SELECT * FROM visits", "SELECT * FROM household_care", "SELECT * FROM conventions",
                          "SELECT * FROM convention_versions", "SELECT * FROM votes", "SELECT * FROM convention_signons",
                          "SELECT * FROM meetings", "SELECT * FROM meeting_decisions", "SELECT * FROM notices",
                          "SELECT * FROM notice_reads", "SELECT * FROM topics", "SELECT * FROM comments",
                          "SELECT * FROM campaigns", "SELECT * FROM campaign_cases"}) {
    std::string left = rows(*a, std::string(sql) + " ORDER BY 1, 2");
    EXPECT_FALSE(left.empty()) << sql;
    EXPECT_EQ(left, rows(*b, std::string(sql) + " ORDER BY 1, 2")) << sql;
  }
}

}  // namespace
}  // namespace weige::demo
