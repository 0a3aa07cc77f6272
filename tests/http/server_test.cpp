// The transport on its own: a raw Server with a handler of the test's.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <mutex>
#include <thread>

#include "http/server.h"
#include "support/http_client.h"

namespace weige::http {
namespace {

std::size_t open_descriptors() {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator("/proc/self/fd")) ++n;
  return n;
}

// A write's response comes back from the group commit's thread through the
// callback `later` received, and that thread keeps the callback object after
// calling it (a batch's callbacks are destroyed together, after the flush).
// The connection must not wait for that object: once the response is written
// and the client is gone, the session ends and its socket closes. Before the
// fix the callback held the session, which was then destroyed on the writer's
// thread, possibly after the server and its io_context were gone (heap
// corruption under load).
TEST(ServerTest, ADeferredResponseLeavesNoHoldOnTheConnection) {
  std::mutex mu;
  std::function<void(Response)> kept;  // the callback, kept after it ran
  std::thread writer;
  ServerOptions options;
  options.port = 0;
  Server server(options, [&](Request& request) {
    Response r;
    if (request.method == "GET") return r;  // a plain response, to warm up
    r.later = [&](std::function<void(Response)> done) {
      writer = std::thread([&, done = std::move(done)]() mutable {
        Response ready;
        ready.body = R"({"ok":true})";
        done(std::move(ready));
        std::lock_guard lock(mu);
        kept = std::move(done);
      });
    };
    return r;
  });
  ASSERT_TRUE(server.start().is_ok());
  std::thread io([&] { server.run(); });
  // The I/O threads' pollers open lazily: a few plain requests first, so
  // that the count below is that of a server in service.
  for (int i = 0; i < 4; ++i) ASSERT_EQ(testing::get(server.port(), "/warm").status, 200);
  const std::size_t before = open_descriptors();

  testing::Reply reply = testing::http(server.port(), {"POST", "/anything", "{}", "application/json", {}});
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.body, R"({"ok":true})");
  writer.join();
  {
    std::lock_guard lock(mu);
    ASSERT_TRUE(static_cast<bool>(kept)) << "the writer kept the callback";
  }
  // The client has closed its end; the server's end must close too while
  // the callback object still exists.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(3);
  while (open_descriptors() > before && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_LE(open_descriptors(), before) << "the server's socket stayed open while the callback lived";

  server.stop();
  io.join();
  kept = nullptr;
}

}  // namespace
}  // namespace weige::http
