#pragma once
// Cases: intake from every channel, routing, the workflow, deadlines and
// escalation, duplicates and merging, attachments, mediation. Every write is
// one transaction; every transition is appended to the case history.

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "crypto/vault.h"
#include "domain/case.h"
#include "domain/case_workflow.h"
#include "domain/geometry.h"
#include "domain/roles.h"
#include "service/ref_cache.h"
#include "store/case_store.h"
#include "store/db.h"

namespace weige::service {

using Clock = std::function<Seconds()>;
Clock system_clock();

// Finds the micro-grid of a point; shared by requests, rebuilt when the map changes.
class LocatorCache {
 public:
  // The micro-grid (or smallest grid) with a boundary containing p.
  Result<std::optional<Id>> locate(store::Db& db, Point p);

 private:
  std::mutex mu_;
  std::string version_;
  std::shared_ptr<const GridLocator> locator_;
};

struct IntakeInput {
  Channel channel = Channel::kWalkIn;
  Id category_id = 0;
  std::optional<CaseLevel> level;  // default: the category's
  std::string description;
  std::optional<Id> place_id;      // unit, building, compound, household or non-residential place
  std::optional<Id> grid_id;       // a micro-grid, e.g. from its poster's QR code
  std::optional<Point> location;   // located to its micro-grid
  std::string address;             // free address, when neither of the above
  std::optional<Id> reporter_person_id;
  std::string reporter_name;
  std::string reporter_phone;
  bool anonymous = false;
  bool on_behalf_of = false;
  bool accept_now = false;  // a desk clerk takes the request in at once
};

// A case with its reporter's personal data opened (mask before showing).
struct CaseView {
  store::CaseRecord record;
  std::string reporter_name;
  std::string reporter_phone;
  std::string address;
};

struct IntakeResult {
  CaseView view;
  std::vector<store::CaseRecord> duplicates;  // likely duplicates, open, same place & category
};

// Yellow when 75% of the stage's working time is used, red when overdue.
std::string deadline_colour(const store::CaseRecord& c, Seconds now);

class CaseService {
 public:
  // `refs`, when given, serves categories, rules, the calendar and places
  // from memory (service/ref_cache.h); without it every read goes to `db`.
  CaseService(store::Db& db, const crypto::Vault& vault, Clock clock, LocatorCache* locator = nullptr,
              RefCache* refs = nullptr);

  Result<IntakeResult> intake(const IntakeInput& in, const Actor& actor);
  // Applies one workflow action. Refusals leave the case unchanged.
  Result<CaseView> act(Id case_id, Action action, const Actor& actor, const ActionInput& input,
                       std::optional<Id> assignee = std::nullopt);
  Result<CaseView> get(Id case_id);
  Result<CaseView> view(const store::CaseRecord& c) const;
  Result<std::vector<store::CaseRecord>> duplicates_for(std::optional<Id> place_id, std::optional<Point> location,
                                                        Id category_id, std::optional<Id> exclude);

  // Escalates every case whose stage deadline has lapsed (once per lapse, even
  // across restarts) and unparks parked cases whose review time has come.
  // Returns how many cases it changed.
  Result<int> run_deadlines();

  // Stores a photo (JPEG, PNG or WebP; at most kMaxAttachmentBytes) under
  // files_dir and records it on the case history.
  static constexpr std::size_t kMaxAttachmentBytes = 5 * 1024 * 1024;
  Result<store::Attachment> attach(Id case_id, const std::string& content_type, const std::string& bytes,
                                   const std::string& original_name, const std::string& files_dir,
                                   const Actor& actor);

  // Mediation of a dispute case.
  Result<store::Mediation> save_mediation(Id case_id, store::Mediation m, const Actor& actor);
  Result<store::Mediation> add_mediation_session(Id case_id, const store::MediationSession& s, const Actor& actor);


 private:
  Status route_case(store::CaseRecord& c, const store::Category& cat);
  Status start_stage(store::CaseRecord& c, const std::string& stage, double hours, Seconds now);
  Status apply(store::CaseRecord& c, const Decision& d, Action a, const Actor& actor, const ActionInput& in,
               std::optional<Id> assignee, Seconds now, nlohmann::json& data);
  Result<store::Category> category_of(const store::CaseRecord& c);
  Result<store::Category> category(Id id);
  Result<WorkCalendar> calendar();
  Result<PlaceFacts> place_facts(Id place_id);
  // The reference data for this service's requests; null without a cache.
  Result<const RefSnapshot*> refs();

  store::Db& db_;
  const crypto::Vault& vault_;
  Clock clock_;
  LocatorCache* locator_;
  RefCache* ref_cache_;
  std::shared_ptr<const RefSnapshot> refs_;
};

}  // namespace weige::service
