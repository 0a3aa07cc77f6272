#include "service/auth_service.h"

#include <sodium.h>

#include "crypto/vault.h"
#include "store/map_store.h"
#include "store/people_store.h"

namespace weige::service {
namespace {

constexpr const char* kUserColumns =
    "id, username, role, person_id, scope_grid_id, organisation_id, disabled, failed_logins, locked_until, "
    "must_change_password";

User user_from(const store::Row& r) {
  User u;
  u.id = r.i64(0);
  u.username = r.text(1);
  u.role = parse_role(r.text(2)).value_or(Role::kResident);
  u.person_id = r.opt_i64(3);
  u.scope_grid_id = r.opt_i64(4);
  u.organisation_id = r.opt_i64(5);
  u.disabled = r.i64(6) != 0;
  u.failed_logins = static_cast<int>(r.i64(7));
  u.locked_until = r.opt_i64(8);
  u.must_change_password = r.i64(9) != 0;
  return u;
}

Status unauthorized() { return Status(Code::kUnauthorized, "wrong username or password"); }

bool valid_username(const std::string& s) {
  if (s.size() < 3 || s.size() > 40) return false;
  for (char c : s) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.')) return false;
  }
  return true;
}

}  // namespace

std::string token_hash(const std::string& token) {
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(token.data()), token.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, h, sizeof h);
  return hex;
}

Status check_password_strength(const std::string& p) {
  if (p.size() < 8) return Status::invalid("a password has at least 8 characters", {{"field", "password"}});
  if (p.size() > 200) return Status::invalid("a password has at most 200 characters", {{"field", "password"}});
  return {};
}

AuthService::AuthService(store::Db& db, Clock clock, AuthOptions options)
    : db_(db), clock_(std::move(clock)), options_(options) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}

Result<std::string> AuthService::hash_password(const std::string& password) const {
  char out[crypto_pwhash_STRBYTES];
  unsigned long long ops = options_.fast_hash ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE;
  std::size_t mem = options_.fast_hash ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE;
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), ops, mem, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Status::internal("out of memory hashing a password");
  }
  return std::string(out);
}

Principal AuthService::principal_of(const User& u) const {
  Principal p;
  p.user_id = u.id;
  p.username = u.username;
  p.role = u.role;
  p.person_id = u.person_id;
  p.scope_grid_id = u.scope_grid_id;
  p.organisation_id = u.organisation_id;
  return p;
}

Result<User> AuthService::create_user(const NewUser& n) {
  if (!valid_username(n.username)) {
    return Status::invalid("a username has 3 to 40 letters, digits, '_', '-' or '.'", {{"field", "username"}});
  }
  if (n.role == Role::kSystem) return Status::invalid("no account can hold the system role", {{"field", "role"}});
  WEIGE_TRY(check_password_strength(n.password));
  if (n.person_id) WEIGE_TRY(store::get_person(db_, *n.person_id).status());
  if (n.scope_grid_id) WEIGE_TRY(store::get_grid(db_, *n.scope_grid_id).status());
  if (n.organisation_id) WEIGE_TRY(store::get_organisation(db_, *n.organisation_id).status());
  if (n.role == Role::kPropertyStaff && !n.organisation_id) {
    return Status::invalid("a property_staff account names its property company (organisation_id)", {{"field", "organisation_id"}});
  }
  WEIGE_ASSIGN(auto existing, find_user(n.username));
  if (existing) return Status::conflict("username '" + n.username + "' is taken");
  WEIGE_ASSIGN(std::string hash, hash_password(n.password));
  Seconds now = clock_();
  WEIGE_ASSIGN(Id id, db_.scalar("INSERT INTO users (username, password_hash, role, person_id, scope_grid_id, "
                                 "organisation_id, created_at, password_changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                                 "RETURNING id",
                                 {n.username, hash, std::string(to_string(n.role)), store::opt(n.person_id),
                                  store::opt(n.scope_grid_id), store::opt(n.organisation_id), now, now}));
  return get_user(id);
}

Result<User> AuthService::get_user(Id id) {
  WEIGE_ASSIGN(auto r, db_.row(std::string("SELECT ") + kUserColumns + " FROM users WHERE id = ?", {id}));
  if (!r) return Status::not_found("user " + std::to_string(id) + " does not exist");
  return user_from(*r);
}

