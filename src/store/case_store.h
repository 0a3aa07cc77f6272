#pragma once
// Cases and what surrounds them in the database: categories, routing rules,
// the calendar, property contracts, history events, attachments, mediation.

#include <optional>
#include <string>
#include <vector>

#include "domain/case.h"
#include "domain/case_metrics.h"
#include "domain/case_workflow.h"
#include "domain/routing.h"
#include "domain/work_calendar.h"
#include "store/db.h"

namespace weige::store {

struct Category {
  Id id = 0;
  std::string code;
  std::optional<Id> parent_id;
  std::string name_zh, name_en, pinyin, icon;
  CaseLevel level = CaseLevel::kMicro;
  HandlerKind path = HandlerKind::kMicroGrid;
  bool needs_verification = true;
  double accept_hours = 2, dispatch_hours = 2, resolve_hours = 24, verify_hours = 8;
  bool emergency_only = false;
  bool enabled = true;
};

Result<std::vector<Category>> list_categories(Db& db);
Result<Category> get_category(Db& db, Id id);
Result<Id> insert_category(Db& db, const Category& c);
Status update_category(Db& db, const Category& c);
// The category and its ancestors, nearest first.
Result<std::vector<Id>> category_path(Db& db, Id id);
// The category and all its descendants.
Result<std::vector<Id>> category_subtree(Db& db, Id id);

Result<std::vector<RoutingRule>> list_routing_rules(Db& db);
Result<Id> insert_routing_rule(Db& db, const RoutingRule& r);
Status update_routing_rule(Db& db, const RoutingRule& r);
Status delete_routing_rule(Db& db, Id id);

Result<WorkCalendar> load_calendar(Db& db);
struct CalendarDay {
  std::string day;
  std::string kind;  // holiday | workday
  std::string note;
};
Result<std::vector<CalendarDay>> list_calendar_days(Db& db);
Status set_calendar_day(Db& db, const CalendarDay& d);
Status delete_calendar_day(Db& db, const std::string& day);

// The property company serving a place or, failing that, its compound.
Result<std::optional<Id>> property_company_of(Db& db, Id place_id);
Status set_property_contract(Db& db, Id place_id, Id organisation_id);

// A case row. Personal data of the reporter is sealed by the service.
struct CaseRecord {
  Id id = 0;
  std::string tracking_token;
  Channel channel = Channel::kWalkIn;
  Id category_id = 0;
  CaseLevel level = CaseLevel::kMicro;
  std::string description;
  std::optional<Id> place_id, compound_id;
  std::optional<Point> location;
  std::string address_sealed;
  std::optional<Id> grid_id, community_id;
  std::optional<Id> reporter_person_id;
  std::string reporter_name_sealed, reporter_phone_sealed, reporter_phone_index;
  bool on_behalf_of = false;
  bool anonymous = false;
  CaseState state = CaseState::kReported;
  HandlerKind handler = HandlerKind::kMicroGrid;
  std::optional<Id> handler_org_id, handler_person_id;
  std::optional<Id> routing_rule_id;
  std::string routing_explanation;
  bool joint_with_community = false;
  bool emergency = false;
  std::optional<Id> emergency_id;  // the emergency covering its place when filed
  bool needs_verification = true;
  std::string stage;  // accept, dispatch, resolve, verify, or "" when none
  std::optional<Seconds> stage_started_at, stage_due_at, stage_warn_at, lapse_handled_at;
  bool extension_pending = false;
  std::optional<double> extension_hours;
  std::optional<Seconds> accept_due_at, responded_at, resolve_due_at, first_resolved_at,
      resolved_at;
  std::optional<Id> resolver_person_id;
  std::optional<HandlingLevel> settled_level;
  std::optional<Seconds> closed_at;
  std::optional<Rating> rating;
  std::string rating_comment;
  int reopen_count = 0;
  int escalation_count = 0;
  std::optional<Seconds> review_at;
  std::optional<Id> merged_into;
  Seconds created_at = 0;
  Seconds updated_at = 0;
};

// What the workflow's decide() needs to know about a case.
inline CaseFacts workflow_facts(const CaseRecord& c) {
  return {c.state,        c.handler,           c.needs_verification, c.extension_pending,
          c.reopen_count, c.resolver_person_id};
}

Result<Id> insert_case(Db& db, const CaseRecord& c);
// Puts the cases queued since the last call into the full-text index, in one
// statement (migration 0009). Writers call it in their transaction before
// committing: the group committer once per batch, single writes once each.
Status index_pending_cases(Db& db);
Status update_case(Db& db, const CaseRecord& c);
Result<CaseRecord> get_case(Db& db, Id id);
Result<std::optional<CaseRecord>> find_case_by_token(Db& db, const std::string& token);

struct CaseEvent {
  Id id = 0;
  Id case_id = 0;
  Seconds at = 0;
  std::string action;
  std::optional<CaseState> from_state;
  CaseState to_state = CaseState::kReported;
  std::string actor_role;
  std::optional<Id> actor_person_id;
  std::string note;
  std::string data = "{}";  // JSON
};
Result<Id> append_event(Db& db, const CaseEvent& e);
Result<std::vector<CaseEvent>> events_of(Db& db, Id case_id);

struct CaseFilter {
  std::vector<CaseState> states;
  std::vector<Id> category_ids;  // any of (a subtree, expanded by the caller)
  std::optional<CaseLevel> level;
  std::optional<Channel> channel;
  std::vector<Id> grid_ids;  // cases in any of these grids
  std::optional<Id> community_id;
  std::vector<Id> community_ids;  // cases in any of these communities (a subdistrict's)
  std::optional<Id> handler_person_id;
  std::optional<HandlerKind> handler;
  std::optional<Id> handler_org_id;
  std::vector<Id>
      police_categories;  // scope of police: these categories, or cases handled by police
  std::optional<Id> reporter_person_id;
  std::string reporter_phone_index;
  std::optional<Seconds> created_from, created_to;  // [from, to)
  std::optional<Seconds> overdue_at;                // open with stage_due_at < this
  std::optional<bool> emergency;
  // Description contains (case-insensitively): 3 or more characters through
  // the trigram index cases_fts, shorter text by a scan (LIKE).
  std::string text;
  std::string sort = "-created_at";  // created_at, -created_at, due, -due
  int limit = 50;
  int offset = 0;
};
struct CasePage {
  std::vector<CaseRecord> items;
  std::int64_t total = 0;
};
Result<CasePage> list_cases(Db& db, const CaseFilter& f);
// How SQLite means to find the cases `f` selects: the detail lines of
// EXPLAIN QUERY PLAN for the inbox's count (tests and operators).
Result<std::vector<std::string>> case_list_plan(Db& db, const CaseFilter& f);

// Open cases with the same place or micro-grid and category created since `since`.
Result<std::vector<CaseRecord>> find_duplicates(Db& db, std::optional<Id> place_id,
                                                std::optional<Id> grid_id, Id category_id,
                                                Seconds since, std::optional<Id> exclude);

// Open cases whose current stage deadline passed before `now` and whose lapse
// has not been handled yet (lapse_handled_at differs from stage_due_at).
Result<std::vector<Id>> lapsed_cases(Db& db, Seconds now, int limit);
// Parked cases whose review time has come.
Result<std::vector<Id>> parked_due(Db& db, Seconds now, int limit);

// Compact facts for metrics under the same filter (pagination ignored).
Result<std::vector<CaseFact>> case_facts(Db& db, const CaseFilter& f);

// The rate counts of the cases under `f`, summed from the rollup table
// case_rollup (kept by triggers, migration 0007) instead of the cases: a few
// rows per day and grid, community or the whole database. Answers only
// filters made of grids, communities and local-midnight (UTC+8) created_from /
// created_to; yields nullopt for any other filter (the caller scans instead,
// compute_metrics over case_facts, which gives the same counts).
Result<std::optional<RateCounts>> rollup_rate_counts(Db& db, const CaseFilter& f);

// The one statement rollup_rate_counts() runs for `f`; nullopt when the
// rollup cannot answer `f`. Its key() names the answer: two filters with the
// same key have the same counts in any one snapshot (a cache's key).
struct RollupQuery {
  std::string sql;
  Params params;
  std::string key() const;
};
std::optional<RollupQuery> rollup_query(const CaseFilter& f);
Result<RateCounts> run_rollup_query(Db& db, const RollupQuery& q);

struct Attachment {
  Id id = 0;
  Id case_id = 0;
  std::optional<Id> event_id;
  std::string content_type;
  std::int64_t size = 0;
  std::string sha256;
  std::string stored_name;
  std::string original_name;
  Seconds created_at = 0;
};
Result<Id> insert_attachment(Db& db, const Attachment& a);
Result<Attachment> get_attachment(Db& db, Id id);
Result<std::vector<Attachment>> attachments_of(Db& db, Id case_id);

struct MediationSession {
  Id id = 0;
  Seconds at = 0;
  std::string place;
  std::string summary;
};
struct Mediation {
  Id case_id = 0;
  std::optional<Id> mediator_person_id;
  std::string parties = "[]";  // JSON
  std::string agreement;
  std::string signed_by = "[]";  // JSON array of party indexes
  std::optional<Seconds> signed_at, follow_up_at;
  std::string follow_up_note;
  std::vector<MediationSession> sessions;
};
Result<std::optional<Mediation>> get_mediation(Db& db, Id case_id);
Status save_mediation(Db& db, const Mediation& m);  // upsert, sessions not touched
Result<Id> add_mediation_session(Db& db, Id case_id, const MediationSession& s);

}  // namespace weige::store
