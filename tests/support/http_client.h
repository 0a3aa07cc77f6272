#pragma once
// A minimal blocking HTTP/1.1 client for tests, on POSIX sockets, loopback only.

#include <map>
#include <string>

namespace weige::testing {

struct Reply {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
};

struct RequestSpec {
  std::string method = "GET";
  std::string path = "/";
  std::string body;
  std::string content_type = "application/json";
  std::map<std::string, std::string> headers;
};

// Headers added to every request that carries no Authorization header of its
// own (the test server signs everything in as an admin by default). A request
// with the header "X-No-Auth" goes out anonymous.
void set_default_headers(std::map<std::string, std::string> headers);

// Sends one request on a new connection (Connection: close) and reads the reply.
Reply http(int port, const RequestSpec& spec);
inline Reply get(int port, const std::string& path) { return http(port, {"GET", path, "", "", {}}); }
inline Reply post(int port, const std::string& path, const std::string& body) {
  return http(port, {"POST", path, body, "application/json", {}});
}
inline Reply patch(int port, const std::string& path, const std::string& body) {
  return http(port, {"PATCH", path, body, "application/json", {}});
}

// Sends raw bytes and returns everything the server wrote until it closed
// the connection or `timeout_ms` passed.
std::string raw_exchange(int port, const std::string& bytes, int timeout_ms = 3000);

}  // namespace weige::testing
