#pragma once
// Key rotation: every sealed value and blind index, re-made under a new key,
// in one transaction.

#include <cstdint>

#include "crypto/vault.h"
#include "store/db.h"

namespace weige::service {

// Re-seals persons' and case reporters' personal data from `old_key` to
// `new_key` and recomputes the search indexes. Returns the number of rows
// changed. All or nothing.
Result<std::int64_t> reseal_all(store::Db& db, const crypto::Vault& old_key, const crypto::Vault& new_key);

}  // namespace weige::service
