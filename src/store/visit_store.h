#pragma once
// Three-links home visits and the care tags of households in the database.

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "domain/community_life.h"
#include "store/db.h"
#include "store/patrol_store.h"

namespace weige::store {

struct Visit {
  Id id = 0;
  Id household_id = 0;
  std::optional<Id> grid_id;  // the household's micro-grid
  Id visitor_person_id = 0;
  std::optional<Id> link_id;  // the tier-3 link the visit went along
  Seconds at = 0;
  VisitForm form = VisitForm::kDoorToDoor;
  std::string learnt;
  std::optional<Id> follow_up_case_id;
  std::optional<Id> campaign_id;
  Seconds created_at = 0;
};

Result<Id> insert_visit(Db& db, const Visit& v);
Result<Visit> get_visit(Db& db, Id id);
struct VisitFilter {
  GridFilter grids;
  std::optional<Id> household_id;
  std::optional<Id> visitor_person_id;
  std::optional<Id> campaign_id;
  std::optional<Seconds> from, to;  // [from, to)
  int limit = 50;
  int offset = 0;
};
using VisitPage = Page<Visit>;
Result<VisitPage> list_visits(Db& db, const VisitFilter& f);
// Households visited in [from, to) (in `grids` when given).
Result<std::set<Id>> visited_households(Db& db, const GridFilter& grids, Seconds from, Seconds to);

struct CareTagRow {
  Id household_id = 0;
  CareTag tag = CareTag::kElderlyAlone;
  int visit_every_days = 7;
  Seconds since = 0;
  std::string note;
};
Result<std::vector<CareTagRow>> care_of(Db& db, Id household_id);
// Replaces the household's tags; a tag kept keeps its `since`.
Status replace_care(Db& db, Id household_id, const std::vector<CareTagRow>& tags);

// A cared-for household with its tags and its last visit.
struct CaredHousehold {
  Id household_id = 0;
  std::optional<Id> grid_id;
  std::string name;
  std::vector<CareTagRow> tags;
  std::optional<Seconds> last_visit;
};
Result<std::vector<CaredHousehold>> cared_households(Db& db, const GridFilter& grids);

// A household a party member links (tier 3), named with its unit, building
// and compound, and its last visit by anyone.
struct LinkedHousehold {
  Id household_id = 0;
  std::optional<Id> grid_id;
  std::string name, unit, building, compound;
  std::optional<Seconds> last_visit;
};
// The households `person_id` links, in household id order.
Result<std::vector<LinkedHousehold>> linked_households(Db& db, Id person_id);

// Three-links edges reaching households of `grids` (all edges when nullopt):
// their tier-3 links, the tier-2 links to those party members and the tier-1
// links to those backbones.
Result<std::vector<LinkEdge>> link_edges(Db& db, const GridFilter& grids);

}  // namespace weige::store
