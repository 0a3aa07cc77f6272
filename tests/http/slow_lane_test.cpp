// The slow lane (http/slow_lane.h): its queue, its use by the transport, and
// which routes the API sends to it.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "http/server.h"
#include "http/slow_lane.h"
#include "support/http_client.h"
#include "support/mini_map.h"
#include "support/test_server.h"

namespace weige::http {
namespace {

using nlohmann::json;

TEST(SlowLaneTest, RunsEveryJobAndRefusesWhenItsQueueIsFull) {
  std::atomic<int> ran{0};
  std::promise<void> started, release;
  std::shared_future<void> released = release.get_future().share();
  {
    SlowLane lane(1, 2);
    std::function<void()> blocker = [&] {
      started.set_value();
      released.wait();
      ++ran;
    };
    ASSERT_TRUE(lane.submit(std::move(blocker)));
    started.get_future().wait();  // the one thread is busy; the queue is empty
    for (int i = 0; i < 2; ++i) {
      std::function<void()> job = [&] { ++ran; };
      EXPECT_TRUE(lane.submit(std::move(job))) << i;
    }
    std::function<void()> refused = [&] { ran += 100; };
    EXPECT_FALSE(lane.submit(std::move(refused)));
    ASSERT_TRUE(static_cast<bool>(refused)) << "a refused job stays with the caller";
    release.set_value();
  }  // the destructor runs what is queued
  EXPECT_EQ(ran.load(), 3);
}

// One I/O thread: a long request handed to the lane leaves the thread free,
// so a cheap request on another connection is answered meanwhile.
TEST(SlowLaneTest, ALongRequestOnTheLaneLetsItsIoThreadServeOthers) {
  SlowLane lane(1, 8);
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  ServerOptions options;
  options.port = 0;
  options.threads = 1;
  Server server(options, [&](Request& request) {
    Response r;
    if (request.path == "/fast") return r;
    r.later = [&](std::function<void(Response)> done) {
      std::function<void()> job = [released, done = std::move(done)]() mutable {
        released.wait();
        Response ready;
        ready.body = R"({"slow":true})";
        done(std::move(ready));
      };
      ASSERT_TRUE(lane.submit(std::move(job)));
    };
    return r;
  });
  ASSERT_TRUE(server.start().is_ok());
  std::thread io([&] { server.run(); });
  auto slow = std::async(std::launch::async, [&] { return testing::get(server.port(), "/slow"); });
  ASSERT_EQ(slow.wait_for(std::chrono::milliseconds(200)), std::future_status::timeout);
  testing::Reply fast = testing::get(server.port(), "/fast");
  EXPECT_EQ(fast.status, 200);
  EXPECT_EQ(slow.wait_for(std::chrono::milliseconds(0)), std::future_status::timeout)
      << "the cheap request was answered while the long one still ran";
  release.set_value();
  testing::Reply answered = slow.get();
  EXPECT_EQ(answered.status, 200);
  EXPECT_EQ(answered.body, R"({"slow":true})");
  server.stop();
  io.join();
}

// A client that closes its connection while its response is deferred is
// seen as gone, so queued work for it can be skipped; one that stays is not.
TEST(SlowLaneTest, AClientThatLeavesWhileItsAnswerWaitsIsSeenAsGone) {
  std::mutex mu;
  std::vector<std::pair<std::shared_ptr<const std::atomic<bool>>, std::function<void(Response)>>> waiting;
  ServerOptions options;
  options.port = 0;
  options.threads = 1;
  Server server(options, [&](Request& request) {
    Response r;
    auto gone = request.gone;
    r.later = [&, gone](std::function<void(Response)> done) {
      std::lock_guard lock(mu);
      waiting.emplace_back(gone, std::move(done));
    };
    return r;
  });
  ASSERT_TRUE(server.start().is_ok());
  std::thread io([&] { server.run(); });
  auto waiting_count = [&] {
    std::lock_guard lock(mu);
    return waiting.size();
  };
  // One client sends its request and leaves.
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(server.port()));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  const std::string get = "GET /slow HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  ASSERT_EQ(::send(fd, get.data(), get.size(), 0), static_cast<ssize_t>(get.size()));
  for (int i = 0; i < 200 && waiting_count() < 1; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  ASSERT_EQ(waiting_count(), 1u);
  ::close(fd);
  // Another stays for its answer.
  auto stays = std::async(std::launch::async, [&] { return testing::get(server.port(), "/slow"); });
  for (int i = 0; i < 200 && waiting_count() < 2; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  ASSERT_EQ(waiting_count(), 2u);
  std::shared_ptr<const std::atomic<bool>> left, stayed;
  {
    std::lock_guard lock(mu);
    left = waiting[0].first;
    stayed = waiting[1].first;
  }
  ASSERT_TRUE(left && stayed);
  for (int i = 0; i < 200 && !left->load(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_TRUE(left->load());
  EXPECT_FALSE(stayed->load());
  {
    std::lock_guard lock(mu);
    for (auto& [flag, done] : waiting) {
      Response ready;
      ready.body = R"({"slow":true})";
      done(std::move(ready));  // to the one that left, too: dropped without harm
    }
  }
  testing::Reply answered = stays.get();
  EXPECT_EQ(answered.status, 200);
  EXPECT_EQ(answered.body, R"({"slow":true})");
  server.stop();
  io.join();
}

// With no room on the lane, every request the routes call slow gets the 503
// of the one error shape, and every other request is served as before.
TEST(SlowRoutesTest, ScansSearchesAndExportsGoToTheLaneAndCheapReadsDoNot) {
  testing::TestServerOptions o;
  o.slow_queue = 0;
  testing::TestServer full(o);
  testing::MiniMap m = testing::build(full.port());
  testing::create(full.port(), "/api/v1/cases",
                  {{"category_id", 202}, {"place_id", m.unit1}, {"description", "楼道堆放杂物挡住消防通道"}});
  const std::string community = std::to_string(m.community_a);
  for (const std::string& path : std::vector<std::string>{"/api/v1/cases?q=" "%E6%9D%82%E7%89%A9", "/api/v1/metrics",
                                 "/api/v1/metrics/trend", "/api/v1/reports/monthly?community_id=" + community + "&month=2026-01",
                                 "/api/v1/audit/verify"}) {
    testing::Reply r = testing::get(full.port(), path);
    EXPECT_EQ(r.status, 503) << path << " " << r.body;
    EXPECT_EQ(testing::body(r)["error"]["code"], "unavailable") << path;
    EXPECT_EQ(r.headers["retry-after"], "5") << path;
  }
  for (const std::string& path : std::vector<std::string>{"/api/v1/cases", "/api/v1/cases?q=", "/api/v1/metrics?fields=rates", "/api/v1/grids"}) {
    EXPECT_EQ(testing::get(full.port(), path).status, 200) << path;
  }

  // The OpenAPI document marks the routes that may use the lane.
  json spec = testing::body(testing::get(full.port(), "/api/v1/openapi.json"));
  EXPECT_EQ(spec["paths"]["/api/v1/metrics"]["get"].value("x-slow-lane", false), true);
  EXPECT_EQ(spec["paths"]["/api/v1/cases"]["get"].value("x-slow-lane", false), true);  // with q=
  EXPECT_FALSE(spec["paths"]["/api/v1/cases/{id}"]["get"].contains("x-slow-lane"));
  EXPECT_FALSE(spec["paths"]["/api/v1/cases"]["post"].contains("x-slow-lane"));

  // With room, the same search is answered from the lane.
  testing::TestServer served;
  testing::MiniMap n = testing::build(served.port());
  Id id = testing::create(served.port(), "/api/v1/cases",
                          {{"category_id", 202}, {"place_id", n.unit1}, {"description", "楼道堆放杂物挡住消防通道"}});
  testing::Reply found = testing::get(served.port(), "/api/v1/cases?q=%E6%9D%82%E7%89%A9");
  ASSERT_EQ(found.status, 200) << found.body;
  json items = testing::body(found)["items"];
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0]["id"], id);
  EXPECT_EQ(testing::get(served.port(), "/api/v1/metrics").status, 200);
}

}  // namespace
}  // namespace weige::http
