#include "demo/generator.h"

#include <cmath>
#include <cstdio>

#include "demo/names.h"
#include "demo/plan.h"
#include "demo/writer.h"
#include "store/bulk_load.h"
#include "store/migrations.h"

namespace weige::demo {
namespace {

constexpr const char* kDistrictCode = "510108";  // 成华区, Chengdu
constexpr Point kCentre{104.12, 30.66};          // near Wanniangchang
constexpr double kCommunityWidth = 0.012;        // degrees: about 1.15 km
constexpr double kCommunityHeight = 0.009;       // about 1 km
constexpr double kGap = 0.001;                   // between neighbouring areas
constexpr std::int64_t kMaxHouseholds = 10'000'000;  // the benchmark's city tier: 7.68 million

struct SubdistrictSpec {
  std::string name;
  std::string code9;
  Rect rect;
  std::vector<CommunitySpec> communities;
};

std::string code3(int n) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%03d", n);
  return buf;
}

// Reports a stage's progress at most about a hundred times, and always at its end.
class Reporter {
 public:
  explicit Reporter(const ProgressFn& fn) : fn_(fn) {}
  void begin(std::string stage, std::size_t total) {
    stage_ = std::move(stage);
    total_ = total;
    done_ = last_ = 0;
    emit();
  }
  void advance(std::size_t n) {
    done_ += n;
    if (done_ >= total_ || done_ - last_ >= std::max<std::size_t>(1, total_ / 100)) emit();
  }

