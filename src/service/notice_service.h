#pragma once
// Notices (通知、宣传) to a building, micro-grid, compound, grid or community,
// read acknowledgements per household and the list of who has not read;
// publicity campaigns (civilised dog keeping, fire safety, fraud prevention)
// linked to the cases that prompted them, the visits that carried them and
// their notices.
//
// A notice's recipients are the households below its target, counted when
// asked. Managers of the target's grid send notices; staff who see the grid
// read them and their figures; residents see the notices that reach their
// household and acknowledge them for it.

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "domain/community_life.h"
#include "service/case_service.h"
#include "service/life_scope.h"
#include "store/notice_store.h"

namespace weige::service {

struct NoticeInput {
  NoticeTarget target_kind = NoticeTarget::kCommunity;
  Id target_id = 0;
  std::string title;
  std::string body;
  std::optional<Id> campaign_id;
};

struct NoticeView {
  store::Notice notice;
  std::string target_name;
  int recipients = 0;                     // households reached
  int read = 0;                           // of them, households that acknowledged
  std::optional<bool> my_household_read;  // residents
};

// A household that has not read a notice: 1201, 1单元, 3栋, 华润六期锦云府.
using UnreadHousehold = store::HouseholdLabel;

struct CampaignInput {
  CampaignTheme theme = CampaignTheme::kCivilisedDogKeeping;
  std::string title;
  Id grid_id = 0;
  std::optional<Seconds> starts_at, ends_at;
  std::string note;
  std::vector<Id> case_ids;
};

struct CampaignView {
  store::Campaign campaign;
  std::vector<store::CaseRecord> cases;  // the cases that prompted it
  std::int64_t visits = 0;               // visits that carried it
  std::vector<store::Notice> notices;
};

class NoticeService {
 public:
  NoticeService(store::Db& db, Clock clock) : db_(db), clock_(std::move(clock)) {}

  Result<NoticeView> publish(const LifeCaller& c, const NoticeInput& in);
  Result<std::vector<NoticeView>> list(const LifeCaller& c, std::optional<Id> campaign_id,
                                       int limit, int offset, std::int64_t& total);
  Result<NoticeView> get(const LifeCaller& c, Id notice_id);
  // Records the household's acknowledgement (again: no change).
  Result<NoticeView> acknowledge(const LifeCaller& c, Id notice_id, std::optional<Id> household);
  // One page of the households reached that have not read it, in id order,
  // with their total (staff only).
  Result<store::Page<UnreadHousehold>> unread(const LifeCaller& c, Id notice_id, int limit,
                                              int offset);

  Result<CampaignView> create_campaign(const LifeCaller& c, const CampaignInput& in);
  Result<std::vector<store::Campaign>> campaigns(const LifeCaller& c);
  Result<CampaignView> campaign(const LifeCaller& c, Id campaign_id);
  Result<CampaignView> link_case(const LifeCaller& c, Id campaign_id, Id case_id);

 private:
  Result<store::Notice> visible(const LifeCaller& c, Id notice_id);
  Result<std::vector<Id>> recipients(const store::Notice& n);
  Result<NoticeView> view(const LifeCaller& c, store::Notice n);
  // The target's grid, after checking its kind.
  Result<Id> target_grid(NoticeTarget kind, Id target_id);

  store::Db& db_;
  Clock clock_;
};

}  // namespace weige::service
