#include "http/server.h"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <spdlog/spdlog.h>
#include <sys/socket.h>

#include <atomic>
#include <cerrno>
#include <memory>
#include <thread>
#include <vector>

namespace weige::http {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

namespace {

// Converts a parsed Beast request into our transport-free Request.
bool to_request(const bhttp::request<bhttp::string_body>& in, const std::string& remote,
                Request& out) {
  out.method = std::string(in.method_string());
  out.target = std::string(in.target());
  out.remote = remote;
  for (const auto& field : in) {
    std::string name(field.name_string());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out.headers[name] = std::string(field.value());
  }
  out.body = in.body();
  return parse_target(out.target, out.path, out.query);
}

bhttp::response<bhttp::string_body> to_beast(Response&& r, unsigned version, bool keep_alive,
                                             bool head) {
  bhttp::response<bhttp::string_body> res{static_cast<bhttp::status>(r.status), version};
  res.set(bhttp::field::server, "weige");
  res.set(bhttp::field::content_type, r.content_type);
  for (auto& [k, v] : r.headers) res.set(k, v);
  res.keep_alive(keep_alive);
  if (head) {
    res.content_length(r.body.size());
  } else {
    res.body() = std::move(r.body);
    res.prepare_payload();
  }
  return res;
}

Response plain_error(int status, const std::string& code, const std::string& message) {
  Response r;
  r.status = status;
  r.body = nlohmann::json{{"error", {{"code", code}, {"message", message}, {"details", nlohmann::json::object()}}}}.dump();
  return r;
}

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, const ServerOptions& options, const Server::Handler& handler)
      : stream_(std::move(socket)), options_(options), handler_(handler) {
    beast::error_code ec;
    auto ep = stream_.socket().remote_endpoint(ec);
    if (!ec) remote_ = ep.address().to_string();
  }

  void start() {
    asio::dispatch(stream_.get_executor(),
                   beast::bind_front_handler(&Session::read, shared_from_this()));
  }

 private:
  void read() {
    parser_.emplace();
    parser_->body_limit(options_.body_limit);
    parser_->header_limit(static_cast<std::uint32_t>(options_.header_limit));
    // The idle timeout covers waiting for a request; once bytes arrive the
    // read timeout would be tighter, but Beast reads a message in one call, so
    // we use the smaller of the two after the first request.
    stream_.expires_after(requests_ == 0 ? options_.read_timeout : options_.idle_timeout);
    bhttp::async_read(stream_, buffer_, *parser_,
                      beast::bind_front_handler(&Session::on_read, shared_from_this()));
  }

  void on_read(beast::error_code ec, std::size_t) {
    if (ec == bhttp::error::end_of_stream || ec == beast::error::timeout ||
        ec == asio::error::operation_aborted || ec == asio::error::connection_reset) {
      return close();
    }
    if (ec == bhttp::error::body_limit) {
      return reply_and_close(plain_error(413, "too_large",
                                         "request body is over the limit of " +
                                             std::to_string(options_.body_limit) + " bytes"));
    }
    if (ec == bhttp::error::header_limit) {
      return reply_and_close(plain_error(431, "headers_too_large", "request headers are too large"));
    }
    if (ec) {
      return reply_and_close(plain_error(400, "bad_request", "malformed HTTP request: " + ec.message()));
    }
    ++requests_;
    auto req = parser_->release();
    Request request;
    Response response;
    request.gone = gone_;
    if (!to_request(req, remote_, request)) {
      response = plain_error(400, "invalid", "the request target is not correctly percent-encoded");
    } else {
      try {
        response = handler_(request);
      } catch (const std::exception& e) {
        spdlog::error("handler threw on {} {}: {}", request.method, request.target, e.what());
        response = plain_error(500, "internal", "internal error");
      }
    }
    if (response.stream) return start_stream(std::move(response.stream));
    bool keep_alive = req.keep_alive();
    bool head = req.method() == bhttp::verb::head;
    unsigned version = req.version();
    if (response.later) {
      // Finish on this session's executor once the response is ready (after
      // a group commit, or from the slow lane). The callback runs on another
      // thread, and its closure lives on there after it returns: it hands its
      // reference to the session over to the posted handler, so the session
      // is never destroyed on that thread, where it could outlive its
      // io_context (the heap corruption in docs/decisions.md, "One
      // io_context per I/O thread").
      auto later = std::move(response.later);
      later([self = shared_from_this(), version, keep_alive, head](Response ready) mutable {
        auto executor = self->stream_.get_executor();
        asio::post(executor, [self = std::move(self), ready = std::move(ready), version, keep_alive, head]() mutable {
          self->write(to_beast(std::move(ready), version, keep_alive, head), !keep_alive);
        });
      });
      watch_for_close();
      return;
    }
    write(to_beast(std::move(response), version, keep_alive, head), !keep_alive);
  }

  // While a deferred response is being prepared, nothing reads the socket:
  // wait until it is readable and peek. End of stream means the client has
  // gone, and the request's `gone` flag tells queued work (the slow lane) to
  // skip it. Bytes (a next request) are left for the next read.
  void watch_for_close() {
    stream_.socket().async_wait(asio::ip::tcp::socket::wait_read, [self = shared_from_this()](beast::error_code ec) {
      if (ec) return;
      char byte = 0;
      ssize_t n = ::recv(self->stream_.socket().native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
      if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) self->gone_->store(true);
    });
  }

