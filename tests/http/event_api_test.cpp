// Server-sent events: a dashboard connected to /api/v1/events hears about a
// new case and a case moving on, without polling.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <nlohmann/json.hpp>

#include "support/http_client.h"
#include "support/mini_map.h"
#include "support/test_server.h"

namespace weige::testing {
namespace {

using nlohmann::json;

class Listener {
 public:
  Listener(int port, const std::map<std::string, std::string>& headers) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    EXPECT_EQ(::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    std::string req = "GET /api/v1/events HTTP/1.1\r\nHost: x\r\n";
    for (const auto& [k, v] : headers) req += k + ": " + v + "\r\n";
    req += "\r\n";
    ::send(fd_, req.data(), req.size(), MSG_NOSIGNAL);
  }
  ~Listener() { ::close(fd_); }
  // Reads until `needle` appears or `ms` pass; returns everything read so far.
  std::string read_until(const std::string& needle, int ms) {
    auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    while (received_.find(needle) == std::string::npos && std::chrono::steady_clock::now() < end) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 100) <= 0) continue;
      char buf[4096];
      ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) break;
      received_.append(buf, static_cast<std::size_t>(n));
    }
    return received_;
  }

 private:
  int fd_ = -1;
  std::string received_;
};

TEST(EventApiTest, DashboardsHearOfCaseChangesAsTheyHappen) {
  TestServer server;
  MiniMap m = build(server.port());
  Listener dashboard(server.port(), server.as("subdistrict_admin"));
  std::string head = dashboard.read_until("\r\n\r\n", 2000);
  ASSERT_NE(head.find("200 OK"), std::string::npos) << head;
  EXPECT_NE(head.find("text/event-stream"), std::string::npos);
  Id id = create(server.port(), "/api/v1/cases", {{"category_id", 102}, {"place_id", m.unit1}, {"description", "狗叫"}});
  std::string got = dashboard.read_until("\"id\":" + std::to_string(id), 3000);
  EXPECT_NE(got.find("event: case"), std::string::npos) << got;
  EXPECT_NE(got.find("\"state\":\"reported\""), std::string::npos) << got;
  Reply accepted = post(server.port(), "/api/v1/cases/" + std::to_string(id) + "/actions", json{{"action", "accept"}}.dump());
  ASSERT_EQ(accepted.status, 200);
  got = dashboard.read_until("\"state\":\"accepted\"", 3000);
  EXPECT_NE(got.find("\"state\":\"accepted\""), std::string::npos) << got;
  // Refused writes are not announced.
  post(server.port(), "/api/v1/cases/" + std::to_string(id) + "/actions", json{{"action", "resolve"}, {"note", "x"}}.dump());
  got = dashboard.read_until("resolved", 1200);
  EXPECT_EQ(got.find("resolved"), std::string::npos);
}

TEST(EventApiTest, TheStreamNeedsASignIn) {
  TestServer server;
  Listener anonymous(server.port(), {});
  std::string got = anonymous.read_until("\r\n\r\n", 2000);
  EXPECT_NE(got.find(" 401 "), std::string::npos) << got;
}

}  // namespace
}  // namespace weige::testing