 private:
  void emit() {
    last_ = done_;
    if (fn_) fn_(Progress{stage_, done_, total_});
  }
  const ProgressFn& fn_;
  std::string stage_;
  std::size_t total_ = 0, done_ = 0, last_ = 0;
};

// Shuangfu Road community, with the article's figures.
std::vector<SubdistrictSpec> demo_specs() {
  CommunitySpec c;
  c.subdistrict = "万年场街道";
  c.name = "双福路社区";
  c.code12 = std::string(kDistrictCode) + "005" + "003";  // illustrative codes
  c.rect = rect_around(kCentre, kCommunityWidth, kCommunityHeight);
  // 11 ordinary grids with 129 micro-grids; the first grid is Huarun's.
  c.micro_grids_per_grid = {12, 12, 12, 12, 12, 12, 12, 12, 11, 11, 11};
  c.households_per_micro_grid = 40;
  c.featured = FeaturedCompound{"华润六期锦云府", 12, "华润物业", 6};
  c.office_tower = "双福国际写字楼";
  c.mall = "润街商城";
  c.shop_street = "润街";
  c.seed = CityParams{}.seed;
  Rect sub = rect_around(kCentre, kCommunityWidth + 2 * kGap, kCommunityHeight + 2 * kGap);
  return {SubdistrictSpec{c.subdistrict, c.code12.substr(0, 9), sub, {c}}};
}

int columns_for(int n) {
  return static_cast<int>(std::ceil(std::sqrt(static_cast<double>(n))));
}

// Subdistricts side by side around kCentre, each holding its communities in
// a near-square block.
std::vector<SubdistrictSpec> city_specs(const CityParams& p) {
  const int ccols = columns_for(p.communities_per_subdistrict);
  const int crows = (p.communities_per_subdistrict + ccols - 1) / ccols;
  const double cell_w = kCommunityWidth + kGap, cell_h = kCommunityHeight + kGap;
  const double sub_w = ccols * cell_w + kGap, sub_h = crows * cell_h + kGap;
  const int scols = columns_for(p.subdistricts);
  const int srows = (p.subdistricts + scols - 1) / scols;
  const double west0 = kCentre.lng - scols * sub_w / 2, north0 = kCentre.lat + srows * sub_h / 2;

  std::vector<SubdistrictSpec> out;
  for (int s = 0; s < p.subdistricts; ++s) {
    double west = west0 + (s % scols) * sub_w, north = north0 - (s / scols) * sub_h;
    Point sub_centre{west + sub_w / 2, north - sub_h / 2};
    SubdistrictSpec sub{subdistrict_name(static_cast<std::size_t>(s)),
                        kDistrictCode + code3(s + 1),
                        rect_around(sub_centre, sub_w - kGap, sub_h - kGap),
                        {}};
    for (int c = 0; c < p.communities_per_subdistrict; ++c) {
      const int k = s * p.communities_per_subdistrict + c;
      CommunitySpec spec;
      spec.subdistrict = sub.name;
      spec.name = community_name(static_cast<std::size_t>(k));
      spec.code12 = sub.code9 + code3(c + 1);
      Point centre{west + kGap / 2 + (c % ccols + 0.5) * cell_w,
                   north - kGap / 2 - (c / ccols + 0.5) * cell_h};
      spec.rect = rect_around(centre, kCommunityWidth, kCommunityHeight);
      spec.micro_grids_per_grid.assign(static_cast<std::size_t>(p.grids_per_community),
                                       p.micro_grids_per_grid);
      spec.households_per_micro_grid = p.households_per_micro_grid;
      spec.seed = derive_seed(p.seed, static_cast<std::uint64_t>(k));
      sub.communities.push_back(std::move(spec));
    }
    out.push_back(std::move(sub));
  }
  return out;
}

Status validate(const CityParams& p) {
  auto in = [](int v, int lo, int hi) { return v >= lo && v <= hi; };
  if (!in(p.subdistricts, 1, 999)) return Status::invalid("subdistricts is 1-999");
  if (!in(p.communities_per_subdistrict, 1, 999)) {
    return Status::invalid("communities_per_subdistrict is 1-999");
  }
  if (!in(p.grids_per_community, 1, 899)) return Status::invalid("grids_per_community is 1-899");
  if (!in(p.micro_grids_per_grid, 1, 999)) return Status::invalid("micro_grids_per_grid is 1-999");
  if (!in(p.households_per_micro_grid, 6, 400)) {
    return Status::invalid("households_per_micro_grid is 6-400");
  }
  std::int64_t households = std::int64_t{p.subdistricts} * p.communities_per_subdistrict *
                            p.grids_per_community * p.micro_grids_per_grid *
                            p.households_per_micro_grid;
  if (households > kMaxHouseholds) {
    return Status::invalid("a generated city holds at most " + std::to_string(kMaxHouseholds) +
                           " households; these parameters ask for " + std::to_string(households));
  }
  return {};
}

Status require_empty(store::Db& db) {
  WEIGE_ASSIGN(int version, store::schema_version(db));
  if (version == 0) return Status::invalid("the database is not migrated");
  WEIGE_ASSIGN(std::int64_t places, db.scalar("SELECT count(*) FROM places"));
  WEIGE_ASSIGN(std::int64_t grids, db.scalar("SELECT count(*) FROM grids"));
  if (places > 0 || grids > 0) {
    return Status::conflict("the database already holds " + std::to_string(places) +
                            " places and " + std::to_string(grids) +
                            " grids; generate into an empty database");
  }
  return {};
}

// Writes every stage for every community; the caller holds the transaction.
Status write_all(store::Db& db, Writer& writer, const std::vector<SubdistrictSpec>& subs, Reporter& report) {
  std::vector<CommunityPlan> plans;
  std::vector<std::size_t> subdistrict_of;
  std::size_t n = 0;
  for (const auto& s : subs) n += s.communities.size();
  report.begin("plan", n);
  std::size_t households = 0;
  for (std::size_t s = 0; s < subs.size(); ++s) {
    for (const CommunitySpec& spec : subs[s].communities) {
      plans.push_back(plan_community(spec));
      subdistrict_of.push_back(s);
      households += static_cast<std::size_t>(plans.back().household_count());
      report.advance(1);
    }
  }

  report.begin("map", n);
  std::vector<Id> subdistrict_ids;
  for (const auto& s : subs) {
    WEIGE_ASSIGN(Id id, writer.write_subdistrict(s.name, s.code9, s.rect));
    subdistrict_ids.push_back(id);
  }
  std::vector<CommunityIds> ids;
  for (std::size_t i = 0; i < n; ++i) {
    WEIGE_ASSIGN(CommunityIds c, writer.write_map(plans[i], subdistrict_ids[subdistrict_of[i]]));
    WEIGE_TRY(writer.write_organisations(plans[i], c));
    ids.push_back(std::move(c));
    report.advance(1);
  }

  // Persons are written without their indexes (random blind-index keys),
  // which are built once after the links, in the same transaction.
  WEIGE_ASSIGN(auto deferred, store::DeferredSchema::set_aside(db, {"persons"}));
  report.begin("people", households);
  for (std::size_t i = 0; i < n; ++i) {
    WEIGE_TRY(writer.write_people(plans[i], ids[i], [&](std::size_t h) { report.advance(h); }));
  }
  report.begin("roles", n);
  for (std::size_t i = 0; i < n; ++i) {
    WEIGE_TRY(writer.write_roles(plans[i], ids[i]));
    report.advance(1);
  }
  report.begin("links", n);
  for (std::size_t i = 0; i < n; ++i) {
    WEIGE_TRY(writer.write_links(ids[i]));
    report.advance(1);
  }
  report.begin("person indexes", deferred.size());
  WEIGE_TRY(deferred.restore(db, [&](const std::string&) { report.advance(1); }));
  report.begin("check", n);
  for (std::size_t i = 0; i < n; ++i) {
    WEIGE_TRY(writer.check(ids[i].community));
    report.advance(1);
  }
  return {};
}

Result<Summary> generate(store::Db& db, const crypto::Vault& vault,
                         const std::vector<SubdistrictSpec>& subs, const ProgressFn& progress) {
  Summary summary;
  Reporter report(progress);
  Status s = store::in_write_transaction(db, [&]() -> Status {
    WEIGE_TRY(require_empty(db));
    Writer writer(db, vault, summary);
    return write_all(db, writer, subs, report);
  });
  if (!s) return s;
  return summary;
}

}  // namespace

nlohmann::json Summary::to_json() const {
  return {{"subdistricts", subdistricts},
          {"communities", communities},
          {"compounds", compounds},
          {"buildings", buildings},
          {"units", units},
          {"households", households},
          {"persons", persons},
          {"general_grids", general_grids},
          {"grids", grids},
          {"exclusive_grids", exclusive_grids},
          {"micro_grids", micro_grids},
          {"sites", sites},
          {"organisations", organisations},
          {"assignments", assignments},
          {"party_volunteers", party_volunteers},
          {"links", links}};
}

Result<Summary> generate_demo(store::Db& db, const crypto::Vault& vault,
                              const ProgressFn& progress) {
  return generate(db, vault, demo_specs(), progress);
}

Result<Summary> generate_city(store::Db& db, const crypto::Vault& vault, const CityParams& params,
                              const ProgressFn& progress) {
  WEIGE_TRY(validate(params));
  return generate(db, vault, city_specs(params), progress);
}

}  // namespace weige::demo
