#include "support/http_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

namespace weige::testing {
namespace {

int connect_loopback(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    throw std::runtime_error("cannot connect to 127.0.0.1:" + std::to_string(port));
  }
  return fd;
}

Reply parse(const std::string& raw) {
  Reply r;
  auto head_end = raw.find("\r\n\r\n");
  if (head_end == std::string::npos) throw std::runtime_error("no HTTP head in reply: " + raw);
  std::string head = raw.substr(0, head_end);
  r.status = std::stoi(head.substr(9, 3));
  std::size_t pos = head.find("\r\n");
  while (pos != std::string::npos && pos < head.size()) {
    std::size_t next = head.find("\r\n", pos + 2);
    std::string line = head.substr(pos + 2, next == std::string::npos ? std::string::npos : next - pos - 2);
    auto colon = line.find(':');
    if (colon != std::string::npos) {
      std::string name = line.substr(0, colon);
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      std::string value = line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.erase(0, 1);
      r.headers[name] = value;
    }
    pos = next;
  }
  r.body = raw.substr(head_end + 4);
  return r;
}

std::map<std::string, std::string>& default_headers() {
  static std::map<std::string, std::string> h;
  return h;
}

}  // namespace

void set_default_headers(std::map<std::string, std::string> headers) { default_headers() = std::move(headers); }

std::string raw_exchange(int port, const std::string& bytes, int timeout_ms) {
  int fd = connect_loopback(port);
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;  // the server may close early (413); read what it said
    sent += static_cast<std::size_t>(n);
  }
  std::string out;
  char buf[65536];
  pollfd p{fd, POLLIN, 0};
  while (::poll(&p, 1, timeout_ms) > 0) {
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    out.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return out;
}

Reply http(int port, const RequestSpec& spec) {
  std::string req = spec.method + " " + spec.path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
  if (!spec.body.empty() || spec.method == "POST" || spec.method == "PATCH") {
    if (!spec.content_type.empty()) req += "Content-Type: " + spec.content_type + "\r\n";
    req += "Content-Length: " + std::to_string(spec.body.size()) + "\r\n";
  }
  bool anonymous = spec.headers.count("X-No-Auth") > 0;
  bool has_auth = spec.headers.count("Authorization") > 0 || spec.headers.count("Cookie") > 0;
  if (!anonymous && !has_auth) {
    for (const auto& [k, v] : default_headers()) req += k + ": " + v + "\r\n";
  }
  for (const auto& [k, v] : spec.headers) {
    if (k != "X-No-Auth") req += k + ": " + v + "\r\n";
  }
  req += "\r\n" + spec.body;
  return parse(raw_exchange(port, req, 10000));
}

}  // namespace weige::testing
