// Attachments (photos on disk) and mediation records of cases.
#include <sodium.h>

#include <filesystem>
#include <fstream>

#include "service/case_service.h"
#include "store/people_store.h"

namespace weige::service {
namespace {

// The image type the bytes really are, by their magic number; "" if none.
std::string sniff_image(const std::string& b) {
  auto starts = [&](std::string_view magic, std::size_t at = 0) {
    return b.size() >= at + magic.size() && b.compare(at, magic.size(), magic) == 0;
  };
  if (starts("\xFF\xD8\xFF")) return "image/jpeg";
  if (starts("\x89PNG\r\n\x1A\n")) return "image/png";
  if (starts("RIFF") && starts("WEBP", 8)) return "image/webp";
  return "";
}

std::string sha256_hex(const std::string& bytes) {
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, h, sizeof h);
  return hex;
}

bool is_dispute(store::Db& db, Id category_id) {
  auto path = store::category_path(db, category_id);
  if (!path || path->empty()) return false;
  auto root = store::get_category(db, path->back());
  return root && root->code == "dispute";
}

}  // namespace

Result<store::Attachment> CaseService::attach(Id case_id, const std::string& content_type, const std::string& bytes,
                                              const std::string& original_name, const std::string& files_dir,
                                              const Actor& actor) {
  namespace fs = std::filesystem;
  if (bytes.empty()) return Status::invalid("the attachment is empty");
  if (bytes.size() > kMaxAttachmentBytes) {
    return Status(Code::kTooLarge, "an attachment has at most " + std::to_string(kMaxAttachmentBytes) + " bytes");
  }
  std::string type = sniff_image(bytes);
  std::string declared = content_type.substr(0, content_type.find(';'));
  if (type.empty()) return Status(Code::kUnsupported, "attachments are JPEG, PNG or WebP photos");
  if (declared != type) {
    return Status(Code::kUnsupported, "the content is " + type + " but was declared as " + declared);
  }
  if (files_dir.empty()) return Status::internal("no folder for attachments is configured");
  WEIGE_ASSIGN(store::CaseRecord c, store::get_case(db_, case_id));
  std::string ext = type == "image/jpeg" ? ".jpg" : type == "image/png" ? ".png" : ".webp";
  store::Attachment a;
  a.case_id = c.id;
  a.content_type = type;
  a.size = static_cast<std::int64_t>(bytes.size());
  a.sha256 = sha256_hex(bytes);
  a.stored_name = std::to_string(c.id) + "/" + a.sha256 + ext;
  a.original_name = original_name.substr(0, 200);
  a.created_at = clock_();
  fs::path path = fs::path(files_dir) / "attachments" / a.stored_name;
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  bool existed = fs::exists(path, ec);
  if (!existed) {
    fs::path tmp = path;
    tmp += ".tmp";
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out.write(bytes.data(), static_cast<std::streamsize>(bytes.size())) || !out.flush()) {
      return Status::internal("cannot write attachment to " + tmp.string());
    }
    out.close();
    fs::rename(tmp, path, ec);
    if (ec) return Status::internal("cannot store attachment: " + ec.message());
  }
  Status s = store::in_write_transaction(db_, [&]() -> Status {
    WEIGE_ASSIGN(a.event_id, store::append_event(db_, {0, c.id, a.created_at, "attach", c.state, c.state,
                                                       std::string(to_string(actor.role)), actor.person_id,
                                                       a.original_name,
                                                       nlohmann::json{{"content_type", type}, {"size", a.size}}.dump()}));
    WEIGE_ASSIGN(a.id, store::insert_attachment(db_, a));
    return {};
  });
  if (!s) {
    if (!existed) fs::remove(path, ec);
    return s;
  }
  return a;
}

Result<store::Mediation> CaseService::save_mediation(Id case_id, store::Mediation m, const Actor& actor) {
  WEIGE_ASSIGN(store::CaseRecord c, store::get_case(db_, case_id));
  if (!is_dispute(db_, c.category_id)) return Status::conflict("mediation is recorded on dispute cases only");
  if (m.mediator_person_id) {
    auto p = store::get_person(db_, *m.mediator_person_id);
    if (!p) return Status(p.status().code(), p.status().message(), {{"field", "mediator_person_id"}});
  }
  auto parties = nlohmann::json::parse(m.parties, nullptr, false);
  auto signed_by = nlohmann::json::parse(m.signed_by, nullptr, false);
  if (!parties.is_array() || parties.size() > 20) return Status::invalid("parties is a list of at most 20", {{"field", "parties"}});
  if (!signed_by.is_array()) return Status::invalid("signed_by is a list of party indexes", {{"field", "signed_by"}});
  for (const auto& i : signed_by) {
    if (!i.is_number_unsigned() || i.get<std::size_t>() >= parties.size()) {
      return Status::invalid("signed_by names a party that does not exist", {{"field", "signed_by"}});
    }
  }
  Seconds now = clock_();
  bool all_signed = !parties.empty() && signed_by.size() == parties.size() && !m.agreement.empty();
  if (all_signed && !m.signed_at) m.signed_at = now;
  m.case_id = case_id;
  Status s = store::in_write_transaction(db_, [&]() -> Status {
    WEIGE_ASSIGN(auto old, store::get_mediation(db_, case_id));
    if (old) m.sessions = old->sessions;
    WEIGE_TRY(store::save_mediation(db_, m));
    nlohmann::json data{{"parties", parties.size()}, {"signed", signed_by.size()}, {"agreement_signed", all_signed}};
    return store::append_event(db_, {0, case_id, now, "mediation", c.state, c.state, std::string(to_string(actor.role)),
                                     actor.person_id, m.agreement.substr(0, 500), data.dump()})
        .status();
  });
  if (!s) return s;
  WEIGE_ASSIGN(auto saved, store::get_mediation(db_, case_id));
  return *saved;
}

Result<store::Mediation> CaseService::add_mediation_session(Id case_id, const store::MediationSession& session,
                                                            const Actor& actor) {
  WEIGE_ASSIGN(store::CaseRecord c, store::get_case(db_, case_id));
  if (session.place.empty() || session.summary.empty()) {
    return Status::invalid("a mediation session needs a place and a summary", {{"field", session.place.empty() ? "place" : "summary"}});
  }
  Status s = store::in_write_transaction(db_, [&]() -> Status {
    WEIGE_ASSIGN(auto m, store::get_mediation(db_, case_id));
    if (!m) return Status::conflict("record the mediation (parties, mediator) before its sessions");
    WEIGE_TRY(store::add_mediation_session(db_, case_id, session).status());
    return store::append_event(db_, {0, case_id, clock_(), "mediation_session", c.state, c.state,
                                     std::string(to_string(actor.role)), actor.person_id, session.summary.substr(0, 500),
                                     nlohmann::json{{"place", session.place}, {"at", session.at}}.dump()})
        .status();
  });
  if (!s) return s;
  WEIGE_ASSIGN(auto saved, store::get_mediation(db_, case_id));
  return *saved;
}

}  // namespace weige::service
