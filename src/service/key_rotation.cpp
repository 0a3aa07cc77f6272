#include "service/key_rotation.h"

#include <vector>

namespace weige::service {
namespace {

Result<std::string> reseal(const crypto::Vault& from, const crypto::Vault& to, const std::string& sealed) {
  WEIGE_ASSIGN(std::string plain, from.unseal(sealed));
  return to.seal(plain);
}

store::Value blob_or_null(const std::string& s) {
  if (s.empty()) return nullptr;
  return store::Blob{s};
}

}  // namespace

Result<std::int64_t> reseal_all(store::Db& db, const crypto::Vault& old_key, const crypto::Vault& new_key) {
  std::int64_t changed = 0;
  Status s = store::in_write_transaction(db, [&]() -> Status {
    WEIGE_ASSIGN(auto persons, db.rows("SELECT id, name_sealed, phone_sealed, id_number_sealed, address_sealed FROM persons"));
    for (const auto& r : persons) {
      WEIGE_ASSIGN(std::string name, old_key.unseal(r.text(1)));
      WEIGE_ASSIGN(std::string phone, old_key.unseal(r.text(2)));
      WEIGE_ASSIGN(std::string id_number, old_key.unseal(r.text(3)));
      WEIGE_ASSIGN(std::string address, reseal(old_key, new_key, r.text(4)));
      std::string upper = id_number;
      for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      WEIGE_TRY(db.execute("UPDATE persons SET name_sealed = ?, phone_sealed = ?, id_number_sealed = ?, address_sealed = ?, "
                           "name_index = ?, phone_index = ?, id_number_index = ? WHERE id = ?",
                           {blob_or_null(new_key.seal(name)), blob_or_null(new_key.seal(phone)),
                            blob_or_null(new_key.seal(id_number)), blob_or_null(address),
                            name.empty() ? store::Value(nullptr) : store::Value(new_key.blind_index("name:" + name)),
                            phone.empty() ? store::Value(nullptr) : store::Value(new_key.blind_index("phone:" + crypto::normalise_phone(phone))),
                            id_number.empty() ? store::Value(nullptr) : store::Value(new_key.blind_index("id:" + upper)),
                            r.i64(0)})
                    .status());
      ++changed;
    }
    WEIGE_ASSIGN(auto cases, db.rows("SELECT id, address_sealed, reporter_name_sealed, reporter_phone_sealed FROM cases "
                                     "WHERE address_sealed IS NOT NULL OR reporter_name_sealed IS NOT NULL OR "
                                     "reporter_phone_sealed IS NOT NULL"));
    for (const auto& r : cases) {
      WEIGE_ASSIGN(std::string address, reseal(old_key, new_key, r.text(1)));
      WEIGE_ASSIGN(std::string name, reseal(old_key, new_key, r.text(2)));
      WEIGE_ASSIGN(std::string phone, old_key.unseal(r.text(3)));
      WEIGE_TRY(db.execute("UPDATE cases SET address_sealed = ?, reporter_name_sealed = ?, reporter_phone_sealed = ?, "
                           "reporter_phone_index = ? WHERE id = ?",
                           {blob_or_null(address), blob_or_null(name), blob_or_null(new_key.seal(phone)),
                            phone.empty() ? store::Value(nullptr) : store::Value(new_key.blind_index("phone:" + phone)),
                            r.i64(0)})
                    .status());
      ++changed;
    }
    return {};
  });
  if (!s) return s;
  return changed;
}

}  // namespace weige::service
