#include "service/audit.h"

#include <sodium.h>

namespace weige::service {
namespace {

constexpr const char* kGenesis = "0000000000000000000000000000000000000000000000000000000000000000";

std::string digest(const AuditEntry& e) {
  std::string material = e.prev_hash + "|" + std::to_string(e.id) + "|" + std::to_string(e.at) + "|" +
                         (e.user_id ? std::to_string(*e.user_id) : "") + "|" + e.username + "|" + e.role + "|" +
                         e.action + "|" + e.target + "|" + e.detail + "|" + e.remote;
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(material.data()), material.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, h, sizeof h);
  return hex;
}

AuditEntry entry_from(const store::Row& r) {
  AuditEntry e;
  e.id = r.i64(0);
  e.at = r.i64(1);
  e.user_id = r.opt_i64(2);
  e.username = r.text(3);
  e.role = r.text(4);
  e.action = r.text(5);
  e.target = r.text(6);
  e.detail = r.text(7);
  e.remote = r.text(8);
  e.prev_hash = r.text(9);
  e.hash = r.text(10);
  return e;
}

constexpr const char* kColumns = "id, at, user_id, username, role, action, target, detail, remote, prev_hash, hash";

}  // namespace

Result<AuditEntry> audit_append(store::Db& db, AuditEntry e) {
  WEIGE_ASSIGN(auto head, db.row("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1"));
  e.id = head ? head->i64(0) + 1 : 1;
  e.prev_hash = head ? head->text(1) : kGenesis;
  e.hash = digest(e);
  WEIGE_TRY(db.execute("INSERT INTO audit_log (id, at, user_id, username, role, action, target, detail, remote, "
                       "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       {e.id, e.at, store::opt(e.user_id), e.username, e.role, e.action, e.target, e.detail, e.remote,
                        e.prev_hash, e.hash})
                .status());
  WEIGE_TRY(db.execute("INSERT INTO meta (key, value) VALUES ('audit_head', ?) ON CONFLICT (key) DO UPDATE SET "
                       "value = excluded.value",
                       {std::to_string(e.id) + ":" + e.hash})
                .status());
  return e;
}

Result<AuditPage> audit_list(store::Db& db, const std::string& action_prefix, std::optional<Id> user_id, int limit,
                             int offset) {
  std::string where = " WHERE substr(action, 1, length(?)) = ?";
  store::Params p{action_prefix, action_prefix};
  if (user_id) {
    where += " AND user_id = ?";
    p.emplace_back(*user_id);
  }
  AuditPage page;
  WEIGE_ASSIGN(page.total, db.scalar("SELECT count(*) FROM audit_log" + where, p));
  p.emplace_back(static_cast<std::int64_t>(limit));
  p.emplace_back(static_cast<std::int64_t>(offset));
  WEIGE_TRY(db.query(std::string("SELECT ") + kColumns + " FROM audit_log" + where + " ORDER BY id DESC LIMIT ? OFFSET ?", p,
                     [&](const store::Row& r) { page.items.push_back(entry_from(r)); }));
  return page;
}

Result<AuditVerdict> audit_verify(store::Db& db) {
  AuditVerdict v;
  std::string prev = kGenesis;
  Id expected_id = 1;
  WEIGE_TRY(db.query(std::string("SELECT ") + kColumns + " FROM audit_log ORDER BY rowid", {}, [&](const store::Row& r) {
    if (!v.ok) return;
    AuditEntry e = entry_from(r);
    ++v.entries;
    std::string problem;
    if (e.id != expected_id) {
      problem = "entry ids jump from " + std::to_string(expected_id - 1) + " to " + std::to_string(e.id) +
                " (an entry was removed or reordered)";
    } else if (e.prev_hash != prev) {
      problem = "entry " + std::to_string(e.id) + " does not chain to the entry before it";
    } else if (digest(e) != e.hash) {
      problem = "entry " + std::to_string(e.id) + " was changed after it was written";
    }
    if (!problem.empty()) {
      v.ok = false;
      v.first_bad_id = e.id;
      v.problem = problem;
      return;
    }
    prev = e.hash;
    ++expected_id;
  }));
  if (!v.ok) return v;
  WEIGE_ASSIGN(auto head, db.row("SELECT value FROM meta WHERE key = 'audit_head'"));
  std::string want = v.entries ? std::to_string(expected_id - 1) + ":" + prev : "";
  std::string have = head ? head->text(0) : "";
  if (want != have) {
    v.ok = false;
    v.first_bad_id = expected_id - 1;
    v.problem = "the trail ends at entry " + std::to_string(expected_id - 1) + " but the recorded head is '" + have +
                "' (entries were removed from the end)";
  }
  return v;
}

}  // namespace weige::service
