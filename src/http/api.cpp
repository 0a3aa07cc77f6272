#include "http/api.h"

#include <spdlog/spdlog.h>

#include <regex>

#include "service/audit.h"
#include "store/case_store.h"
#include "store/change_clock.h"
#include "store/migrations.h"

namespace weige::http {
namespace {

// The case a write is about: the id in /cases/{id}/..., else the new case's.
std::optional<Id> case_of_change(const std::string& path, const nlohmann::json& result) {
  static const std::regex with_id("^/api/v1/cases/([0-9]+)(/.*)?$");
  std::smatch m;
  if (std::regex_match(path, m, with_id)) return std::stoll(m[1]);
  bool created = path == "/api/v1/cases" || path == "/api/v1/public/reports";
  if (created && result.is_object() && result.contains("id") && result["id"].is_number_integer()) return result["id"].get<Id>();
  return std::nullopt;
}

// One read transaction shared by a GET's credential check and its handler:
// beginning a WAL read transaction takes and drops shared-memory locks with
// fcntl calls, a fifth of a small GET's time when every request began two
// (docs/decisions.md, "One read snapshot per GET"). Taken on first use;
// committed, or rolled back after an error status, when the request ends.
//
// With `clocked`, it reads the change clock (store/change_clock.h) first,
// before its snapshot begins, for the caches that answer without the
// database while the clock stands still.
class ReadSnapshot {
 public:
  ReadSnapshot(store::Pool& pool, bool clocked) : pool_(pool) {
    if (clocked) changes_ = store::change_clock();
    current_ = this;
  }
  ReadSnapshot(const ReadSnapshot&) = delete;
  ReadSnapshot& operator=(const ReadSnapshot&) = delete;
  ~ReadSnapshot() {
    current_ = nullptr;
    if (open_) (void)(**lease_).execute("ROLLBACK", {});
  }
  // The snapshot of the GET being handled on this thread, if any.
  static ReadSnapshot* current() { return current_; }
  // The change clock as read before the snapshot began; nullopt unclocked.
  std::optional<std::uint64_t> changes() const { return changes_; }

  Result<store::Db*> db() {
    if (!lease_) {
      WEIGE_ASSIGN(auto lease, pool_.acquire());
      lease_.emplace(std::move(lease));
      open_ = (**lease_).execute("BEGIN", {}).is_ok();
    }
    return &**lease_;
  }
  void end(bool ok) {
    if (open_) (void)(**lease_).execute(ok ? "COMMIT" : "ROLLBACK", {});
    open_ = false;
  }

