#include "http/api.h"

#include <spdlog/spdlog.h>

#include "service/audit.h"
#include "store/migrations.h"

namespace weige::http {

Api::Api(store::Pool& pool, const crypto::Vault& vault, ApiOptions options)
    : pool_(pool), vault_(vault), options_(std::move(options)) {
  register_system_routes();
  register_map_routes();
  register_people_routes();
  register_case_routes();
  register_case_admin_routes();
  register_metrics_routes();
  register_auth_routes();
  register_sign_routes();
  register_event_routes();
  register_life_routes();
}

service::CaseService Api::cases(store::Db& db) {
  return service::CaseService(db, vault_, options_.clock, &locator_);
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
  auto lease = pool_.acquire();
  if (!lease) return error_response(lease.status());
  service::AuthService auth(**lease, options_.clock, options_.auth);
  bool cookie_auth = false;
  std::string csrf;
  Status problem;
  if (const std::string* authz = request.header("authorization")) {
    if (authz->rfind("Bearer ", 0) != 0) {
      problem = Status(Code::kUnauthorized, "Authorization takes 'Bearer <API token>'");
    } else {
      auto p = auth.token_principal(authz->substr(7));
      if (p) request.principal = *p; else problem = p.status();
    }
  } else if (auto cookie = session_cookie(request)) {
    auto p = auth.session_principal(*cookie);
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

Result<service::Scope> Api::scope(const Request& request, store::Db& db) {
  WEIGE_ASSIGN(Principal p, principal_of(request));
  return service::scope_of(db, p);
}

Handler Api::wrap(JsonHandler fn, int status) {
  return [this, fn = std::move(fn), status](Request& request) -> Response {
    auto lease = pool_.acquire();
    if (!lease) return error_response(lease.status());
    store::Db& db = **lease;
    bool mutating = request.method != "GET" && request.method != "HEAD";
    Result<nlohmann::json> result = nlohmann::json();
    if (!mutating) {
      result = fn(request, db);
    } else {
      Status s = store::in_write_transaction(db, [&]() -> Status {
        result = fn(request, db);
        if (!result) return result.status();
        service::AuditEntry e;
        e.at = options_.clock();
        if (request.principal) {
          e.user_id = request.principal->user_id;
          e.username = request.principal->username;
          e.role = std::string(to_string(request.principal->role));
        }
        e.action = request.method + " " + request.path;
        const nlohmann::json& out = *result;
        if (out.is_object() && out.contains("id") && out["id"].is_number_integer()) e.target = std::to_string(out["id"].get<Id>());
        nlohmann::json detail{{"status", status}};
        if (request.audit_detail.is_object()) detail.update(request.audit_detail);
        e.detail = detail.dump();
        e.remote = request.remote;
        return service::audit_append(db, e).status();
      });
      if (!s && result) result = s;
      // Tell live dashboards, after the commit.
      const std::string& path = request.path;
      bool about_cases = path.rfind("/api/v1/cases", 0) == 0 || path.rfind("/api/v1/public/reports", 0) == 0 ||
                         path.rfind("/api/v1/track/", 0) == 0;
      if (s && about_cases) {
        nlohmann::json event{{"type", "case"}, {"method", request.method}, {"path", request.path}};
        if (result->is_object() && result->contains("id")) event["id"] = (*result)["id"];
        if (result->is_object() && result->contains("state")) event["state"] = (*result)["state"];
        feed_.publish(event.dump());
      }
    }
    if (!result) {
      if (result.status().code() == Code::kInternal) {
        spdlog::error("{} {}: {}", request.method, request.target, result.status().message());
      }
      return error_response(result.status());
    }
    return json_response(status, *result);
  };
}

Response Api::handle(Request& request) {
  if (request.path.rfind("/api/", 0) == 0 || request.path == "/api") {
    Response r = router_.dispatch(request, [this](const Route& route, Request& req) { return guard(route, req); });
    r.headers.emplace_back("Cache-Control", "no-store");
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
                 return nlohmann::json{{"status", "ok"},
                                       {"version", options_.version},
                                       {"schema_version", version},
                                       {"database", db.dialect()}};
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
