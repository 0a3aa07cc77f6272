#include "support/test_server.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <random>
#include <stdexcept>

#include "http/api.h"
#include "http/server.h"
#include "service/auth_service.h"
#include "support/http_client.h"
#include "store/migrations.h"
#include "store/pool.h"
#include "store/sqlite_db.h"

namespace weige::testing {

TempDir::TempDir() {
  std::random_device rd;
  path_ = std::filesystem::temp_directory_path() /
          ("weige-test-" + std::to_string(::getpid()) + "-" + std::to_string(rd()));
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::unique_ptr<store::Db> open_test_db(const std::string& path) {
  store::SqliteOptions o;
  o.create = true;
  auto db = store::open_sqlite(path, o);
  if (!db) throw std::runtime_error(db.status().to_string());
  if (Status s = store::migrate(**db); !s) throw std::runtime_error(s.to_string());
  return std::move(db).value();
}

std::string dump(store::Db& db) {
  std::string out;
  auto tables = db.rows("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name");
  if (!tables) throw std::runtime_error(tables.status().to_string());
  for (const auto& t : *tables) {
    std::string name = t.text(0);
    out += "## " + name + "\n";
    auto rows = db.rows("SELECT * FROM \"" + name + "\" ORDER BY 1");
    if (!rows) throw std::runtime_error(rows.status().to_string());
    for (const auto& r : *rows) {
      for (std::size_t i = 0; i < r.size(); ++i) out += (i ? "|" : "") + r.text(i);
      out += "\n";
    }
  }
  return out;
}

// Monday 2026-11-30 10:00 in UTC+8.
constexpr std::int64_t kMondayTen = 1796004000;

TestServer::TestServer(TestServerOptions test_options)
    : db_path_(dir_.file("weige.db")),
      files_dir_(dir_.file("files")),
      now_(kMondayTen),
      vault_(crypto::Vault::random_for_test()) {
  db_ = open_test_db(db_path_);
  std::string path = db_path_;
  pool_ = std::make_unique<store::Pool>([path]() { return store::open_sqlite(path, {}); }, 6);  // I/O threads, slow lane, spare
  http::ApiOptions api_options;
  api_options.files_dir = files_dir_;
  api_options.clock = [this] { return now_.load(); };
  api_options.auth.fast_hash = true;
  api_options.login_per_minute = test_options.login_per_minute;
  api_options.public_reports_per_minute = test_options.public_reports_per_minute;
  api_options.slow_queue = test_options.slow_queue;
  api_ = std::make_unique<http::Api>(*pool_, vault_, api_options);
  http::ServerOptions options;
  options.port = 0;
  options.body_limit = 64 * 1024;
  options.read_timeout = std::chrono::seconds(2);
  server_ = std::make_unique<http::Server>(options, [this](http::Request& r) { return api_->handle(r); });
  if (Status s = server_->start(); !s) throw std::runtime_error(s.to_string());
  port_ = server_->port();
  thread_ = std::thread([this] { server_->run(); });
  set_default_headers(as("subdistrict_admin"));
}

Id TestServer::create_user(const std::string& username, const std::string& password, const std::string& role,
                           std::optional<Id> person, std::optional<Id> scope_grid) {
  service::AuthOptions o;
  o.fast_hash = true;
  service::AuthService auth(*db_, [this] { return now_.load(); }, o);
  service::NewUser n;
  n.username = username;
  n.password = password;
  n.role = parse_role(role).value();
  n.person_id = person;
  n.scope_grid_id = scope_grid;
  auto u = auth.create_user(n);
  if (!u) throw std::runtime_error(u.status().to_string());
  return u->id;
}

std::map<std::string, std::string> TestServer::as(const std::string& role, std::optional<Id> person,
                                                  std::optional<Id> scope_grid, std::optional<Id> organisation) {
  service::AuthOptions o;
  o.fast_hash = true;
  service::AuthService auth(*db_, [this] { return now_.load(); }, o);
  service::NewUser n;
  n.username = "u" + std::to_string(++users_) + "_" + role;
  n.password = "test-password";
  auto parsed = parse_role(role);
  if (!parsed) throw std::runtime_error("unknown role " + role);
  n.role = *parsed;
  n.person_id = person;
  n.scope_grid_id = scope_grid;
  n.organisation_id = organisation;
  auto u = auth.create_user(n);
  if (!u) throw std::runtime_error(u.status().to_string());
  auto t = auth.create_api_token(u->id, "test", {}, std::nullopt);
  if (!t) throw std::runtime_error(t.status().to_string());
  return {{"Authorization", "Bearer " + t->token}};
}

TestServer::~TestServer() {
  set_default_headers({});
  server_->stop();
  thread_.join();
  api_->finish();
}

}  // namespace weige::testing
