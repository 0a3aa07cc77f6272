#include <chrono>
#include "io/io_fixture.h"
#include "io/sample_map.h"
namespace weige::io::testing {
TEST_F(IoTest, TmpPerf) {
  ASSERT_TRUE(import_csv(kRootPlacesCsv, Dataset::kPlaces).written);
  ASSERT_TRUE(import_csv(kGridsCsv, Dataset::kGrids).written);
  std::string csv = "kind,code,parent_code,name,grid_code,lng,lat\ncompound,K1,C1,k,510104001001001000,,\n";
  int n = 0;
  for (int b = 0; b < 20; ++b) {
    csv += "building,B" + std::to_string(b) + ",K1,b,,,\n";
    for (int u = 0; u < 5; ++u) {
      std::string uc = "U" + std::to_string(b) + "_" + std::to_string(u);
      csv += "unit," + uc + ",B" + std::to_string(b) + ",u,510104001001001001,,\n";
      for (int h = 0; h < 200; ++h) { csv += "household,H" + uc + "_" + std::to_string(h) + "," + uc + ",h,,,\n"; ++n; }
    }
  }
  auto t0 = std::chrono::steady_clock::now();
  ImportReport r = import_csv(csv, Dataset::kPlaces);
  auto t1 = std::chrono::steady_clock::now();
  ASSERT_TRUE(r.written) << r.errors.size();
  std::string out = export_text(Format::kGeoJson, Dataset::kMap);
  auto t2 = std::chrono::steady_clock::now();
  std::cout << "households=" << n << " import_ms=" << std::chrono::duration_cast<std::chrono::milliseconds>(t1 - t0).count()
            << " export_ms=" << std::chrono::duration_cast<std::chrono::milliseconds>(t2 - t1).count() << " bytes=" << out.size() << "\n";
}
}
