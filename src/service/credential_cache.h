#pragma once
// Signed-in callers' credentials, resolved once and kept in memory: every API
// request presents a session cookie or an API token, and resolving one reads
// two rows. An entry is used only while
//   - meta 'auth_version' is unchanged: migration 0008's triggers bump it on
//     any change to users, sessions or API tokens other than a new session or
//     token (a sign-out, a revocation, a disabled account, a reset, a role
//     change), by any writer; and
//   - the credential has not expired by the caller's clock.
// Failures are never cached, so a wrong credential always costs the lookup.

#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "service/auth_service.h"
#include "service/ref_cache.h"

namespace weige::service {

class CredentialCache {
 public:
  // Like AuthService::session_principal / token_principal.
  Result<std::pair<Principal, std::string>> session(store::Db& db, const Clock& clock, const AuthOptions& options,
                                                    const std::string& token);
  Result<Principal> api_token(store::Db& db, const Clock& clock, const AuthOptions& options,
                              const std::string& token);

 private:
  struct Entry {
    Principal principal;
    std::string csrf;
    std::optional<Seconds> expires_at;
  };
  // The entry for `key` when still valid at `version` and the clock's now;
  // else `resolve` reads it (filling principal, csrf and expiry) and it is kept.
  template <typename Resolve>
  Result<Entry> cached(store::Db& db, const Clock& clock, const std::string& key, Resolve resolve);
  std::optional<Entry> find(const std::string& key, std::int64_t version, Seconds now);
  void keep(const std::string& key, std::int64_t version, Entry e);

  static constexpr std::size_t kMaxEntries = 100000;
  std::mutex mu_;
  std::int64_t version_ = -1;
  std::unordered_map<std::string, Entry> entries_;
};


}  // namespace weige::service
