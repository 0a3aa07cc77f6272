#include "service/credential_cache.h"

namespace weige::service {

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

Result<std::int64_t> CredentialCache::auth_version(store::Db& db, std::optional<std::uint64_t> changes) {
  if (changes) {
    std::lock_guard lock(mu_);
    if (checked_ && checked_->first == *changes) return checked_->second;
  }
  WEIGE_ASSIGN(std::int64_t version, meta_counter(db, "auth_version"));
  if (changes) {
    std::lock_guard lock(mu_);
    if (!checked_ || checked_->first <= *changes) checked_.emplace(*changes, version);
  }
  return version;
}

template <typename Resolve>
Result<CredentialCache::Entry> CredentialCache::cached(store::Db& db, const Clock& clock,
                                                       std::optional<std::uint64_t> changes, const std::string& key,
                                                       Resolve resolve) {
  WEIGE_ASSIGN(std::int64_t version, auth_version(db, changes));
  if (auto hit = find(key, version, clock())) return *hit;
  Entry e;
  WEIGE_TRY(resolve(e));
  keep(key, version, e);
  return e;
}

Result<std::pair<Principal, std::string>> CredentialCache::session(store::Db& db, const Clock& clock,
                                                                   const AuthOptions& options,
                                                                   const std::string& token,
                                                                   std::optional<std::uint64_t> changes) {
  WEIGE_ASSIGN(Entry e, cached(db, clock, changes, "s:" + token, [&](Entry& out) -> Status {
                 WEIGE_ASSIGN(auto found, AuthService(db, clock, options).session_principal(token, &out.expires_at));
                 out.principal = found.first;
                 out.csrf = found.second;
                 return {};
               }));
  return std::make_pair(e.principal, e.csrf);
}

Result<Principal> CredentialCache::api_token(store::Db& db, const Clock& clock, const AuthOptions& options,
                                             const std::string& token, std::optional<std::uint64_t> changes) {
  WEIGE_ASSIGN(Entry e, cached(db, clock, changes, "t:" + token, [&](Entry& out) -> Status {
                 WEIGE_ASSIGN(out.principal, AuthService(db, clock, options).token_principal(token, &out.expires_at));
                 return {};
               }));
  return e.principal;
}

}  // namespace weige::service
