#pragma once
// A fresh database in a temp folder, and the real HTTP server on an ephemeral
// loopback port in a background thread, for API scenario tests.

#include <filesystem>
#include <map>
#include <optional>
#include <memory>
#include <string>
#include <atomic>
#include <thread>

#include "crypto/vault.h"
#include "domain/map.h"
#include "store/db.h"

namespace weige::http {
class Api;
class Server;
}  // namespace weige::http
namespace weige::store {
class Pool;
}

namespace weige::testing {

// A new empty directory under the system temp dir, removed on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::filesystem::path& path() const { return path_; }
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

// Opens (creating and migrating) a SQLite database; aborts the test on failure.
std::unique_ptr<store::Db> open_test_db(const std::string& path);

// Every row of every table, as text, for before/after comparisons.
std::string dump(store::Db& db);

struct TestServerOptions {
  int login_per_minute = 1000;
  int public_reports_per_minute = 1000;
  std::size_t slow_queue = 64;  // ApiOptions::slow_queue
};

class TestServer {
 public:
  explicit TestServer(TestServerOptions options = {});
  ~TestServer();
  int port() const { return port_; }
  store::Db& db() { return *db_; }  // a separate connection for assertions
  const crypto::Vault& vault() const { return vault_; }
  const std::string& db_path() const { return db_path_; }
  const http::Api& api() const { return *api_; }
  // The server's clock (seconds since the epoch); starts at a fixed Monday
  // 10:00 in Chengdu so deadlines are predictable.
  std::int64_t now() const { return now_; }
  void set_now(std::int64_t t) { now_ = t; }
  const std::string& files_dir() const { return files_dir_; }
  // Headers signing a request in as a new account with this role (an API
  // token). The account's scope follows the person's assignments, or
  // `scope_grid` when given.
  std::map<std::string, std::string> as(const std::string& role, std::optional<Id> person = std::nullopt,
                                        std::optional<Id> scope_grid = std::nullopt,
                                        std::optional<Id> organisation = std::nullopt);
  // The same account, without a token: for sign-in tests.
  Id create_user(const std::string& username, const std::string& password, const std::string& role,
                 std::optional<Id> person = std::nullopt, std::optional<Id> scope_grid = std::nullopt);

 private:
  TempDir dir_;
  std::string db_path_;
  std::string files_dir_;
  std::atomic<std::int64_t> now_;
  std::unique_ptr<store::Db> db_;
  crypto::Vault vault_;
  std::unique_ptr<store::Pool> pool_;
  std::unique_ptr<http::Api> api_;
  std::unique_ptr<http::Server> server_;
  std::thread thread_;
  int port_ = 0;
  int users_ = 0;
};

}  // namespace weige::testing
