// QR codes decode (with zbarimg) to the report link; the poster lists the
// micro-grid's people masked.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>

#include "support/http_client.h"
#include "support/mini_map.h"
#include "support/test_server.h"

namespace weige::testing {
namespace {

using nlohmann::json;

std::string decode_qr(const std::string& png, const TempDir& dir) {
  std::string path = dir.file("qr.png");
  std::ofstream(path, std::ios::binary) << png;
  std::string cmd = "zbarimg --quiet --raw " + path + " 2>/dev/null";
  FILE* p = ::popen(cmd.c_str(), "r");
  std::string out;
  char buf[512];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  ::pclose(p);
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

TEST(SignApiTest, QrCodesDecodeToTheReportLinks) {
  TestServer server;
  MiniMap m = build(server.port());
  TempDir dir;
  Reply unit = http(server.port(), {"GET", "/api/v1/places/" + std::to_string(m.unit1) + "/qr.png", "", "", {{"X-No-Auth", "1"}, {"Host", "weige.example:8080"}}});
  ASSERT_EQ(unit.status, 200);
  EXPECT_EQ(unit.headers["content-type"], "image/png");
  EXPECT_EQ(decode_qr(unit.body, dir), "http://weige.example:8080/m/report?place=" + std::to_string(m.unit1));
  Reply grid = http(server.port(), {"GET", "/api/v1/grids/" + std::to_string(m.micro_a11) + "/qr.png", "", "", {{"Host", "127.0.0.1:8080"}}});
  EXPECT_EQ(decode_qr(grid.body, dir), "http://127.0.0.1:8080/m/report?grid=" + std::to_string(m.micro_a11));
  Reply svg = get(server.port(), "/api/v1/grids/" + std::to_string(m.micro_a11) + "/qr.svg");
  EXPECT_EQ(svg.headers["content-type"], "image/svg+xml");
  EXPECT_EQ(svg.body.rfind("<svg", 0), 0u);
  EXPECT_EQ(get(server.port(), "/api/v1/places/" + std::to_string(m.household) + "/qr.png").status, 404);
  EXPECT_EQ(get(server.port(), "/api/v1/grids/999999/qr.svg").status, 404);
}

TEST(SignApiTest, PosterListsHeadAndWorkersMasked) {
  TestServer server;
  MiniMap m = build(server.port());
  Id head = create(server.port(), "/api/v1/persons", {{"name", "李建国"}, {"phone", "13912345678"}, {"party_member", true}});
  create(server.port(), "/api/v1/assignments", {{"person_id", head}, {"grid_id", m.micro_a11}, {"role", "micro_grid_head"}});
  Reply poster = get(server.port(), "/api/v1/grids/" + std::to_string(m.micro_a11) + "/poster");
  ASSERT_EQ(poster.status, 200);
  EXPECT_NE(poster.headers["content-type"].find("text/html"), std::string::npos);
  EXPECT_NE(poster.body.find("李**"), std::string::npos);
  EXPECT_NE(poster.body.find("139****5678"), std::string::npos);
  EXPECT_EQ(poster.body.find("13912345678"), std::string::npos);
  EXPECT_NE(poster.body.find("@page{size:A4"), std::string::npos);
  EXPECT_NE(poster.body.find("<svg"), std::string::npos);
  EXPECT_EQ(http(server.port(), {"GET", "/api/v1/grids/" + std::to_string(m.micro_a11) + "/poster", "", "", {{"X-No-Auth", "1"}}}).status, 401);
}

}  // namespace
}  // namespace weige::testing
