#pragma once
// Notices to a building, micro-grid, compound, grid or community with their
// read acknowledgements per household, and publicity campaigns linked to the
// cases that prompted them (visits and notices name their campaign).

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "domain/community_life.h"
#include "store/db.h"
#include "store/patrol_store.h"

namespace weige::store {

struct Notice {
  Id id = 0;
  NoticeTarget target_kind = NoticeTarget::kCommunity;
  Id target_id = 0;  // a place (building, compound, community) or a grid (micro_grid, grid)
  Id grid_id = 0;    // the grid its data scope is decided by
  std::string title;
  std::string body;
  std::optional<Id> campaign_id;
  std::optional<Id> author_person_id;
  Seconds published_at = 0;
};

Result<Id> insert_notice(Db& db, const Notice& n);
Result<Notice> get_notice(Db& db, Id id);
struct NoticeFilter {
  GridFilter grids;  // staff: notices scoped to these grids
  // Residents: notices whose target is one of these places or grids.
  std::optional<std::vector<Id>> reach_places, reach_grids;
  std::optional<Id> campaign_id;
  int limit = 50;
  int offset = 0;
};
using NoticePage = Page<Notice>;
Result<NoticePage> list_notices(Db& db, const NoticeFilter& f);

// A household with the names of its unit, building and compound.
struct HouseholdLabel {
  Id id = 0;
  std::string name, unit, building, compound;
};
// One page of the households a notice reaches that have not read it, in id
// order, with the total of them.
Result<Page<HouseholdLabel>> notice_unread(Db& db, const Notice& n, int limit, int offset);

// Records that a household read a notice; a second acknowledgement keeps the first.
Status insert_read(Db& db, Id notice_id, Id household_id, std::optional<Id> person_id, Seconds at);
Result<std::set<Id>> read_households(Db& db, Id notice_id);

struct Campaign {
  Id id = 0;
  CampaignTheme theme = CampaignTheme::kCivilisedDogKeeping;
  std::string title;
  Id grid_id = 0;
  std::optional<Seconds> starts_at, ends_at;
  std::string note;
  Seconds created_at = 0;
};
Result<Id> insert_campaign(Db& db, const Campaign& c);
Result<Campaign> get_campaign(Db& db, Id id);
Result<std::vector<Campaign>> list_campaigns(Db& db, const GridFilter& grids);
// Links a case to a campaign (again: no change).
Status link_campaign_case(Db& db, Id campaign_id, Id case_id);
Result<std::vector<Id>> campaign_case_ids(Db& db, Id campaign_id);

}  // namespace weige::store
