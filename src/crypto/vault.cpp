#include "crypto/vault.h"

#include <sodium.h>
#include <sys/stat.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace weige::crypto {
namespace {

constexpr char kContext[crypto_kdf_CONTEXTBYTES + 1] = "weigepii";
constexpr unsigned char kFormat = 1;

void ensure_sodium() {
  static const int rc = sodium_init();
  if (rc < 0) throw std::runtime_error("libsodium failed to initialise");
}

std::string to_hex(const unsigned char* data, std::size_t n) {
  std::string out(n * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), data, n);
  out.pop_back();
  return out;
}

Result<std::string> from_hex(std::string_view hex) {
  std::string out(crypto_kdf_KEYBYTES, '\0');
  std::size_t len = 0;
  std::string trimmed(hex);
  while (!trimmed.empty() && (trimmed.back() == '\n' || trimmed.back() == ' ')) trimmed.pop_back();
  if (sodium_hex2bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), trimmed.data(),
                     trimmed.size(), nullptr, &len, nullptr) != 0 ||
      len != crypto_kdf_KEYBYTES) {
    return Status::invalid("a Weige key is 64 hex digits (32 bytes)");
  }
  return out;
}

}  // namespace

Result<Vault> Vault::open(const std::string& key_file, bool create) {
  ensure_sodium();
  if (const char* env = std::getenv("WEIGE_KEY"); env && *env) {
    WEIGE_ASSIGN(std::string key, from_hex(env));
    return from_key(key);
  }
  std::ifstream in(key_file);
  if (in) {
    std::stringstream ss;
    ss << in.rdbuf();
    auto key = from_hex(ss.str());
    if (!key) return Status::invalid("key file " + key_file + ": " + key.status().message());
    return from_key(*key);
  }
  if (!create) return Status::not_found("key file " + key_file + " does not exist");
  unsigned char key[crypto_kdf_KEYBYTES];
  crypto_kdf_keygen(key);
  {
    mode_t old = umask(077);
    std::ofstream out(key_file, std::ios::trunc);
    umask(old);
    if (!out) return Status::internal("cannot create key file " + key_file);
    out << to_hex(key, sizeof key) << "\n";
  }
  chmod(key_file.c_str(), 0600);
  return from_key(std::string_view(reinterpret_cast<const char*>(key), sizeof key));
}

Vault Vault::from_key(std::string_view key32) {
  ensure_sodium();
  Vault v;
  v.derive(key32);
  return v;
}

Vault Vault::random_for_test() {
  ensure_sodium();
  unsigned char key[crypto_kdf_KEYBYTES];
  crypto_kdf_keygen(key);
  return from_key(std::string_view(reinterpret_cast<const char*>(key), sizeof key));
}

void Vault::derive(std::string_view master) {
  if (master.size() != crypto_kdf_KEYBYTES) throw std::invalid_argument("key must be 32 bytes");
  const auto* mk = reinterpret_cast<const unsigned char*>(master.data());
  seal_key_.assign(crypto_secretbox_KEYBYTES, '\0');
  index_key_.assign(crypto_generichash_KEYBYTES, '\0');
  crypto_kdf_derive_from_key(reinterpret_cast<unsigned char*>(seal_key_.data()), seal_key_.size(),
                             1, kContext, mk);
  crypto_kdf_derive_from_key(reinterpret_cast<unsigned char*>(index_key_.data()),
                             index_key_.size(), 2, kContext, mk);
}

std::string Vault::seal(std::string_view plaintext) const {
  if (plaintext.empty()) return {};
  std::string out(1 + crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plaintext.size(),
                  '\0');
  auto* o = reinterpret_cast<unsigned char*>(out.data());
  o[0] = kFormat;
  randombytes_buf(o + 1, crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(o + 1 + crypto_secretbox_NONCEBYTES,
                        reinterpret_cast<const unsigned char*>(plaintext.data()), plaintext.size(),
                        o + 1, reinterpret_cast<const unsigned char*>(seal_key_.data()));
  return out;
}

Result<std::string> Vault::unseal(std::string_view sealed) const {
  if (sealed.empty()) return std::string();
  constexpr std::size_t kOverhead = 1 + crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES;
  const auto* s = reinterpret_cast<const unsigned char*>(sealed.data());
  if (sealed.size() < kOverhead || s[0] != kFormat) {
    return Status::internal("sealed value has an unknown format");
  }
  std::string out(sealed.size() - kOverhead, '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(out.data()),
                                 s + 1 + crypto_secretbox_NONCEBYTES,
                                 sealed.size() - 1 - crypto_secretbox_NONCEBYTES, s + 1,
                                 reinterpret_cast<const unsigned char*>(seal_key_.data())) != 0) {
    return Status::internal("sealed value does not open with this key");
  }
  return out;
}

std::string Vault::blind_index(std::string_view value) const {
  unsigned char h[16];
  crypto_generichash(h, sizeof h, reinterpret_cast<const unsigned char*>(value.data()),
                     value.size(), reinterpret_cast<const unsigned char*>(index_key_.data()),
                     index_key_.size());
  return to_hex(h, sizeof h);
}

std::string random_token(std::size_t bytes) {
  ensure_sodium();
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  return to_hex(reinterpret_cast<const unsigned char*>(raw.data()), raw.size());
}

std::string normalise_phone(std::string_view phone) {
  std::string digits;
  for (char c : phone) {
    if (c >= '0' && c <= '9') digits += c;
  }
  if (digits.size() == 13 && digits.rfind("86", 0) == 0) digits.erase(0, 2);
  return digits;
}

}  // namespace weige::crypto