Result<std::optional<User>> AuthService::find_user(const std::string& username) {
  WEIGE_ASSIGN(auto r, db_.row(std::string("SELECT ") + kUserColumns + " FROM users WHERE username = ?", {username}));
  if (!r) return std::optional<User>();
  return std::optional<User>(user_from(*r));
}

Result<std::vector<User>> AuthService::list_users() {
  std::vector<User> out;
  WEIGE_TRY(db_.query(std::string("SELECT ") + kUserColumns + " FROM users ORDER BY id", {},
                      [&](const store::Row& r) { out.push_back(user_from(r)); }));
  return out;
}

Result<Session> AuthService::login(const std::string& username, const std::string& password, const std::string& remote) {
  Seconds now = clock_();
  WEIGE_ASSIGN(auto r, db_.row(std::string("SELECT ") + kUserColumns + ", password_hash FROM users WHERE username = ?",
                               {username}));
  if (!r) {
    // Spend the same effort as a real check so timing does not reveal usernames.
    (void)hash_password(password);
    return unauthorized();
  }
  User u = user_from(*r);
  if (u.locked_until && *u.locked_until > now) {
    return Status(Code::kTooManyRequests, "too many failed logins: try again after " +
                                              std::to_string((*u.locked_until - now + 59) / 60) + " minute(s)",
                  {{"retry_after_seconds", *u.locked_until - now}});
  }
  std::string stored = r->text(10);
  bool ok = crypto_pwhash_str_verify(stored.c_str(), password.data(), password.size()) == 0;
  if (!ok || u.disabled) {
    int failures = u.failed_logins + 1;
    // Backoff: from the third failure the account waits 2, 4, ... seconds
    // before the next try; at max_failures it locks for lockout_seconds.
    std::optional<Seconds> lock;
    if (failures >= options_.max_failures) {
      lock = now + options_.lockout_seconds;
    } else if (failures >= 3) {
      lock = now + (Seconds{1} << (failures - 2));
    }
    WEIGE_TRY(db_.execute("UPDATE users SET failed_logins = ?, locked_until = ? WHERE id = ?",
                          {static_cast<std::int64_t>(failures), store::opt(lock), u.id})
                  .status());
    return unauthorized();
  }
  Session s;
  s.token = crypto::random_token(32);
  s.csrf_token = crypto::random_token(16);
  s.expires_at = now + options_.session_seconds;
  WEIGE_TRY(db_.execute("UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = ?", {u.id}).status());
  WEIGE_TRY(db_.execute("INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at, remote) "
                        "VALUES (?, ?, ?, ?, ?, ?)",
                        {token_hash(s.token), u.id, s.csrf_token, now, s.expires_at, remote})
                .status());
  u.failed_logins = 0;
  u.locked_until.reset();
  s.user = u;
  return s;
}

Status AuthService::logout(const std::string& token) {
  return db_.execute("DELETE FROM sessions WHERE token_hash = ?", {token_hash(token)}).status();
}

Result<std::pair<Principal, std::string>> AuthService::session_principal(const std::string& token,
                                                                         std::optional<Seconds>* expires_at) {
  WEIGE_ASSIGN(auto r, db_.row("SELECT user_id, csrf_token, expires_at FROM sessions WHERE token_hash = ?", {token_hash(token)}));
  if (!r) return Status(Code::kUnauthorized, "the session is not valid; sign in again");
  if (r->i64(2) <= clock_()) return Status(Code::kUnauthorized, "the session has expired; sign in again");
  WEIGE_ASSIGN(User u, get_user(r->i64(0)));
  if (u.disabled) return Status(Code::kUnauthorized, "the account is disabled");
  if (expires_at) *expires_at = r->i64(2);
  return std::make_pair(principal_of(u), r->text(1));
}