  // Server-sent events: headers, then whatever the stream yields, polled on a
  // timer, with a comment line as heartbeat; ends when a write fails.
  void start_stream(std::shared_ptr<EventStream> events) {
    events_ = std::move(events);
    timer_.emplace(stream_.get_executor());
    stream_.expires_never();
    auto head = std::make_shared<std::string>(
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nCache-Control: no-store\r\n"
        "Connection: keep-alive\r\nX-Accel-Buffering: no\r\n\r\nretry: 3000\n\n");
    asio::async_write(stream_, asio::buffer(*head), [self = shared_from_this(), head](beast::error_code ec, std::size_t) {
      if (ec) return self->close();
      self->pump();
    });
  }

  void pump() {
    timer_->expires_after(std::chrono::milliseconds(500));
    timer_->async_wait([self = shared_from_this()](beast::error_code ec) {
      if (ec) return self->close();
      auto chunk = std::make_shared<std::string>(self->events_->next());
      if (chunk->empty() && ++self->idle_ticks_ >= 30) *chunk = ": ping\n\n";
      if (chunk->empty()) return self->pump();
      self->idle_ticks_ = 0;
      asio::async_write(self->stream_, asio::buffer(*chunk), [self, chunk](beast::error_code wec, std::size_t) {
        if (wec) return self->close();
        self->pump();
      });
    });
  }

  void reply_and_close(Response r) { write(to_beast(std::move(r), 11, false, false), true); }

  void write(bhttp::response<bhttp::string_body>&& res, bool close_after) {
    auto sp = std::make_shared<bhttp::response<bhttp::string_body>>(std::move(res));
    stream_.expires_after(options_.read_timeout);
    bhttp::async_write(stream_, *sp,
                       [self = shared_from_this(), sp, close_after](beast::error_code ec, std::size_t) {
                         if (ec || close_after) return self->close();
                         self->read();
                       });
  }

  void close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  const ServerOptions& options_;
  const Server::Handler& handler_;
  std::string remote_;
  std::size_t requests_ = 0;
  std::shared_ptr<EventStream> events_;
  std::optional<asio::steady_timer> timer_;
  int idle_ticks_ = 0;
  // The client closed while a deferred response was pending (watch_for_close).
  std::shared_ptr<std::atomic<bool>> gone_ = std::make_shared<std::atomic<bool>>(false);
};

}  // namespace

// One io_context per thread, each run by that thread alone: a connection
// lives on one thread from accept to close, so its handlers need no strand and
// no thread wakes another for its I/O (futex wake-ups are dear on this VM; see
// docs/decisions.md). Accepted sockets are dealt round-robin.
struct Server::Impl {
  using Guard = asio::executor_work_guard<asio::io_context::executor_type>;
  ServerOptions options;
  Handler handler;
  std::vector<std::unique_ptr<asio::io_context>> contexts;
  std::vector<Guard> guards;
  std::size_t next = 0;
  std::unique_ptr<tcp::acceptor> acceptor;

  explicit Impl(ServerOptions o, Handler h) : options(std::move(o)), handler(std::move(h)) {
    int n = std::max(1, options.threads);
    for (int i = 0; i < n; ++i) {
      contexts.push_back(std::make_unique<asio::io_context>(1));
      guards.push_back(asio::make_work_guard(*contexts.back()));
    }
    acceptor = std::make_unique<tcp::acceptor>(*contexts.front());
  }

  void accept() {
    asio::io_context& target = *contexts[next++ % contexts.size()];
    acceptor->async_accept(target, [this](beast::error_code ec, tcp::socket socket) {
      if (ec == asio::error::operation_aborted) return;
      if (!ec) {
        socket.set_option(tcp::no_delay(true), ec);
        std::make_shared<Session>(std::move(socket), options, handler)->start();
      }
      accept();
    });
  }
};

Server::Server(ServerOptions options, Handler handler)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handler))) {}

Server::~Server() { stop(); }

Status Server::start() {
  beast::error_code ec;
  auto address = asio::ip::make_address(impl_->options.address, ec);
  if (ec) return Status::invalid("cannot parse listen address '" + impl_->options.address + "'");
  tcp::endpoint endpoint{address, impl_->options.port};
  impl_->acceptor->open(endpoint.protocol(), ec);
  if (!ec) impl_->acceptor->set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) impl_->acceptor->bind(endpoint, ec);
  if (ec == asio::error::address_in_use) {
    return Status::unavailable("address " + impl_->options.address + ":" +
                               std::to_string(impl_->options.port) + " is already in use");
  }
  if (!ec) impl_->acceptor->listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return Status::unavailable("cannot listen on " + impl_->options.address + ": " + ec.message());
  impl_->accept();
  return {};
}

std::uint16_t Server::port() const {
  beast::error_code ec;
  auto ep = impl_->acceptor->local_endpoint(ec);
  return ec ? 0 : ep.port();
}

void Server::run() {
  std::vector<std::thread> threads;
  for (std::size_t i = 1; i < impl_->contexts.size(); ++i) {
    threads.emplace_back([this, i] { impl_->contexts[i]->run(); });
  }
  impl_->contexts.front()->run();
  for (auto& t : threads) t.join();
}

void Server::stop() {
  for (auto& context : impl_->contexts) context->stop();
}

}  // namespace weige::http
