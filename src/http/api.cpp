#include "http/api.h"

#include <spdlog/spdlog.h>

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
}

service::CaseService Api::cases(store::Db& db) {
  return service::CaseService(db, vault_, options_.clock, &locator_);
}

Result<Actor> actor_of(const Request& request) {
  const std::string* role = request.header("x-weige-role");
  if (!role) return Status(Code::kUnauthorized, "identify yourself: X-Weige-Role (and X-Weige-Person) headers");
  auto parsed = parse_role(*role);
  if (!parsed || *parsed == Role::kSystem) return Status(Code::kUnauthorized, "unknown role '" + *role + "'");
  Actor actor{*parsed, std::nullopt};
  if (const std::string* person = request.header("x-weige-person")) {
    try {
      std::size_t used = 0;
      long long id = std::stoll(*person, &used);
      if (used != person->size() || id <= 0) throw std::invalid_argument("id");
      actor.person_id = id;
    } catch (const std::exception&) {
      return Status(Code::kUnauthorized, "X-Weige-Person must be a person id");
    }
  }
  return actor;
}

Handler Api::wrap(JsonHandler fn, int status) {
  return [this, fn = std::move(fn), status](Request& request) -> Response {
    auto lease = pool_.acquire();
    if (!lease) return error_response(lease.status());
    auto result = fn(request, **lease);
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
    Response r = router_.dispatch(request);
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
               .handler = [this](Request&) { return json_response(200, openapi()); }});
}

}  // namespace weige::http
