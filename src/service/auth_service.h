#pragma once
// Accounts: argon2id password hashes, sessions with CSRF tokens, API tokens
// (hashed at rest, limited to permissions, revocable), backoff and lockout
// after failed logins, password change and admin reset.

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "domain/permissions.h"
#include "service/case_service.h"
#include "store/db.h"

namespace weige::service {

struct User {
  Id id = 0;
  std::string username;
  Role role = Role::kResident;
  std::optional<Id> person_id, scope_grid_id, organisation_id;
  bool disabled = false;
  int failed_logins = 0;
  std::optional<Seconds> locked_until;
  bool must_change_password = false;
};

struct NewUser {
  std::string username;
  std::string password;
  Role role = Role::kResident;
  std::optional<Id> person_id, scope_grid_id, organisation_id;
};

struct Session {
  std::string token;  // the cookie value; only its hash is stored
  std::string csrf_token;
  Seconds expires_at = 0;
  User user;
};

struct AuthOptions {
  int max_failures = 5;                 // then the account locks (from the 3rd, a growing wait)
  Seconds lockout_seconds = 15 * 60;    // for this long
  Seconds session_seconds = 12 * 3600;  // a session lasts a working day
  bool fast_hash = false;               // tests: argon2id at its minimum cost
};

class AuthService {
 public:
  AuthService(store::Db& db, Clock clock, AuthOptions options = {});

  Result<User> create_user(const NewUser& u);
  Result<User> get_user(Id id);
  Result<std::optional<User>> find_user(const std::string& username);
  Result<std::vector<User>> list_users();

  // kUnauthorized for an unknown user, a wrong password or a disabled account
  // (one message for all); kTooManyRequests while locked out.
  Result<Session> login(const std::string& username, const std::string& password, const std::string& remote);
  Status logout(const std::string& token);
  // The principal of a session cookie, and the session's CSRF token.
  // `expires_at`, when given, receives when the session lapses.
  Result<std::pair<Principal, std::string>> session_principal(const std::string& token,
                                                              std::optional<Seconds>* expires_at = nullptr);

  Status change_password(Id user_id, const std::string& old_password, const std::string& new_password);
  // Sets a fresh random password (returned once) that must be changed at next login.
  Result<std::string> reset_password(Id user_id);
  Status set_disabled(Id user_id, bool disabled);

  struct ApiToken {
    Id id = 0;
    std::string token;  // shown once
    std::string name;
  };
  Result<ApiToken> create_api_token(Id user_id, const std::string& name, const std::set<Permission>& permissions,
                                    std::optional<Seconds> expires_at);
  Status revoke_api_token(Id token_id);
  // `expires_at`, when given, receives when the token lapses (none: never).
  Result<Principal> token_principal(const std::string& token, std::optional<Seconds>* expires_at = nullptr);

 private:
  Result<std::string> hash_password(const std::string& password) const;
  Principal principal_of(const User& u) const;

  store::Db& db_;
  Clock clock_;
  AuthOptions options_;
};

// SHA-256 hex of a token (tokens are random and long; a fast hash suffices).
std::string token_hash(const std::string& token);
Status check_password_strength(const std::string& password);

}  // namespace weige::service
