// Assignments by phone: the person is found through the blind index, the
// organisation by name; identical rows are unchanged, not errors.

#include <gtest/gtest.h>

#include "io/io_fixture.h"
#include "io/sample_map.h"
#include "service/people_service.h"
#include "store/map_store.h"
#include "store/people_store.h"

namespace weige::io::testing {
namespace {

class AssignmentsTest : public IoTest {
 protected:
  void SetUp() override {
    IoTest::SetUp();
    ASSERT_TRUE(import_geojson(kMapGeoJson).written);
    service::PeopleService people(*db_, vault_);
    auto add = [&](const std::string& name, const std::string& phone) {
      Person p;
      p.name = name;
      p.phone = phone;
      auto r = people.create_person(p);
      EXPECT_TRUE(r.is_ok()) << r.status().to_string();
      return r->id;
    };
    wang_ = add("王芳", "13812345678");
    li_ = add("李强", "+86 139-0000-1111");
    add("赵六", "13700000000");
    add("赵六的家人", "137 0000 0000");  // shares the phone
    auto c1 = store::find_place_by_code(*db_, PlaceKind::kCommunity, "C1");
    Organisation org;
    org.kind = OrganisationKind::kPropertyCompany;
    org.name = "锦云府物业";
    org.community_id = (*c1)->id;
    auto o = people.create_organisation(org);
    ASSERT_TRUE(o.is_ok()) << o.status().to_string();
    org_ = o->id;
  }

  std::vector<Assignment> assignments() {
    auto a = store::list_assignments(*db_, {});
    EXPECT_TRUE(a.is_ok());
    return a.is_ok() ? *a : std::vector<Assignment>{};
  }
  Id grid_id(const std::string& code) { return (*store::find_grid_by_code(*db_, code))->id; }

  Id wang_ = 0, li_ = 0, org_ = 0;
};

const std::string kAssignmentsCsv =
    "phone,grid_code,role,organisation\n"
    "138 1234 5678,510104001001001001,micro_grid_head,\n"
    "13900001111,510104001001001001,property_staff,锦云府物业\n"
    "+86 139 0000 1111,510104001001001000,grid_worker,\n";

TEST_F(AssignmentsTest, ImportsByPhoneAndIsIdempotent) {
  ImportReport r = import_csv(kAssignmentsCsv, Dataset::kAssignments);
  ASSERT_TRUE(r.written) << describe(r);
  EXPECT_EQ(r.created, 3u);
  auto list = assignments();
  ASSERT_EQ(list.size(), 3u);
  EXPECT_EQ(list[0].person_id, wang_);
  EXPECT_EQ(list[0].grid_id, grid_id(kM1a1));
  EXPECT_EQ(list[0].role, GridRole::kMicroGridHead);
  EXPECT_EQ(list[1].person_id, li_);
  EXPECT_EQ(list[1].organisation_id, org_);
  EXPECT_EQ(list[2].grid_id, grid_id(kG1a));

  std::string before = dump(*db_);
  ImportReport again = import_csv(kAssignmentsCsv, Dataset::kAssignments);
  EXPECT_TRUE(again.written) << describe(again);
  EXPECT_EQ(again.unchanged, 3u);
  EXPECT_EQ(again.created, 0u);
  EXPECT_EQ(dump(*db_), before);
}

TEST_F(AssignmentsTest, AChangedOrganisationIsAnUpdate) {
  ASSERT_TRUE(import_csv(kAssignmentsCsv, Dataset::kAssignments).written);
  ImportReport r = import_csv(
      "phone,grid_code,role,organisation\n13900001111,510104001001001001,property_staff,\n",
      Dataset::kAssignments);
  ASSERT_TRUE(r.written) << describe(r);
  EXPECT_EQ(r.updated, 1u);
  store::AssignmentFilter f;
  f.person_id = li_;
  f.role = GridRole::kPropertyStaff;
  auto list = store::list_assignments(*db_, f);
  ASSERT_EQ(list->size(), 1u);
  EXPECT_FALSE(list->front().organisation_id.has_value());
}

TEST_F(AssignmentsTest, BadRowsAreAllReportedAndNothingIsWritten) {
  std::string before = dump(*db_);
  ImportReport r = import_csv(
      "phone,grid_code,role,organisation\n"
      "13812345678,510104001001001001,micro_grid_head,\n"    // fine
      "13000000000,510104001001001001,micro_grid_head,\n"    // nobody has it
      "13812345678,510104001001001000,micro_grid_head,\n"    // head of an ordinary grid
      "13812345678,510104001001001001,mayor,\n"              // no such role
      "13812345678,510104001001009001,volunteer,\n"          // no such grid
      "13812345678,510104001001001001,volunteer,无名物业\n"  // no such organisation
      "13700000000,510104001001001001,volunteer,\n"          // two persons share it
      "--,510104001001001001,volunteer,\n",                  // no digits
      Dataset::kAssignments);
  EXPECT_FALSE(r.written);
  std::vector<std::pair<std::size_t, std::string>> got;
  for (const RowError& e : r.errors) got.emplace_back(e.line, e.field);
  using W = std::pair<std::size_t, std::string>;
  EXPECT_EQ(got, (std::vector<W>{{3, "phone"},
                                 {4, "role"},
                                 {5, "role"},
                                 {6, "grid_code"},
                                 {7, "organisation"},
                                 {8, "phone"},
                                 {9, "phone"}}))
      << describe(r);
  EXPECT_EQ(r.created, 1u);  // the good row was applied, then rolled back
  EXPECT_EQ(dump(*db_), before);
}

TEST_F(AssignmentsTest, ExportRoundTrips) {
  ASSERT_TRUE(import_csv(kAssignmentsCsv, Dataset::kAssignments).written);
  std::string exported = export_text(Format::kCsv, Dataset::kAssignments);
  EXPECT_EQ(exported,
            "phone,grid_code,role,organisation\r\n"
            "13812345678,510104001001001001,micro_grid_head,\r\n"
            "13900001111,510104001001001001,property_staff,锦云府物业\r\n"
            "13900001111,510104001001001000,grid_worker,\r\n");
  ImportReport r = import_csv(exported, Dataset::kAssignments);
  EXPECT_TRUE(r.written) << describe(r);
  EXPECT_EQ(r.unchanged, 3u);
  auto c2 = store::find_place_by_code(*db_, PlaceKind::kCommunity, "C2");
  EXPECT_EQ(export_text(Format::kCsv, Dataset::kAssignments, nullptr, (*c2)->id),
            "phone,grid_code,role,organisation\r\n");
}

}  // namespace
}  // namespace weige::io::testing
