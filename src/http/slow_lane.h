#pragma once
// The slow lane: a few threads of their own for requests that may take long
// (a scan of a year of cases, a full-text search, an export). Each I/O thread
// serves its own connections (server.cpp), so a long handler run there would
// hold up every connection dealt to that thread; on the lane it holds up no
// one, and the OS shares the cores between the lane and the I/O threads.
// The queue is bounded: when it is full, submit() refuses and the caller
// answers 503, rather than letting long requests pile up without end.

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace weige::http {

class SlowLane {
 public:
  SlowLane(int threads, std::size_t max_queued);
  // Runs the jobs still queued, then joins the threads.
  ~SlowLane();
  SlowLane(const SlowLane&) = delete;
  SlowLane& operator=(const SlowLane&) = delete;

  // Queues `job` and takes it; false, leaving `job` untouched with the
  // caller, when max_queued jobs already wait.
  bool submit(std::function<void()>&& job);

 private:
  void loop();

  std::size_t max_queued_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> queue_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace weige::http
