#include "service/case_service.h"

#include <chrono>

#include "service/emergency_service.h"
#include "store/map_store.h"
#include "store/people_store.h"

namespace weige::service {
namespace {

using store::CaseRecord;

constexpr Seconds kDuplicateWindow = 7 * 86400;

// Where a case lies: its grid, community and compound, from a place.
void place_case(const PlaceFacts& f, CaseRecord& c) {
  c.place_id = f.place_id;
  c.grid_id = f.grid_id;
  c.compound_id = f.compound_id;
  c.community_id = f.community_id;
  if (!c.location && f.location) c.location = f.location;
}

}  // namespace

Clock system_clock() {
  return [] {
    return static_cast<Seconds>(
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count());
  };
}

Result<std::optional<Id>> LocatorCache::locate(store::Db& db, Point p) {
  // Any change to grids bumps the reference-data counter (migration 0008).
  WEIGE_ASSIGN(std::int64_t ref, ref_version(db));
  std::string version = std::to_string(ref);
  std::shared_ptr<const GridLocator> locator;
  {
    std::lock_guard lock(mu_);
    if (version == version_ && locator_) locator = locator_;
  }
  if (!locator) {
    auto built = std::make_shared<GridLocator>();
    WEIGE_TRY(db.query("SELECT id, boundary FROM grids WHERE boundary IS NOT NULL AND kind IN ('micro_grid', "
                       "'exclusive_grid', 'grid')",
                       {}, [&](const store::Row& r) {
                         if (auto ring = store::ring_from_json(r.text(1))) built->add(r.i64(0), std::move(*ring));
                       }));
    built->build();
    locator = built;
    std::lock_guard lock(mu_);
    version_ = version;
    locator_ = locator;
  }
  return locator->locate(p);
}

std::string deadline_colour(const CaseRecord& c, Seconds now) {
  if (!is_open(c.state) || !c.stage_due_at) return "none";
  if (now > *c.stage_due_at) return "red";
  if (c.stage_warn_at && now >= *c.stage_warn_at) return "yellow";
  return "green";
}

CaseService::CaseService(store::Db& db, const crypto::Vault& vault, Clock clock, LocatorCache* locator,
                         RefCache* refs)
    : db_(db), vault_(vault), clock_(std::move(clock)), locator_(locator), ref_cache_(refs) {}

Result<const RefSnapshot*> CaseService::refs() {
  if (!ref_cache_) return static_cast<const RefSnapshot*>(nullptr);
  if (!refs_) {
    WEIGE_ASSIGN(refs_, ref_cache_->current(db_));
  }
  return refs_.get();
}

Result<store::Category> CaseService::category(Id id) {
  WEIGE_ASSIGN(const RefSnapshot* r, refs());
  if (r) {
    if (auto it = r->categories.find(id); it != r->categories.end()) return it->second;
  }
  return store::get_category(db_, id);  // also the not-found answer
}

Result<WorkCalendar> CaseService::calendar() {
  WEIGE_ASSIGN(const RefSnapshot* r, refs());
  if (r) return r->calendar;
  return store::load_calendar(db_);
}

Result<PlaceFacts> CaseService::place_facts(Id place_id) {
  WEIGE_ASSIGN(const RefSnapshot* r, refs());
  if (r) return r->place(db_, place_id);
  return read_place_facts(db_, place_id);
}

Result<store::Category> CaseService::category_of(const CaseRecord& c) { return category(c.category_id); }

Status CaseService::start_stage(CaseRecord& c, const std::string& stage, double hours, Seconds now) {
  c.stage = stage;
  if (stage.empty()) {
    c.stage_started_at.reset();
    c.stage_due_at.reset();
    c.stage_warn_at.reset();
    return {};
  }
  WEIGE_ASSIGN(WorkCalendar cal, calendar());
  if (c.emergency_id) {
    // Deadlines tighten while the emergency the case was filed under is active.
    WEIGE_ASSIGN(auto e, store::get_emergency(db_, *c.emergency_id));
    if (e.active()) hours *= e.deadline_factor;
  }
  c.stage_started_at = now;
  c.stage_due_at = cal.add_working_hours(now, hours);
  c.stage_warn_at = cal.add_working_hours(now, hours * 0.75);
  if (stage == "accept") c.accept_due_at = c.stage_due_at;
  return {};
}

Status CaseService::route_case(CaseRecord& c, const store::Category& cat) {
  WEIGE_ASSIGN(const RefSnapshot* refs, this->refs());
  RoutingFacts f;
  const std::vector<Id>* known_path = nullptr;
  if (refs) {
    if (auto it = refs->category_paths.find(cat.id); it != refs->category_paths.end()) known_path = &it->second;
  }
  if (known_path) {
    f.category_path = *known_path;
  } else {
    WEIGE_ASSIGN(f.category_path, store::category_path(db_, cat.id));
  }
  f.category_code = cat.code;
  f.level = c.level;
  f.category_default = c.level == cat.level ? cat.path : default_handler(c.level);
  f.community_id = c.community_id;
  if (refs) {
    WEIGE_ASSIGN(f.grid_path, refs->grid_path(db_, c.grid_id));
  } else {
    WEIGE_ASSIGN(f.grid_path, store::grid_path(db_, c.grid_id));
  }
  if (c.place_id) {
    WEIGE_ASSIGN(PlaceFacts place, place_facts(*c.place_id));
    f.property_company_id = place.property_company_id;
    f.property_company_name = place.property_company_name;
  }
  WorkCalendar cal;
  Seconds now = clock_();
  f.local_weekday = weekday(cal.local_day(now));
  f.local_hour = cal.local_minute(now) / 60;
  std::vector<RoutingRule> loaded;
  if (!refs) {
    WEIGE_ASSIGN(loaded, store::list_routing_rules(db_));
  }
  RoutingDecision d = route(refs ? refs->rules : loaded, f);
  c.handler = d.handler;
  c.handler_org_id = d.organisation_id;
  c.routing_rule_id = d.rule_id;
  c.routing_explanation = d.explanation;
  c.joint_with_community = d.joint_with_community;
  return {};
}

Result<IntakeResult> CaseService::intake(const IntakeInput& in, const Actor& actor) {
  if (in.description.empty()) return Status::invalid("a case needs a description", {{"field", "description"}});
  if (in.description.size() > 4000) return Status::invalid("description has at most 4000 bytes", {{"field", "description"}});
  auto cat = category(in.category_id);
  if (!cat) return Status(cat.status().code(), cat.status().message(), {{"field", "category_id"}});
  if (!cat->enabled) return Status::invalid("category " + cat->code + " is disabled", {{"field", "category_id"}});
  if (!in.place_id && !in.location && !in.grid_id && in.address.empty()) {
    return Status::invalid("a case needs a place_id, a grid_id, a location or an address", {{"field", "place_id"}});
  }
  if (!in.reporter_phone.empty()) {
    auto digits = crypto::normalise_phone(in.reporter_phone);
    if (digits.size() < 7 || digits.size() > 15) return Status::invalid("a phone number has 7 to 15 digits", {{"field", "reporter_phone"}});
  }
  if (in.reporter_person_id) {
    auto person = store::get_person(db_, *in.reporter_person_id);
    if (!person) return Status(person.status().code(), person.status().message(), {{"field", "reporter_person_id"}});
  }
  Seconds now = clock_();
  CaseRecord c;
  c.tracking_token = crypto::random_token();
  c.channel = in.channel;
  c.category_id = cat->id;
  c.level = in.level.value_or(cat->level);
  c.description = in.description;
  c.location = in.location;
  c.address_sealed = vault_.seal(in.address);
  if (in.place_id) {
    auto facts = place_facts(*in.place_id);
    if (!facts) return Status(facts.status().code(), facts.status().message(), {{"field", "place_id"}});
    place_case(*facts, c);
  } else if (in.grid_id) {
    auto g = store::get_grid(db_, *in.grid_id);
    if (!g) return Status(g.status().code(), g.status().message(), {{"field", "grid_id"}});
    c.grid_id = g->id;
    c.community_id = g->community_id;
  } else if (in.location) {
    if (!locator_) return Status::internal("no locator configured");
    WEIGE_ASSIGN(auto grid, locator_->locate(db_, *in.location));
    c.grid_id = grid;
    if (grid) {
      WEIGE_ASSIGN(Grid g, store::get_grid(db_, *grid));
      c.community_id = g.community_id;
    }
  }
  if (!in.anonymous) {
    c.reporter_person_id = in.reporter_person_id;
    c.reporter_name_sealed = vault_.seal(in.reporter_name);
    std::string phone = crypto::normalise_phone(in.reporter_phone);
    c.reporter_phone_sealed = vault_.seal(phone);
    if (!phone.empty()) c.reporter_phone_index = vault_.blind_index("phone:" + phone);
  }
  c.anonymous = in.anonymous;
  c.on_behalf_of = in.on_behalf_of;
  c.needs_verification = cat->needs_verification;
  c.state = CaseState::kReported;
  c.created_at = c.updated_at = now;
  IntakeResult out;
  Status s = store::in_write_transaction(db_, [&]() -> Status {
    WEIGE_ASSIGN(const RefSnapshot* refs, this->refs());
    std::optional<store::EmergencyRecord> emergency;
    if (!refs || refs->any_active_emergency) {
      WEIGE_ASSIGN(emergency, emergency_for_case(db_, c));
    }
    if (emergency) {
      c.emergency = true;
      c.emergency_id = emergency->id;
    } else if (cat->emergency_only) {
      return Status::invalid("category " + cat->code + " is open only where an emergency is active",
                             {{"field", "category_id"}});
    }
    WEIGE_TRY(route_case(c, *cat));
    WEIGE_TRY(start_stage(c, "accept", cat->accept_hours, now));
    WEIGE_ASSIGN(c.id, store::insert_case(db_, c));
    nlohmann::json data{{"channel", to_string(c.channel)}, {"routing", c.routing_explanation}};
    WEIGE_TRY(store::append_event(db_, {0, c.id, now, "report", std::nullopt, CaseState::kReported,
                                        std::string(to_string(actor.role)), actor.person_id, "", data.dump()})
                  .status());
    if (in.accept_now) {
      ActionInput none;
      WEIGE_ASSIGN(Decision d, decide({c.state, c.handler, c.needs_verification, false, 0, {}}, Action::kAccept, actor, none));
      nlohmann::json extra = nlohmann::json::object();
      WEIGE_TRY(apply(c, d, Action::kAccept, actor, none, std::nullopt, now, extra));
    }
    WEIGE_ASSIGN(out.duplicates, store::find_duplicates(db_, c.place_id, c.grid_id, c.category_id,
                                                        now - kDuplicateWindow, c.id));
    return {};
  });
  if (!s) return s;
  WEIGE_ASSIGN(out.view, view(c));
  return out;
}

Status CaseService::apply(CaseRecord& c, const Decision& d, Action a, const Actor& actor, const ActionInput& in,
                          std::optional<Id> assignee, Seconds now, nlohmann::json& data) {
  WEIGE_ASSIGN(store::Category cat, category_of(c));
  CaseState from = c.state;
  c.state = d.to;
  c.extension_pending = d.extension_pending;
  if (d.reopened) ++c.reopen_count;
  switch (a) {
    case Action::kAccept:
      c.responded_at = now;
      WEIGE_TRY(start_stage(c, "dispatch", cat.dispatch_hours, now));
      break;
    case Action::kReject:
      c.responded_at = now;
      WEIGE_TRY(start_stage(c, "", 0, now));
      break;
    case Action::kMerge: {
      if (*in.target_case_id == c.id) return Status::invalid("a case cannot be merged into itself", {{"field", "target_case_id"}});
      auto target = store::get_case(db_, *in.target_case_id);
      if (!target) return Status(target.status().code(), target.status().message(), {{"field", "target_case_id"}});
      if (!is_open(target->state)) return Status::conflict("case " + std::to_string(target->id) + " is not open");
      c.merged_into = target->id;
      if (!c.responded_at) c.responded_at = now;
      data["merged_into"] = target->id;
      WEIGE_TRY(start_stage(c, "", 0, now));
      break;
    }
    case Action::kDispatch:
      if (d.new_handler && *d.new_handler != c.handler) {
        c.handler = *d.new_handler;
        c.handler_org_id.reset();
        if (c.handler == HandlerKind::kPropertyCompany && c.place_id) {
          WEIGE_ASSIGN(c.handler_org_id, store::property_company_of(db_, *c.place_id));
          if (!c.handler_org_id) return Status::conflict("the place has no property company to dispatch to");
        }
        c.joint_with_community = c.handler == HandlerKind::kPropertyCompany;
        c.routing_explanation = std::string(to_string(c.handler)) + ": dispatched by hand (" +
                                std::string(to_string(actor.role)) + ")";
      }
      c.handler_person_id = assignee;
      WEIGE_TRY(start_stage(c, "resolve", cat.resolve_hours, now));
      break;
    case Action::kStart:
      if (!c.handler_person_id) c.handler_person_id = actor.person_id;
      break;
    case Action::kReturn:
      c.handler_person_id.reset();
      WEIGE_TRY(start_stage(c, "dispatch", cat.dispatch_hours, now));
      break;
    case Action::kResolve:
      if (!c.first_resolved_at) {
        c.first_resolved_at = now;
        c.resolve_due_at = c.stage_due_at;
      }
      c.resolved_at = now;
      c.resolver_person_id = actor.person_id;
      c.settled_level = level_of(c.handler);
      WEIGE_TRY(start_stage(c, c.needs_verification ? "verify" : "", cat.verify_hours, now));
      break;
    case Action::kVerify:
      WEIGE_TRY(start_stage(c, "", 0, now));
      break;
    case Action::kFailVerification:
    case Action::kReopen:
      c.settled_level.reset();
      c.closed_at.reset();
      WEIGE_TRY(start_stage(c, "resolve", cat.resolve_hours, now));
      break;
    case Action::kClose:
    case Action::kCloseReview:
      c.closed_at = now;
      if (!c.settled_level) c.settled_level = level_of(c.handler);
      WEIGE_TRY(start_stage(c, "", 0, now));
      break;
    case Action::kRate:
      c.rating = in.rating;
      c.rating_comment = in.note;
      data["rating"] = to_string(*in.rating);
      if (actor.role != Role::kResident) data["return_visit"] = true;
      if (d.to == CaseState::kInProgress) {
        c.settled_level.reset();
        c.closed_at.reset();
        WEIGE_TRY(start_stage(c, "resolve", cat.resolve_hours, now));
      } else if (d.to == CaseState::kInReview) {
        if (level_of(c.handler) < HandlingLevel::kCommunity) c.handler = HandlerKind::kCommunity;
        c.closed_at.reset();
        WEIGE_TRY(start_stage(c, "", 0, now));
      }
      break;
    case Action::kRequestExtension:
      c.extension_hours = in.hours;
      data["hours"] = *in.hours;
      break;
    case Action::kApproveExtension:
      if (c.stage_due_at && c.extension_hours) {
        WEIGE_ASSIGN(WorkCalendar cal, calendar());
        c.stage_due_at = cal.add_working_hours(*c.stage_due_at, *c.extension_hours);
        data["new_due_at"] = *c.stage_due_at;
      }
      c.extension_hours.reset();
      break;
    case Action::kDenyExtension:
      c.extension_hours.reset();
      break;
    case Action::kEscalate:
    case Action::kDeEscalate:
      data["from_handler"] = to_string(c.handler);
      c.handler = *d.new_handler;
      data["to_handler"] = to_string(c.handler);
      c.handler_org_id.reset();
      c.handler_person_id.reset();
      c.joint_with_community = false;
      if (a == Action::kEscalate) ++c.escalation_count;
      c.routing_explanation = std::string(to_string(c.handler)) + ": " +
                              (a == Action::kEscalate ? "escalated" : "de-escalated") + " from " +
                              data["from_handler"].get<std::string>() + " (" + in.reason + ")";
      WEIGE_TRY(start_stage(c, "resolve", cat.resolve_hours, now));
      break;
    case Action::kPark:
      c.review_at = in.review_at;
      data["review_at"] = *in.review_at;
      WEIGE_TRY(start_stage(c, "", 0, now));
      break;
    case Action::kUnpark:
      c.review_at.reset();
      WEIGE_TRY(start_stage(c, "dispatch", cat.dispatch_hours, now));
      break;
  }
  c.updated_at = now;
  WEIGE_TRY(store::update_case(db_, c));
  std::string note = !in.reason.empty() ? in.reason : in.note;
  return store::append_event(db_, {0, c.id, now, std::string(to_string(a)), from, c.state,
                                   std::string(to_string(actor.role)), actor.person_id, note, data.dump()})
      .status();
}

Result<CaseView> CaseService::act(Id case_id, Action action, const Actor& actor, const ActionInput& input,
                                  std::optional<Id> assignee) {
  if (assignee) {
    auto p = store::get_person(db_, *assignee);
    if (!p) return Status(p.status().code(), p.status().message(), {{"field", "assignee_person_id"}});
  }
  CaseRecord c;
  Status s = store::in_write_transaction(db_, [&]() -> Status {
    WEIGE_ASSIGN(c, store::get_case(db_, case_id));
    CaseFacts facts = store::workflow_facts(c);
    WEIGE_ASSIGN(Decision d, decide(facts, action, actor, input));
    nlohmann::json data = nlohmann::json::object();
    return apply(c, d, action, actor, input, assignee, clock_(), data);
  });
  if (!s) return s;
  return view(c);
}

Result<CaseView> CaseService::get(Id case_id) {
  WEIGE_ASSIGN(CaseRecord c, store::get_case(db_, case_id));
  return view(c);
}

Result<CaseView> CaseService::view(const CaseRecord& c) const {
  CaseView v;
  v.record = c;
  WEIGE_ASSIGN(v.reporter_name, vault_.unseal(c.reporter_name_sealed));
  WEIGE_ASSIGN(v.reporter_phone, vault_.unseal(c.reporter_phone_sealed));
  WEIGE_ASSIGN(v.address, vault_.unseal(c.address_sealed));
  return v;
}

Result<std::vector<CaseRecord>> CaseService::duplicates_for(std::optional<Id> place_id, std::optional<Point> location,
                                                            Id category_id, std::optional<Id> exclude) {
  CaseRecord probe;
  if (place_id) {
    WEIGE_ASSIGN(PlaceFacts facts, place_facts(*place_id));
    place_case(facts, probe);
  } else if (location && locator_) {
    WEIGE_ASSIGN(probe.grid_id, locator_->locate(db_, *location));
  }
  WEIGE_TRY(category(category_id).status());
  return store::find_duplicates(db_, probe.place_id, probe.grid_id, category_id, clock_() - kDuplicateWindow, exclude);
}

Result<int> CaseService::run_deadlines() {
  Seconds now = clock_();
  int changed = 0;
  WEIGE_ASSIGN(auto lapsed, store::lapsed_cases(db_, now, 500));
  for (Id id : lapsed) {
    Status s = store::in_write_transaction(db_, [&]() -> Status {
      WEIGE_ASSIGN(CaseRecord c, store::get_case(db_, id));
      // Claim this lapse: exactly once, even with two schedulers or a restart.
      WEIGE_ASSIGN(auto claimed, db_.execute("UPDATE cases SET lapse_handled_at = stage_due_at WHERE id = ? AND "
                                             "stage_due_at < ? AND (lapse_handled_at IS NULL OR lapse_handled_at "
                                             "<> stage_due_at)",
                                             {id, now}));
      if (claimed == 0) return {};
      c.lapse_handled_at = c.stage_due_at;
      Actor system{Role::kSystem, std::nullopt};
      ActionInput in;
      in.reason = "stage " + c.stage + " overdue since " + std::to_string(c.stage_due_at.value_or(0));
      CaseFacts facts = store::workflow_facts(c);
      auto d = decide(facts, Action::kEscalate, system, in);
      if (!d) {
        // Not escalatable (e.g. reported, or already at the top): record the lapse only.
        return store::append_event(db_, {0, c.id, now, "overdue", c.state, c.state, "system", std::nullopt, in.reason,
                                         nlohmann::json{{"stage", c.stage}, {"due_at", *c.stage_due_at}}.dump()})
            .status();
      }
      nlohmann::json data{{"automatic", true}, {"lapsed_due_at", *c.stage_due_at}};
      ++changed;
      return apply(c, *d, Action::kEscalate, system, in, std::nullopt, now, data);
    });
    if (!s) return s;
  }
  WEIGE_ASSIGN(auto parked, store::parked_due(db_, now, 500));
  for (Id id : parked) {
    auto r = act(id, Action::kUnpark, {Role::kSystem, std::nullopt}, {});
    if (r) ++changed;
  }
  return changed;
}

}  // namespace weige::service
