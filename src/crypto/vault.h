#pragma once
// The vault: encryption of residents' personal data at rest (libsodium secretbox)
// and keyed hashes for searching encrypted fields without decrypting them.
//
// The 32-byte master key lives outside the database: in the file named by
// --key (created with mode 0600 on first use), or hex-encoded in the
// environment variable WEIGE_KEY, which wins when set. Subkeys for sealing and
// for the search index are derived from it (crypto_kdf), so the same master
// key never touches data directly.

#include <string>
#include <string_view>

#include "domain/status.h"

namespace weige::crypto {

class Vault {
 public:
  // Loads the key from WEIGE_KEY or `key_file`; creates the file with a fresh
  // random key when neither exists and `create` is true.
  static Result<Vault> open(const std::string& key_file, bool create);
  // A vault with a given 32-byte key, for tests.
  static Vault from_key(std::string_view key32);
  static Vault random_for_test();

  // Sealed bytes: version(1) | nonce(24) | mac+ciphertext. Empty in, empty out.
  std::string seal(std::string_view plaintext) const;
  // Fails with kInternal when the bytes were not sealed by this key.
  Result<std::string> unseal(std::string_view sealed) const;
  // Deterministic keyed hash (hex) of a normalised value, e.g. a phone number's digits.
  std::string blind_index(std::string_view value) const;

 private:
  Vault() = default;
  void derive(std::string_view master);
  std::string seal_key_;
  std::string index_key_;
};

// A random URL-safe token of `bytes` random bytes (hex), e.g. a tracking token.
std::string random_token(std::size_t bytes = 12);

// Keeps only the digits of a phone number ("+86 138-1234-1234" -> "8613812341234"),
// dropping a leading 86 country code of a 13-digit number.
std::string normalise_phone(std::string_view phone);

}  // namespace weige::crypto
