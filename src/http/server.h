#pragma once
// The HTTP transport: Boost.Beast over Asio, kept inside server.cpp. It owns
// sockets, keep-alive, limits and timeouts, and hands each complete request to
// a Handler that knows nothing of sockets.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "domain/status.h"
#include "http/message.h"

namespace weige::http {

struct ServerOptions {
  std::string address = "127.0.0.1";
  std::uint16_t port = 8080;   // 0 picks a free port (see Server::port())
  int threads = 2;             // I/O threads, each also running handlers
  std::size_t body_limit = 8 * 1024 * 1024;  // bytes; larger bodies get 413
  std::size_t header_limit = 16 * 1024;      // bytes of request line + headers; more gets 431
  std::chrono::seconds read_timeout{15};     // to receive a whole request once it started
  std::chrono::seconds idle_timeout{60};     // keep-alive connection with no request
};

class Server {
 public:
  using Handler = std::function<Response(Request&)>;
  Server(ServerOptions options, Handler handler);
  ~Server();

  // Binds and listens. kUnavailable when the address is in use, kInvalid when
  // the address cannot be parsed.
  Status start();
  // The bound port (useful with port 0).
  std::uint16_t port() const;
  // Serves until stop() is called (from any thread or a signal handler thread).
  void run();
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace weige::http