 private:
  static thread_local ReadSnapshot* current_;
  store::Pool& pool_;
  std::optional<store::Pool::Lease> lease_;
  bool open_ = false;
  std::optional<std::uint64_t> changes_;
};

thread_local ReadSnapshot* ReadSnapshot::current_ = nullptr;

}  // namespace

Api::Api(store::Pool& pool, const crypto::Vault& vault, ApiOptions options)
    : pool_(pool), vault_(vault), options_(std::move(options)) {
  // Cases written by other programs (the CLI, the demo loader) may wait in the
  // search index's queue; index them now rather than at the first write.
  if (auto lease = pool_.acquire(); lease) {
    store::Db& db = **lease;
    if (Status s = store::in_write_transaction(db, [&] { return store::index_pending_cases(db); }); !s) {
      spdlog::warn("could not index queued cases: {}", s.message());
    }
  }
  // Without a watcher (PostgreSQL, a database not in WAL mode) the change
  // clock cannot see every commit, and nothing is cached by it.
  if (auto conn = pool_.open(); conn) {
    if (auto watcher = store::watch_changes(std::move(conn).value()); watcher) watcher_ = std::move(watcher).value();
  }
  if (options_.slow_threads > 0) {
    slow_lane_ = std::make_unique<SlowLane>(options_.slow_threads, options_.slow_queue);
    router_.set_slow_lane([this](const Handler& handler, Request& request) { return on_slow_lane(handler, request); });
  }
  if (options_.group_commit) {
    auto writer = pool_.open();
    if (writer) {
      committer_ = store::GroupCommitter::create(std::move(writer).value());
      committer_->set_before_commit(store::index_pending_cases);
    } else {
      spdlog::warn("group commit off: cannot open the writer's connection: {}", writer.status().message());
    }
  }
  register_system_routes();
  register_map_routes();
  register_people_routes();
  register_case_routes();
  register_case_admin_routes();
  register_metrics_routes();
  register_auth_routes();
  register_sign_routes();
  register_event_routes();
  register_emergency_routes();
  register_life_routes();
}

service::CaseService Api::cases(store::Db& db) {
  return service::CaseService(db, vault_, options_.clock, &locator_, &refs_);
}

Result<Principal> principal_of(const Request& request) {
  if (!request.principal) return Status(Code::kUnauthorized, "sign in first");
  return *request.principal;
}

std::optional<std::string> session_cookie(const Request& request) {
  const std::string* cookie = request.header("cookie");
  if (!cookie) return std::nullopt;
  std::string_view c = *cookie;
  while (!c.empty()) {
    auto semi = c.find(';');
    std::string_view pair = c.substr(0, semi);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    if (pair.rfind("weige_session=", 0) == 0) return std::string(pair.substr(14));
    if (semi == std::string_view::npos) break;
    c.remove_prefix(semi + 1);
  }
  return std::nullopt;
}

bool Api::within_limit(const std::string& key, int per_minute) {
  if (per_minute <= 0) return true;
  Seconds minute = options_.clock() / 60;
  std::lock_guard lock(limits_mu_);
  if (limits_.size() > 100000) limits_.clear();  // bounded memory under a flood of addresses
  auto& [at, count] = limits_[key];
  if (at != minute) {
    at = minute;
    count = 0;
  }
  return ++count <= per_minute;
}

std::optional<Response> Api::guard(const Route& route, Request& request) {
  std::optional<store::Pool::Lease> own;
  store::Db* db = nullptr;
  std::optional<std::uint64_t> changes;
  if (ReadSnapshot* snapshot = ReadSnapshot::current()) {
    changes = snapshot->changes();
    auto shared = snapshot->db();
    if (!shared) return error_response(shared.status());
    db = *shared;
  } else {
    if (watcher_) changes = store::change_clock();  // before its statements begin their snapshots
    auto lease = pool_.acquire();
    if (!lease) return error_response(lease.status());
    own.emplace(std::move(lease).value());
    db = &**own;
  }
  bool cookie_auth = false;
  std::string csrf;
  Status problem;
  if (const std::string* authz = request.header("authorization")) {
    if (authz->rfind("Bearer ", 0) != 0) {
      problem = Status(Code::kUnauthorized, "Authorization takes 'Bearer <API token>'");
    } else {
      auto p = credentials_.api_token(*db, options_.clock, options_.auth, authz->substr(7), changes);
      if (p) request.principal = *p; else problem = p.status();
    }
  } else if (auto cookie = session_cookie(request)) {
    auto p = credentials_.session(*db, options_.clock, options_.auth, *cookie, changes);
    if (p) {
      request.principal = p->first;
      csrf = p->second;
      cookie_auth = true;
    } else {
      problem = p.status();
    }
  }
  if (route.permission != Permission::kPublic) {
    if (!problem.is_ok()) return error_response(problem);
    if (!request.principal) return error_response(Status(Code::kUnauthorized, "sign in first"));
    if (!request.principal->may(route.permission)) {
      return error_response(Status(Code::kForbidden, "a " + std::string(to_string(request.principal->role)) +
                                                         " may not " + route.summary,
                                   {{"permission", to_string(route.permission)}}));
    }
  }
  bool mutating = request.method != "GET" && request.method != "HEAD";
  if (cookie_auth && mutating) {
    const std::string* sent = request.header("x-csrf-token");
    if (!sent || *sent != csrf) {
      return error_response(Status(Code::kForbidden, "missing or wrong X-CSRF-Token header", {{"csrf", true}}));
    }
  }
  if (route.operation_id == "createPublicReport" &&
      !within_limit("report:" + request.remote, options_.public_reports_per_minute)) {
    return error_response(Status(Code::kTooManyRequests, "too many reports from this address; try again in a minute"));
  }
  return std::nullopt;
}

std::optional<std::uint64_t> Api::read_changes() const {
  ReadSnapshot* snapshot = ReadSnapshot::current();
  return snapshot ? snapshot->changes() : std::nullopt;
}

Result<service::Scope> Api::scope(const Request& request, store::Db& db) {
  WEIGE_ASSIGN(Principal p, principal_of(request));
  return service::scope_of(db, p, &refs_);
}

Status Api::audit_write(store::Db& db, const Request& request, const nlohmann::json& out, int status) {
  service::AuditEntry e;
  e.at = options_.clock();
  if (request.principal) {
    e.user_id = request.principal->user_id;
    e.username = request.principal->username;
    e.role = std::string(to_string(request.principal->role));
  }
  e.action = request.method + " " + request.path;
  if (out.is_object() && out.contains("id") && out["id"].is_number_integer()) e.target = std::to_string(out["id"].get<Id>());
  nlohmann::json detail{{"status", status}};
  if (request.audit_detail.is_object()) detail.update(request.audit_detail);
  e.detail = detail.dump();
  e.remote = request.remote;
  return service::audit_append(db, e).status();
}

void Api::publish_write(const Request& request, const nlohmann::json& out) {
  const std::string& path = request.path;
  bool about_cases = path.rfind("/api/v1/cases", 0) == 0 || path.rfind("/api/v1/public/reports", 0) == 0 ||
                     path.rfind("/api/v1/track/", 0) == 0;
  bool about_emergency = path.rfind("/api/v1/emergenc", 0) == 0 || path.rfind("/api/v1/screening-tasks", 0) == 0 ||
                         path.rfind("/api/v1/errands", 0) == 0;
  if (!about_cases && !about_emergency) return;
  if (about_emergency) {
    // Names nothing: viewers refresh what their own scope lets them see.
    feed_.publish(nlohmann::json{{"type", "emergency"}, {"method", request.method}}.dump());
    return;
  }
  nlohmann::json event{{"type", "case"}, {"method", request.method}, {"path", path}};
  if (auto id = case_of_change(path, out)) event["id"] = *id;
  if (out.is_object() && out.contains("state")) event["state"] = out["state"];
  feed_.publish(event.dump());
}

Response Api::render_error(const Request& request, const Status& status) {
  if (status.code() == Code::kInternal) spdlog::error("{} {}: {}", request.method, request.target, status.message());
  return error_response(status);
}

Response Api::render(const Request& request, const Result<nlohmann::json>& result, int status) {
  if (!result) return render_error(request, result.status());
  return json_response(status, *result);
}

Status Api::read(const std::function<Status(store::Db&)>& body) {
  std::optional<ReadSnapshot> own;
  ReadSnapshot* snapshot = ReadSnapshot::current();
  if (!snapshot) snapshot = &own.emplace(pool_, watcher_ != nullptr);
  WEIGE_ASSIGN(store::Db * db, snapshot->db());
  Status s = body(*db);
  if (own) own->end(s.is_ok());
  return s;
}

Handler Api::wrap_text(TextHandler fn) {
  return [this, fn = std::move(fn)](Request& request) -> Response {
    Result<std::string> body = std::string();
    Status s = read([&](store::Db& db) {
      body = fn(request, db);
      return body.status();
    });
    if (!s) return render_error(request, s);
    Response r;
    r.body = std::move(*body);
    return r;
  };
}

Handler Api::wrap(JsonHandler fn, int status) {
  return [this, fn = std::move(fn), status](Request& request) -> Response {
    bool mutating = request.method != "GET" && request.method != "HEAD";
    if (mutating && committer_) {
      // The write, its audit entry and its savepoint run on the writer
      // thread; the response goes out after the batch's commit.
      auto req = std::make_shared<Request>(request);
      Response deferred;
      deferred.later = [this, fn, status, req](std::function<void(Response)> done) {
        auto result = std::make_shared<Result<nlohmann::json>>(nlohmann::json());
        committer_->submit(
            [this, fn, status, req, result](store::Db& db) -> Status {
              *result = fn(*req, db);
              if (!*result) return result->status();
              return audit_write(db, *req, **result, status);  // the index queue: once per batch
            },
            [this, status, req, result, done = std::move(done)](Status s) {
              if (!s && *result) *result = s;
              if (s) publish_write(*req, **result);
              done(render(*req, *result, status));
            });
      };
      return deferred;
    }
    if (!mutating) {
      // A failed GET ends in ROLLBACK, so nothing a handler wrote stays.
      Result<nlohmann::json> result = nlohmann::json();
      Status s = read([&](store::Db& db) {
        result = fn(request, db);
        return result.status();
      });
      if (!s && result) result = s;
      return render(request, result, status);
    }
    auto lease = pool_.acquire();
    if (!lease) return error_response(lease.status());
    store::Db& db = **lease;
    Result<nlohmann::json> result = nlohmann::json();
    Status s = store::in_write_transaction(db, [&]() -> Status {
      result = fn(request, db);
      if (!result) return result.status();
      WEIGE_TRY(audit_write(db, request, *result, status));
      return store::index_pending_cases(db);
    });
    if (!s && result) result = s;
    if (s) publish_write(request, *result);  // after the commit
    return render(request, result, status);
  };
}

Response Api::on_slow_lane(const Handler& handler, Request& request) {
  auto req = std::make_shared<Request>(request);
  Response deferred;
  deferred.later = [this, handler, req](std::function<void(Response)> done) {
    // The transport's callback gives up its hold on the connection when it
    // runs (message.h), so the lane may destroy the job whenever it likes.
    auto answer = std::make_shared<std::function<void(Response)>>(std::move(done));
    std::function<void()> job = [handler, req, answer] {
      Response r;
      if (req->gone && req->gone->load()) {
        // The client left while this waited: no one would read the answer.
        r = error_response(Status::unavailable("the client closed the connection"));
      } else {
        try {
          r = resolve(handler(*req));
        } catch (const std::exception& e) {
          spdlog::error("handler threw on {} {}: {}", req->method, req->target, e.what());
          r = error_response(Status::internal("internal error"));
        }
      }
      (*answer)(std::move(r));
    };
    if (!slow_lane_->submit(std::move(job))) {
      Response busy = error_response(Status::unavailable("too many long requests are waiting; try again shortly"));
      busy.headers.emplace_back("Retry-After", "5");
      (*answer)(std::move(busy));
    }
  };
  return deferred;
}

Response Api::handle(Request& request) {
  if (request.path.rfind("/api/", 0) == 0 || request.path == "/api") {
    std::optional<ReadSnapshot> snapshot;
    if (request.method == "GET" || request.method == "HEAD") snapshot.emplace(pool_, watcher_ != nullptr);
    Response r = router_.dispatch(request, [this](const Route& route, Request& req) { return guard(route, req); });
    if (snapshot) snapshot->end(r.status < 400);
    if (r.later) {
      r.later = [inner = std::move(r.later)](std::function<void(Response)> done) {
        inner([done = std::move(done)](Response ready) {
          ready.headers.emplace_back("Cache-Control", "no-store");
          done(std::move(ready));
        });
      };
    } else {
      r.headers.emplace_back("Cache-Control", "no-store");
    }
    return r;
  }
  if (options_.web_dir.empty()) {
    return error_response(Status::not_found("no endpoint " + request.path + " (the web app is not being served)"));
  }
  return serve_static(options_.web_dir, request);
}

void Api::register_system_routes() {
  router_.add({.method = "GET",
               .pattern = "/api/v1/health",
               .operation_id = "getHealth",
               .summary = "Liveness and database check",
               .tag = "system",
               .response_schema = "Health",
               .permission = Permission::kPublic,
               .handler = wrap([this](Request&, store::Db& db) -> Result<nlohmann::json> {
                 WEIGE_ASSIGN(int version, store::schema_version(db));
                 nlohmann::json out{{"status", "ok"},
                                    {"version", options_.version},
                                    {"schema_version", version},
                                    {"database", db.dialect()}};
                 if (options_.prewarm_state) out["prewarm"] = options_.prewarm_state();
                 return out;
               })});
  router_.add({.method = "GET",
               .pattern = "/api/v1/openapi.json",
               .operation_id = "getOpenApi",
               .summary = "This API's OpenAPI 3 document",
               .tag = "system",
               .response_schema = "",
               .permission = Permission::kPublic,
               .handler = [this](Request&) { return json_response(200, openapi()); }});
}

}  // namespace weige::http
