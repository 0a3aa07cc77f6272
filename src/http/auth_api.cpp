// Signing in and out, accounts, API tokens, the audit trail, and revealing
// personal data (with a reason, audited).
#include "domain/mask.h"
#include "http/api.h"
#include "http/case_dto.h"
#include "http/dto.h"
#include "http/json_body.h"
#include "service/audit.h"
#include "service/people_service.h"
#include "store/case_store.h"

namespace weige::http {
namespace {

using nlohmann::json;

json user_json(const service::User& u) {
  auto opt = [](const std::optional<Id>& v) { return v ? json(*v) : json(nullptr); };
  json perms = json::array();
  for (Permission p : permissions_of(u.role)) perms.push_back(to_string(p));
  return {{"id", u.id},
          {"username", u.username},
          {"role", to_string(u.role)},
          {"role_zh", label_zh(u.role)},
          {"person_id", opt(u.person_id)},
          {"scope_grid_id", opt(u.scope_grid_id)},
          {"organisation_id", opt(u.organisation_id)},
          {"disabled", u.disabled},
          {"must_change_password", u.must_change_password},
          {"permissions", perms}};
}

json audit_json(const service::AuditEntry& e) {
  auto detail = json::parse(e.detail, nullptr, false);
  return {{"id", e.id},
          {"at", time_json(e.at)},
          {"user_id", e.user_id ? json(*e.user_id) : json(nullptr)},
          {"username", e.username},
          {"role", e.role},
          {"action", e.action},
          {"target", e.target},
          {"detail", detail.is_discarded() ? json::object() : detail},
          {"remote", e.remote},
          {"hash", e.hash}};
}

Status need_reason(const json& j, std::string& reason) {
  WEIGE_TRY(read_string(j, "reason", reason, true, 500));
  if (reason.size() < 4) return Status::invalid("give a reason for revealing personal data", {{"field", "reason"}});
  return {};
}

}  // namespace

void Api::register_auth_routes() {
  router_.add({.method = "POST", .pattern = "/api/v1/auth/login", .operation_id = "login",
               .summary = "Sign in: sets an HttpOnly session cookie and returns the CSRF token for writes",
               .tag = "auth", .request_schema = "LoginInput", .response_schema = "Me",
               .permission = Permission::kPublic,
               .handler = [this](Request& r) -> Response {
                 if (!within_limit("login:" + r.remote, options_.login_per_minute)) {
                   return error_response(Status(Code::kTooManyRequests, "too many sign-in attempts from this address; wait a minute"));
                 }
                 auto parsed = parse_object(r, {"username", "password"});
                 if (!parsed) return error_response(parsed.status());
                 std::string username, password;
                 if (Status s = read_string(*parsed, "username", username, true, 40); !s) return error_response(s);
                 if (Status s = read_string(*parsed, "password", password, true, 200); !s) return error_response(s);
                 auto lease = pool_.acquire();
                 if (!lease) return error_response(lease.status());
                 store::Db& db = **lease;
                 service::AuthService auth(db, options_.clock, options_.auth);
                 Result<service::Session> session = Status::internal("not run");
                 Status s = store::in_write_transaction(db, [&]() -> Status {
                   session = auth.login(username, password, r.remote);
                   service::AuditEntry e;
                   e.at = options_.clock();
                   e.username = username;
                   e.action = session ? "login" : "login_failed";
                   e.remote = r.remote;
                   if (session) {
                     e.user_id = session->user.id;
                     e.role = std::string(to_string(session->user.role));
                   }
                   return service::audit_append(db, e).status();  // the failure counter persists too
                 });
                 if (!s) return error_response(s);
                 if (!session) return error_response(session.status());
                 Response res = json_response(200, {{"user", user_json(session->user)}, {"csrf_token", session->csrf_token}});
                 std::string cookie = "weige_session=" + session->token + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
                                      std::to_string(options_.auth.session_seconds);
                 const std::string* proto = r.header("x-forwarded-proto");
                 if (options_.secure_cookies || (proto && *proto == "https")) cookie += "; Secure";
                 res.headers.emplace_back("Set-Cookie", cookie);
                 return res;
               }});

  router_.add({.method = "POST", .pattern = "/api/v1/auth/logout", .operation_id = "logout",
               .summary = "Sign out: ends the session", .tag = "auth", .response_schema = "",
               .permission = Permission::kSignedIn,
               .handler = wrap([this](Request& r, store::Db& db) -> Result<json> {
                 if (auto cookie = session_cookie(r)) {
                   service::AuthService auth(db, options_.clock, options_.auth);
                   WEIGE_TRY(auth.logout(*cookie));
                 }
                 return json{{"signed_out", true}};
               })});

  router_.add({.method = "GET", .pattern = "/api/v1/auth/me", .operation_id = "whoAmI",
               .summary = "The signed-in account, its permissions and (for sessions) the CSRF token", .tag = "auth",
               .response_schema = "Me", .permission = Permission::kSignedIn,
               .handler = wrap([this](Request& r, store::Db& db) -> Result<json> {
                 WEIGE_ASSIGN(Principal p, principal_of(r));
                 service::AuthService auth(db, options_.clock, options_.auth);
                 WEIGE_ASSIGN(auto u, auth.get_user(p.user_id));
                 json out{{"user", user_json(u)}, {"csrf_token", nullptr}};
                 if (auto cookie = session_cookie(r)) {
                   auto s = auth.session_principal(*cookie);
                   if (s) out["csrf_token"] = s->second;
                 }
                 return out;
               })});

  router_.add({.method = "POST", .pattern = "/api/v1/auth/password", .operation_id = "changePassword",
               .summary = "Change your own password", .tag = "auth", .request_schema = "PasswordInput",
               .response_schema = "", .permission = Permission::kSignedIn,
               .handler = wrap([this](Request& r, store::Db& db) -> Result<json> {
                 WEIGE_ASSIGN(Principal p, principal_of(r));
                 WEIGE_ASSIGN(json j, parse_object(r, {"old_password", "new_password"}));
                 std::string old_pw, new_pw;
                 WEIGE_TRY(read_string(j, "old_password", old_pw, true, 200));
                 WEIGE_TRY(read_string(j, "new_password", new_pw, true, 200));
                 service::AuthService auth(db, options_.clock, options_.auth);
                 WEIGE_TRY(auth.change_password(p.user_id, old_pw, new_pw));
                 return json{{"changed", true}};
               })});

  router_.add({.method = "GET", .pattern = "/api/v1/users", .operation_id = "listUsers", .summary = "Accounts",
               .tag = "auth", .response_schema = "UserList", .permission = Permission::kUserAdmin,
               .handler = wrap([this](Request&, store::Db& db) -> Result<json> {
                 service::AuthService auth(db, options_.clock, options_.auth);
                 WEIGE_ASSIGN(auto users, auth.list_users());
                 json items = json::array();
                 for (const auto& u : users) items.push_back(user_json(u));
                 return json{{"items", items}, {"total", items.size()}};
               })});

  router_.add({.method = "POST", .pattern = "/api/v1/users", .operation_id = "createUser", .summary = "Create an account",
               .tag = "auth", .request_schema = "UserInput", .response_schema = "User", .success_status = 201,
               .permission = Permission::kUserAdmin,
               .handler = wrap(
                   [this](Request& r, store::Db& db) -> Result<json> {
                     WEIGE_ASSIGN(json j, parse_object(r, {"username", "password", "role", "person_id", "scope_grid_id", "organisation_id"}));
                     service::NewUser n;
                     std::string role;
                     WEIGE_TRY(read_string(j, "username", n.username, true, 40));
                     WEIGE_TRY(read_string(j, "password", n.password, true, 200));
                     WEIGE_TRY(read_string(j, "role", role, true));
                     auto parsed = parse_role(role);
                     if (!parsed) return Status::invalid("unknown role '" + role + "'", {{"field", "role"}});
                     n.role = *parsed;
                     WEIGE_TRY(read_id(j, "person_id", n.person_id));
                     WEIGE_TRY(read_id(j, "scope_grid_id", n.scope_grid_id));
                     WEIGE_TRY(read_id(j, "organisation_id", n.organisation_id));
                     service::AuthService auth(db, options_.clock, options_.auth);
                     WEIGE_ASSIGN(auto u, auth.create_user(n));
                     return user_json(u);
                   },
                   201)});

  router_.add({.method = "POST", .pattern = "/api/v1/users/{id}/reset-password", .operation_id = "resetPassword",
               .summary = "Set a fresh one-time password (shown once); the user must change it", .tag = "auth",
               .response_schema = "", .permission = Permission::kUserAdmin,
               .handler = wrap([this](Request& r, store::Db& db) -> Result<json> {
                 WEIGE_ASSIGN(Id id, path_id(r));
                 service::AuthService auth(db, options_.clock, options_.auth);
                 WEIGE_ASSIGN(std::string pw, auth.reset_password(id));
                 return json{{"id", id}, {"password", pw}};
               })});

  for (bool disable : {true, false}) {
    router_.add({.method = "POST", .pattern = disable ? "/api/v1/users/{id}/disable" : "/api/v1/users/{id}/enable",
                 .operation_id = disable ? "disableUser" : "enableUser",
                 .summary = disable ? "Disable an account (ends its sessions)" : "Enable an account again", .tag = "auth",
                 .response_schema = "", .permission = Permission::kUserAdmin,
                 .handler = wrap([this, disable](Request& r, store::Db& db) -> Result<json> {
                   WEIGE_ASSIGN(Id id, path_id(r));
                   service::AuthService auth(db, options_.clock, options_.auth);
                   WEIGE_TRY(auth.set_disabled(id, disable));
                   return json{{"id", id}, {"disabled", disable}};
                 })});
  }

  router_.add({.method = "POST", .pattern = "/api/v1/api-tokens", .operation_id = "createApiToken",
               .summary = "Create an API token for yourself, limited to some permissions (shown once)", .tag = "auth",
               .request_schema = "ApiTokenInput", .response_schema = "", .success_status = 201,
               .permission = Permission::kSignedIn,
               .handler = wrap(
                   [this](Request& r, store::Db& db) -> Result<json> {
                     WEIGE_ASSIGN(Principal p, principal_of(r));
                     if (p.via_token) return Status(Code::kForbidden, "an API token cannot create more tokens");
                     WEIGE_ASSIGN(json j, parse_object(r, {"name", "permissions", "expires_in_days"}));
                     std::string name;
                     WEIGE_TRY(read_string(j, "name", name, true, 100));
                     std::set<Permission> perms;
                     if (j.contains("permissions")) {
                       if (!j["permissions"].is_array()) return Status::invalid("permissions is a list of names", {{"field", "permissions"}});
                       for (const auto& x : j["permissions"]) {
                         auto perm = x.is_string() ? parse_permission(x.get<std::string>()) : std::nullopt;
                         if (!perm) return Status::invalid("unknown permission " + x.dump(), {{"field", "permissions"}});
                         perms.insert(*perm);
                       }
                     }
                     int days = 0;
                     WEIGE_TRY(read_int(j, "expires_in_days", days));
                     if (days < 0 || days > 3650) return Status::invalid("expires_in_days is 0..3650", {{"field", "expires_in_days"}});
                     std::optional<Seconds> expires;
                     if (days > 0) expires = options_.clock() + static_cast<Seconds>(days) * 86400;
                     service::AuthService auth(db, options_.clock, options_.auth);
                     WEIGE_ASSIGN(auto t, auth.create_api_token(p.user_id, name, perms, expires));
                     return json{{"id", t.id}, {"name", t.name}, {"token", t.token}};
                   },
                   201)});

  router_.add({.method = "DELETE", .pattern = "/api/v1/api-tokens/{id}", .operation_id = "revokeApiToken",
               .summary = "Revoke an API token (your own, or any as user admin)", .tag = "auth", .response_schema = "",
               .permission = Permission::kSignedIn,
               .handler = wrap([this](Request& r, store::Db& db) -> Result<json> {
                 WEIGE_ASSIGN(Principal p, principal_of(r));
                 WEIGE_ASSIGN(Id id, path_id(r));
                 WEIGE_ASSIGN(auto owner, db.row("SELECT user_id FROM api_tokens WHERE id = ?", {id}));
                 if (!owner || (owner->i64(0) != p.user_id && !p.may(Permission::kUserAdmin))) {
                   return Status::not_found("no API token " + std::to_string(id));
                 }
                 service::AuthService auth(db, options_.clock, options_.auth);
                 WEIGE_TRY(auth.revoke_api_token(id));
                 return json{{"id", id}, {"revoked", true}};
               })});

  router_.add({.method = "GET", .pattern = "/api/v1/audit", .operation_id = "listAudit",
               .summary = "The audit trail, newest first", .tag = "auth",
               .params = {{"action", "query", "string", "entries whose action starts with this"},
                          {"user_id", "query", "integer", ""},
                          {"limit", "query", "integer", ""},
                          {"offset", "query", "integer", ""}},
               .response_schema = "AuditList", .permission = Permission::kAuditRead,
               .handler = wrap([](Request& r, store::Db& db) -> Result<json> {
                 int limit = 50, offset = 0;
                 WEIGE_TRY(query_page(r, limit, offset));
                 std::optional<Id> user;
                 WEIGE_TRY(query_id(r, "user_id", user));
                 std::string action = r.param("action") ? *r.param("action") : "";
                 WEIGE_ASSIGN(auto page, service::audit_list(db, action, user, limit, offset));
                 json items = json::array();
                 for (const auto& e : page.items) items.push_back(audit_json(e));
                 return json{{"items", items}, {"total", page.total}};
               })});

  router_.add({.method = "GET", .pattern = "/api/v1/audit/verify", .operation_id = "verifyAudit",
               .summary = "Check the audit trail's hash chain", .tag = "auth", .response_schema = "",
               .permission = Permission::kAuditRead,
               .slow = always_slow,
               .handler = wrap([](Request&, store::Db& db) -> Result<json> {
                 WEIGE_ASSIGN(auto v, service::audit_verify(db));
                 return json{{"ok", v.ok}, {"entries", v.entries},
                             {"first_bad_id", v.first_bad_id ? json(*v.first_bad_id) : json(nullptr)},
                             {"problem", v.problem}};
               })});

  router_.add({.method = "POST", .pattern = "/api/v1/persons/{id}/reveal", .operation_id = "revealPerson",
               .summary = "A person's unmasked data, for a stated reason (audited)", .tag = "people",
               .request_schema = "RevealInput", .response_schema = "", .permission = Permission::kPiiReveal,
               .handler = wrap([this](Request& r, store::Db& db) -> Result<json> {
                 WEIGE_ASSIGN(Id id, path_id(r));
                 WEIGE_ASSIGN(json j, parse_object(r, {"reason"}));
                 std::string reason;
                 WEIGE_TRY(need_reason(j, reason));
                 service::PeopleService svc(db, vault_);
                 WEIGE_ASSIGN(auto sc, scope(r, db));
                 WEIGE_TRY(service::scoped_person(db, id, sc));
                 WEIGE_ASSIGN(Person p, svc.get_person(id));
                 r.audit_detail = {{"reveal", "person"}, {"reason", reason}};
                 return json{{"id", p.id}, {"name", p.name}, {"phone", p.phone}, {"id_number", p.id_number},
                             {"address", p.address}, {"masked", false}};
               })});

  router_.add({.method = "POST", .pattern = "/api/v1/cases/{id}/reveal", .operation_id = "revealReporter",
               .summary = "A case reporter's unmasked name, phone and address, for a stated reason (audited)",
               .tag = "cases", .request_schema = "RevealInput", .response_schema = "",
               .permission = Permission::kPiiReveal,
               .handler = wrap([this](Request& r, store::Db& db) -> Result<json> {
                 WEIGE_ASSIGN(Id id, path_id(r));
                 WEIGE_ASSIGN(json j, parse_object(r, {"reason"}));
                 std::string reason;
                 WEIGE_TRY(need_reason(j, reason));
                 WEIGE_ASSIGN(auto sc, scope(r, db));
                 auto c = store::get_case(db, id);
                 if (!c || !service::case_in_scope(*c, sc)) return Status::not_found("case " + std::to_string(id) + " does not exist");
                 auto svc = cases(db);
                 WEIGE_ASSIGN(auto v, svc.view(*c));
                 r.audit_detail = {{"reveal", "case_reporter"}, {"reason", reason}};
                 return json{{"id", id}, {"reporter_name", v.reporter_name}, {"reporter_phone", v.reporter_phone},
                             {"address", v.address}, {"masked", false}};
               })});
}

}  // namespace weige::http