Status AuthService::change_password(Id user_id, const std::string& old_password, const std::string& new_password) {
  WEIGE_ASSIGN(auto r, db_.row("SELECT password_hash FROM users WHERE id = ?", {user_id}));
  if (!r) return Status::not_found("user " + std::to_string(user_id) + " does not exist");
  std::string stored = r->text(0);
  if (crypto_pwhash_str_verify(stored.c_str(), old_password.data(), old_password.size()) != 0) {
    return Status(Code::kForbidden, "the current password is wrong");
  }
  WEIGE_TRY(check_password_strength(new_password));
  WEIGE_ASSIGN(std::string hash, hash_password(new_password));
  WEIGE_TRY(db_.execute("UPDATE users SET password_hash = ?, must_change_password = 0, password_changed_at = ? WHERE id = ?",
                        {hash, clock_(), user_id})
                .status());
  return {};
}

Result<std::string> AuthService::reset_password(Id user_id) {
  WEIGE_TRY(get_user(user_id).status());
  std::string fresh = crypto::random_token(6);
  WEIGE_ASSIGN(std::string hash, hash_password(fresh));
  WEIGE_TRY(db_.execute("UPDATE users SET password_hash = ?, must_change_password = 1, failed_logins = 0, locked_until = "
                        "NULL, password_changed_at = ? WHERE id = ?",
                        {hash, clock_(), user_id})
                .status());
  WEIGE_TRY(db_.execute("DELETE FROM sessions WHERE user_id = ?", {user_id}).status());
  return fresh;
}

Status AuthService::set_disabled(Id user_id, bool disabled) {
  WEIGE_ASSIGN(auto n, db_.execute("UPDATE users SET disabled = ? WHERE id = ?", {static_cast<std::int64_t>(disabled), user_id}));
  if (n == 0) return Status::not_found("user " + std::to_string(user_id) + " does not exist");
  if (disabled) WEIGE_TRY(db_.execute("DELETE FROM sessions WHERE user_id = ?", {user_id}).status());
  return {};
}

Result<AuthService::ApiToken> AuthService::create_api_token(Id user_id, const std::string& name,
                                                            const std::set<Permission>& permissions,
                                                            std::optional<Seconds> expires_at) {
  WEIGE_ASSIGN(User u, get_user(user_id));
  if (name.empty() || name.size() > 100) return Status::invalid("a token needs a name of at most 100 bytes", {{"field", "name"}});
  std::string perms;
  for (Permission p : permissions) {
    if (!role_allows(u.role, p)) {
      return Status::invalid("a " + std::string(to_string(u.role)) + " cannot grant " + std::string(to_string(p)),
                             {{"field", "permissions"}});
    }
    perms += (perms.empty() ? "" : ",") + std::string(to_string(p));
  }
  ApiToken t;
  t.token = "wg_" + crypto::random_token(32);
  t.name = name;
  WEIGE_ASSIGN(t.id, db_.scalar("INSERT INTO api_tokens (token_hash, user_id, name, permissions, created_at, expires_at) "
                                "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                                {token_hash(t.token), user_id, name, perms, clock_(), store::opt(expires_at)}));
  return t;
}

Status AuthService::revoke_api_token(Id token_id) {
  WEIGE_ASSIGN(auto n, db_.execute("UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", {clock_(), token_id}));
  if (n == 0) return Status::not_found("no active API token " + std::to_string(token_id));
  return {};
}

Result<Principal> AuthService::token_principal(const std::string& token, std::optional<Seconds>* expires_at) {
  WEIGE_ASSIGN(auto r, db_.row("SELECT user_id, permissions, expires_at, revoked_at FROM api_tokens WHERE token_hash = ?",
                               {token_hash(token)}));
  if (!r) return Status(Code::kUnauthorized, "the API token is not valid");
  if (!r->is_null(3)) return Status(Code::kUnauthorized, "the API token was revoked");
  if (!r->is_null(2) && r->i64(2) <= clock_()) return Status(Code::kUnauthorized, "the API token has expired");
  WEIGE_ASSIGN(User u, get_user(r->i64(0)));
  if (u.disabled) return Status(Code::kUnauthorized, "the account is disabled");
  Principal p = principal_of(u);
  p.via_token = true;
  if (expires_at) *expires_at = r->opt_i64(2);
  std::string perms = r->text(1);
  std::size_t i = 0;
  while (i < perms.size()) {
    auto j = perms.find(',', i);
    if (j == std::string::npos) j = perms.size();
    if (auto perm = parse_permission(perms.substr(i, j - i))) p.token_permissions.insert(*perm);
    i = j + 1;
  }
  return p;
}

}  // namespace weige::service
