#include "demo/writer.h"

#include <numeric>

#include "demo/residents.h"
#include "domain/grid_code.h"
#include "domain/map_rules.h"
#include "store/map_store.h"
#include "store/people_store.h"

namespace weige::demo {
namespace {

constexpr const char* kCity = "成都市成华区";
constexpr int kTenantPercent = 15;
constexpr int kPartyWorkerPercent = 50;  // micro-grid workers who are (often retired) party members

// Independent random streams of one community.
enum Stream : std::uint64_t { kPeopleStream = 1, kRolesStream = 2 };

// "1201": floor 12, room 1.
std::string room_name(int floor, int room) {
  std::string r = std::to_string(room);
  return std::to_string(floor) + (r.size() < 2 ? "0" + r : r);
}

std::string short_name(const std::string& community) {
  return strip_suffix(community, "社区");
}

std::string police_studio_name(const CommunitySpec& spec) {
  return strip_suffix(spec.subdistrict, "街道") + "派出所" + short_name(spec.name) + "警官工作室";
}

// What the head of a household does besides living there.
struct Duty {
  enum Kind { kNone, kHead, kWorker, kBackbone } kind = kNone;
  std::size_t backbone = 0;  // index into CommunityPlan::backbones, for kBackbone
};

// One duty per household of micro-grid (g, m), which has n households: its
// head, its resident worker and the backbones who live there, each in a
// different household drawn at random (n is at least 6, more than the duties).
std::vector<Duty> choose_duties(const CommunityPlan& plan, Rng& rng, std::size_t g, std::size_t m,
                                std::size_t n) {
  std::vector<Duty> wanted{{Duty::kHead, 0}, {Duty::kWorker, 0}};
  for (std::size_t b = 0; b < plan.backbones.size(); ++b) {
    if (plan.backbones[b].grid == g && plan.backbones[b].micro_grid == m) {
      wanted.push_back({Duty::kBackbone, b});
    }
  }
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::vector<Duty> out(n);
  for (std::size_t d = 0; d < wanted.size(); ++d) {  // a partial Fisher-Yates shuffle
    std::swap(order[d], order[d + rng.index(n - d)]);
    out[order[d]] = wanted[d];
  }
  return out;
}

}  // namespace

Writer::Writer(store::Db& db, const crypto::Vault& vault, Summary& summary)
    : db_(db), people_(db, vault), summary_(summary) {}

Result<Id> Writer::add_person(Person person) {
  WEIGE_ASSIGN(Person stored, people_.create_person(std::move(person)));
  ++summary_.persons;
  return stored.id;
}

Status Writer::assign(Id person, Id grid, GridRole role, Id organisation, PeacetimeDuty duty) {
  Assignment a;
  a.duty = duty;
  a.person_id = person;
  a.grid_id = grid;
  a.role = role;
  if (organisation) a.organisation_id = organisation;
  WEIGE_TRY(store::insert_assignment(db_, a).status());
  ++summary_.assignments;
  return {};
}

Status Writer::link(int tier, Id from_org, Id from_person, Id to_person, Id to_household) {
  store::Link l;
  l.tier = tier;
  if (from_org) l.from_org_id = from_org;
  if (from_person) l.from_person_id = from_person;
  if (to_person) l.to_person_id = to_person;
  if (to_household) l.to_household_id = to_household;
  WEIGE_TRY(store::insert_link(db_, l).status());
  ++summary_.links;
  return {};
}

Result<Id> Writer::add_organisation(OrganisationKind kind, const std::string& name, Id community,
                                    Id place) {
  Organisation o;
  o.kind = kind;
  o.name = name;
  o.community_id = community;
  if (place) o.place_id = place;
  WEIGE_ASSIGN(Id id, store::insert_organisation(db_, o));
  ++summary_.organisations;
  return id;
}

Result<Id> Writer::write_subdistrict(const std::string& name, const std::string& code9,
                                     const Rect& rect) {
  Place p;
  p.kind = PlaceKind::kSubdistrict;
  p.name = name;
  p.code = code9;
  p.location = rect.center();
  p.outline = rect.polygon();
  WEIGE_ASSIGN(Id id, store::insert_place(db_, p));
  ++summary_.subdistricts;
  return id;
}

Result<CommunityIds> Writer::write_map(const CommunityPlan& plan, Id subdistrict) {
  const CommunitySpec& spec = plan.spec;
  Place c;
  c.kind = PlaceKind::kCommunity;
  c.parent_id = subdistrict;
  c.name = spec.name;
  c.code = spec.code12;
  c.location = spec.rect.center();
  c.outline = spec.rect.polygon();
  WEIGE_ASSIGN(c.id, store::insert_place(db_, c));
  c.community_id = c.id;  // a community lies in itself, as MapService records it
  WEIGE_TRY(store::update_place(db_, c));
  ++summary_.communities;

  CommunityIds ids;
  ids.community = c.id;
  WEIGE_TRY(write_grids(plan, ids));
  WEIGE_TRY(write_residential_places(plan, ids));
  WEIGE_TRY(write_sites(plan, ids));
  return ids;
}

Status Writer::write_grids(const CommunityPlan& plan, CommunityIds& ids) {
  const CommunitySpec& spec = plan.spec;
  auto insert = [&](GridKind kind, Id parent, int grid, int micro, std::string name,
                    const Rect& rect) -> Result<Id> {
    Grid g;
    g.kind = kind;
    if (parent) g.parent_id = parent;
    g.community_id = ids.community;
    g.code = make_grid_code(spec.code12, grid, micro);
    g.name = std::move(name);
    g.boundary = rect.polygon();
    return store::insert_grid(db_, g);
  };
  WEIGE_ASSIGN(ids.general_grid,
               insert(GridKind::kGeneralGrid, 0, 0, 0, spec.name + "总网格", spec.rect));
  ++summary_.general_grids;
  for (const GridPlan& grid : plan.grids) {
    std::string name = short_name(spec.name) + "第" + std::to_string(grid.number) + "网格";
    WEIGE_ASSIGN(Id grid_id,
                 insert(GridKind::kGrid, ids.general_grid, grid.number, 0, name, grid.rect));
    ids.grids.push_back(grid_id);
    ++summary_.grids;
    auto& micro_ids = ids.micro_grids.emplace_back();
    for (const MicroGridPlan& micro : grid.micro_grids) {
      std::string micro_name =
          plan.compounds[micro.compound].name + std::to_string(micro.building) + "栋微网格";
      MicroGridIds m;
      WEIGE_ASSIGN(m.id, insert(GridKind::kMicroGrid, grid_id, grid.number, micro.number,
                                micro_name, micro.rect));
      micro_ids.push_back(std::move(m));
      ++summary_.micro_grids;
    }
  }
  for (const ExclusiveGridPlan& e : plan.exclusive_grids) {
    WEIGE_ASSIGN(Id id,
                 insert(GridKind::kExclusiveGrid, ids.general_grid, e.number, 0, e.name, e.rect));
    ids.exclusive_grids.push_back(id);
    ++summary_.exclusive_grids;
  }
  return {};
}

Status Writer::write_residential_places(const CommunityPlan& plan, CommunityIds& ids) {
  auto insert = [&](PlaceKind kind, Id parent, Id grid, std::string name,
                    Point location) -> Result<Id> {
    Place p;
    p.kind = kind;
    p.parent_id = parent;
    p.community_id = ids.community;
    if (grid) p.grid_id = grid;
    p.name = std::move(name);
    p.location = location;
    return store::insert_place(db_, p);
  };
  for (const CompoundPlan& compound : plan.compounds) {
    WEIGE_ASSIGN(Id id, insert(PlaceKind::kCompound, ids.community, ids.grids[compound.grid],
                               compound.name, compound.location));
    ids.compounds.push_back(id);
    ++summary_.compounds;
  }
  for (std::size_t g = 0; g < plan.grids.size(); ++g) {
    for (std::size_t m = 0; m < plan.grids[g].micro_grids.size(); ++m) {
      const MicroGridPlan& micro = plan.grids[g].micro_grids[m];
      MicroGridIds& micro_ids = ids.micro_grids[g][m];
      WEIGE_ASSIGN(Id building, insert(PlaceKind::kBuilding, ids.compounds[micro.compound], 0,
                                       std::to_string(micro.building) + "栋", micro.rect.center()));
      ++summary_.buildings;
      for (const UnitPlan& unit : micro.units) {
        WEIGE_ASSIGN(Id unit_id, insert(PlaceKind::kUnit, building, micro_ids.id,
                                        std::to_string(unit.number) + "单元", unit.location));
        ++summary_.units;
        for (int floor = 1; floor <= unit.floors; ++floor) {
          for (int room = 1; room <= unit.rooms_per_floor; ++room) {
            WEIGE_ASSIGN(Id household, insert(PlaceKind::kHousehold, unit_id, micro_ids.id,
                                              room_name(floor, room), unit.location));
            micro_ids.households.push_back(household);
            ++summary_.households;
          }
        }
      }
    }
  }
  return {};
}

Status Writer::write_sites(const CommunityPlan& plan, CommunityIds& ids) {
  for (std::size_t e = 0; e < plan.exclusive_grids.size(); ++e) {
    auto& site_ids = ids.sites.emplace_back();
    for (const SitePlan& site : plan.exclusive_grids[e].sites) {
      Place p;
      p.kind = site.kind;
      p.parent_id = ids.community;
      p.community_id = ids.community;
      p.grid_id = ids.exclusive_grids[e];
      p.name = site.name;
      p.location = site.location;
      WEIGE_ASSIGN(Id id, store::insert_place(db_, p));
      site_ids.push_back(id);
      ++summary_.sites;
    }
  }
  return {};
}

Status Writer::write_organisations(const CommunityPlan& plan, CommunityIds& ids) {
  const CommunitySpec& spec = plan.spec;
  const Id c = ids.community;
  WEIGE_ASSIGN(ids.party_organisation,
               add_organisation(OrganisationKind::kPartyOrganisation, spec.name + "党委", c, c));
  WEIGE_TRY(add_organisation(OrganisationKind::kAlliance, spec.name + "社商居联盟", c, 0).status());
  WEIGE_TRY(add_organisation(OrganisationKind::kSocialOrganisation,
                             short_name(spec.name) + "邻里互助服务中心", c, 0)
                .status());
  // The officer's studio sits in the featured compound when there is one.
  Id studio_place = plan.featured_compound ? ids.compounds[*plan.featured_compound] : c;
  WEIGE_ASSIGN(ids.police_studio, add_organisation(OrganisationKind::kPoliceStation,
                                                   police_studio_name(spec), c, studio_place));
  if (plan.featured_compound) {
    WEIGE_ASSIGN(ids.property_company, add_organisation(OrganisationKind::kPropertyCompany,
                                                        spec.featured->property_company, c,
                                                        ids.compounds[*plan.featured_compound]));
  }
  for (std::size_t e = 0; e < plan.exclusive_grids.size(); ++e) {
    const auto& sites = plan.exclusive_grids[e].sites;
    for (std::size_t s = 0; s < sites.size(); ++s) {
      for (const std::string& business : sites[s].businesses) {
        WEIGE_TRY(
            add_organisation(OrganisationKind::kBusiness, business, c, ids.sites[e][s]).status());
      }
    }
  }
  return {};
}

Status Writer::write_people(const CommunityPlan& plan, CommunityIds& ids,
                            const std::function<void(std::size_t)>& done) {
  Rng rng(derive_seed(plan.spec.seed, kPeopleStream));
  ids.backbones.assign(plan.backbones.size(), 0);
  for (std::size_t g = 0; g < plan.grids.size(); ++g) {
    for (std::size_t m = 0; m < plan.grids[g].micro_grids.size(); ++m) {
      WEIGE_TRY(write_micro_grid_people(plan, ids, rng, g, m));
      if (done) done(ids.micro_grids[g][m].households.size());
    }
  }
  return {};
}

Status Writer::write_micro_grid_people(const CommunityPlan& plan, CommunityIds& ids, Rng& rng,
                                       std::size_t g, std::size_t m) {
  const CommunitySpec& spec = plan.spec;
  const MicroGridPlan& micro = plan.grids[g].micro_grids[m];
  MicroGridIds& micro_ids = ids.micro_grids[g][m];
  const std::vector<Duty> duties = choose_duties(plan, rng, g, m, micro_ids.households.size());
  const std::string prefix = std::string(kCity) + spec.subdistrict + spec.name +
                             plan.compounds[micro.compound].name + std::to_string(micro.building) +
                             "栋";
  std::size_t k = 0;
  for (const UnitPlan& unit : micro.units) {
    for (int floor = 1; floor <= unit.floors; ++floor) {
      for (int room = 1; room <= unit.rooms_per_floor; ++room, ++k) {
        const Duty& duty = duties[k];
        // Households with a duty are owners; the head and backbones are party members.
        bool tenant = rng.chance(kTenantPercent) && duty.kind == Duty::kNone;
        std::string address =
            prefix + std::to_string(unit.number) + "单元" + room_name(floor, room) + "号";
        std::vector<Person> persons = make_household(rng, identities_, tenant, address);
        bool party_worker = rng.chance(kPartyWorkerPercent);
        if (duty.kind == Duty::kHead || duty.kind == Duty::kBackbone) {
          persons[0].party_member = true;
        } else if (duty.kind == Duty::kWorker) {
          persons[0].party_member = party_worker;
        }
        Id first = 0;
        for (Person& p : persons) {
          p.household_id = micro_ids.households[k];
          WEIGE_ASSIGN(Id id, add_person(std::move(p)));
          if (!first) first = id;
        }
        if (duty.kind == Duty::kHead) micro_ids.head = first;
        if (duty.kind == Duty::kWorker) micro_ids.worker = first;
        if (duty.kind == Duty::kBackbone) ids.backbones[duty.backbone] = first;
      }
    }
  }
  return {};
}

Status Writer::write_roles(const CommunityPlan& plan, const CommunityIds& ids) {
  Rng rng(derive_seed(plan.spec.seed, kRolesStream));
  for (std::size_t g = 0; g < ids.grids.size(); ++g) {
    bool party = rng.chance(50);
    WEIGE_ASSIGN(Id worker, add_person(make_staff(rng, identities_, party)));
    WEIGE_TRY(assign(worker, ids.grids[g], GridRole::kGridWorker));
    for (const MicroGridIds& micro : ids.micro_grids[g]) {
      WEIGE_TRY(assign(micro.head, micro.id, GridRole::kMicroGridHead));
      WEIGE_TRY(assign(micro.head, micro.id, GridRole::kVolunteer));
      // Peacetime duties in turn: publicist, informant, helper (宣传员, 信息员, 服务员).
      static constexpr PeacetimeDuty kDuties[] = {PeacetimeDuty::kPublicist, PeacetimeDuty::kInformant,
                                                  PeacetimeDuty::kHelper};
      WEIGE_TRY(assign(micro.worker, micro.id, GridRole::kMicroGridWorker, 0, kDuties[summary_.assignments % 3]));
      ++summary_.party_volunteers;
    }
  }
  for (std::size_t b = 0; b < ids.backbones.size(); ++b) {
    Id grid = b < ids.grids.size() ? ids.grids[b] : ids.exclusive_grids[b - ids.grids.size()];
    WEIGE_TRY(assign(ids.backbones[b], grid, GridRole::kVolunteer));
    ++summary_.party_volunteers;
  }

  Person officer = make_staff(rng, identities_, true);
  officer.organisation_id = ids.police_studio;
  WEIGE_ASSIGN(Id officer_id, add_person(std::move(officer)));
  WEIGE_TRY(assign(officer_id, ids.general_grid, GridRole::kPolice, ids.police_studio));

  if (!plan.featured_compound) return {};
  // The property company's party members: property staff in the compound's
  // grid, and micro-grid workers of its micro-grids in turn.
  const FeaturedCompound& featured = *plan.spec.featured;
  const std::size_t grid = plan.compounds[*plan.featured_compound].grid;
  for (int s = 0; s < featured.property_party_staff; ++s) {
    Person staff = make_staff(rng, identities_, true);
    staff.organisation_id = ids.property_company;
    WEIGE_ASSIGN(Id id, add_person(std::move(staff)));
    WEIGE_TRY(assign(id, ids.grids[grid], GridRole::kPropertyStaff, ids.property_company));
    for (int m = s; m < featured.micro_grids; m += featured.property_party_staff) {
      WEIGE_TRY(assign(id, ids.micro_grids[grid][static_cast<std::size_t>(m)].id,
                       GridRole::kMicroGridWorker, ids.property_company));
    }
  }
  return {};
}

Status Writer::write_links(const CommunityIds& ids) {
  for (Id backbone : ids.backbones) WEIGE_TRY(link(1, ids.party_organisation, 0, backbone, 0));
  for (std::size_t g = 0; g < ids.grids.size(); ++g) {
    for (const MicroGridIds& micro : ids.micro_grids[g]) {
      WEIGE_TRY(link(2, 0, ids.backbones[g], micro.head, 0));
      for (Id household : micro.households) WEIGE_TRY(link(3, 0, micro.head, 0, household));
    }
  }
  return {};
}

Status Writer::check(Id community) {
  WEIGE_ASSIGN(MapSnapshot snapshot, store::load_community_snapshot(db_, community));
  std::vector<Violation> violations = check_map(snapshot);
  if (violations.empty()) return {};
  nlohmann::json list = nlohmann::json::array();
  for (std::size_t i = 0; i < violations.size() && i < 20; ++i) {
    list.push_back(violations[i].to_json());
  }
  return Status(Code::kInternal,
                "the generated map breaks its rules: " + violations.front().message + " (and " +
                    std::to_string(violations.size() - 1) + " more)",
                {{"violations", list}});
}

}  // namespace weige::demo
