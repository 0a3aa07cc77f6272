#include "service/credential_cache.h"

namespace weige::service {

Result<std::int64_t> auth_version(store::Db& db) {
  WEIGE_ASSIGN(auto r, db.row("SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'auth_version'"));
  return r ? r->i64(0) : 0;
}

std::optional<CredentialCache::Entry> CredentialCache::find(const std::string& key, std::int64_t version, Seconds now) {
  std::lock_guard lock(mu_);
  if (version != version_) {
    entries_.clear();
    version_ = version;
    return std::nullopt;
  }
  auto it = entries_.find(key);
  if (it == entries_.end()) return std::nullopt;
  if (it->second.expires_at && *it->second.expires_at <= now) {
    entries_.erase(it);
    return std::nullopt;
  }
  return it->second;
}

void CredentialCache::keep(const std::string& key, std::int64_t version, Entry e) {
  std::lock_guard lock(mu_);
  if (version != version_) return;  // the counter moved meanwhile: do not keep what may be stale
  if (entries_.size() >= kMaxEntries) entries_.clear();
  entries_.insert_or_assign(key, std::move(e));
}

Result<std::pair<Principal, std::string>> CredentialCache::session(store::Db& db, const Clock& clock,
                                                                   const AuthOptions& options,
                                                                   const std::string& token) {
  WEIGE_ASSIGN(std::int64_t version, auth_version(db));
  std::string key = "s:" + token;
  if (auto hit = find(key, version, clock())) return std::make_pair(hit->principal, hit->csrf);
  AuthService auth(db, clock, options);
  std::optional<Seconds> expires_at;
  WEIGE_ASSIGN(auto found, auth.session_principal(token, &expires_at));
  keep(key, version, {found.first, found.second, expires_at});
  return found;
}

Result<Principal> CredentialCache::api_token(store::Db& db, const Clock& clock, const AuthOptions& options,
                                             const std::string& token) {
  WEIGE_ASSIGN(std::int64_t version, auth_version(db));
  std::string key = "t:" + token;
  if (auto hit = find(key, version, clock())) return hit->principal;
  AuthService auth(db, clock, options);
  std::optional<Seconds> expires_at;
  WEIGE_ASSIGN(Principal p, auth.token_principal(token, &expires_at));
  keep(key, version, {p, "", expires_at});
  return p;
}

}  // namespace weige::service
