#pragma once
// The audit trail: append-only, hash-chained entries for every write and
// every reveal of personal data. Each entry's hash covers the previous
// entry's hash and the entry's own fields, and the head (last id and hash) is
// kept in meta, so verify() detects a changed, removed (also at the end) or
// reordered entry.

#include <optional>
#include <string>
#include <vector>

#include "domain/case.h"
#include "domain/permissions.h"
#include "store/db.h"

namespace weige::service {

struct AuditEntry {
  Id id = 0;
  Seconds at = 0;
  std::optional<Id> user_id;
  std::string username;
  std::string role;
  std::string action;
  std::string target;
  std::string detail = "{}";  // JSON
  std::string remote;
  std::string prev_hash;
  std::string hash;
};

// Appends an entry; call inside the write transaction of the change it records.
Result<AuditEntry> audit_append(store::Db& db, AuditEntry entry);

struct AuditPage {
  std::vector<AuditEntry> items;
  std::int64_t total = 0;
};
Result<AuditPage> audit_list(store::Db& db, const std::string& action_prefix, std::optional<Id> user_id, int limit,
                             int offset);

struct AuditVerdict {
  bool ok = true;
  std::int64_t entries = 0;
  std::optional<Id> first_bad_id;  // the first entry that does not chain
  std::string problem;
};
Result<AuditVerdict> audit_verify(store::Db& db);

}  // namespace weige::service
