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
// Reading 'auth_version' is itself skipped while the change clock (store/
// change_clock.h) reads what it read when the version was last looked up:
// pass the clock read before the caller's read snapshot began, or nullopt
// to always look.

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
                                                    const std::string& token,
                                                    std::optional<std::uint64_t> changes = std::nullopt);
  Result<Principal> api_token(store::Db& db, const Clock& clock, const AuthOptions& options,
                              const std::string& token, std::optional<std::uint64_t> changes = std::nullopt);

 private:
  struct Entry {
    Principal principal;
    std::string csrf;
    std::optional<Seconds> expires_at;
  };
  // The entry for `key` when still valid at `version` and the clock's now;
  // else `resolve` reads it (filling principal, csrf and expiry) and it is kept.
  template <typename Resolve>
  Result<Entry> cached(store::Db& db, const Clock& clock, std::optional<std::uint64_t> changes,
                       const std::string& key, Resolve resolve);
  Result<std::int64_t> auth_version(store::Db& db, std::optional<std::uint64_t> changes);
  std::optional<Entry> find(const std::string& key, std::int64_t version, Seconds now);
  void keep(const std::string& key, std::int64_t version, Entry e);

  static constexpr std::size_t kMaxEntries = 100000;
  std::mutex mu_;
  std::int64_t version_ = -1;
  // 'auth_version' as last read, and the change clock read before it was.
  std::optional<std::pair<std::uint64_t, std::int64_t>> checked_;
  std::unordered_map<std::string, Entry> entries_;
};


}  // namespace weige::service
