#include "store/case_store.h"

#include <algorithm>
#include <map>
#include <queue>
#include <set>

#include <nlohmann/json.hpp>

#include "domain/work_calendar.h"
#include "store/sql_util.h"

namespace weige::store {
namespace {

// A case is open unless it is in one of these (domain/case.h, is_open); the
// index of open cases (migration 0011) is partial on exactly this term.
constexpr const char* kOpenStateTerm = "state NOT IN ('rejected','closed','rated','merged')";
constexpr std::size_t kOpenStateCount = static_cast<std::size_t>(CaseState::kMerged) + 1 - 4;

Value opt_seconds(const std::optional<Seconds>& s) { return s ? Value(*s) : Value(nullptr); }
std::optional<Seconds> secs(const Row& r, std::size_t i) { return r.opt_i64(i); }

// ---- categories ----

constexpr const char* kCategoryColumns =
    "id, code, parent_id, name_zh, name_en, pinyin, icon, level, path, needs_verification, "
    "accept_hours, dispatch_hours, resolve_hours, verify_hours, emergency_only, enabled";

Category category_from(const Row& r) {
  Category c;
  c.id = r.i64(0);
  c.code = r.text(1);
  c.parent_id = r.opt_i64(2);
  c.name_zh = r.text(3);
  c.name_en = r.text(4);
  c.pinyin = r.text(5);
  c.icon = r.text(6);
  c.level = parse_case_level(r.text(7)).value_or(CaseLevel::kSmall);
  c.path = parse_handler_kind(r.text(8)).value_or(HandlerKind::kCommunity);
  c.needs_verification = r.i64(9) != 0;
  c.accept_hours = r.f64(10);
  c.dispatch_hours = r.f64(11);
  c.resolve_hours = r.f64(12);
  c.verify_hours = r.f64(13);
  c.emergency_only = r.i64(14) != 0;
  c.enabled = r.i64(15) != 0;
  return c;
}

Params category_params(const Category& c) {
  return {c.code, opt(c.parent_id), c.name_zh, c.name_en, c.pinyin, c.icon,
          std::string(to_string(c.level)), std::string(to_string(c.path)),
          static_cast<std::int64_t>(c.needs_verification), c.accept_hours, c.dispatch_hours,
          c.resolve_hours, c.verify_hours, static_cast<std::int64_t>(c.emergency_only),
          static_cast<std::int64_t>(c.enabled)};
}

// ---- routing rules ----

constexpr const char* kRuleColumns =
    "id, priority, category_id, level, community_id, grid_id, weekday_mask, hour_from, hour_to, "
    "requires_property_contract, handler, organisation_id, note, enabled";

RoutingRule rule_from(const Row& r) {
  RoutingRule x;
  x.id = r.i64(0);
  x.priority = static_cast<int>(r.i64(1));
  x.category_id = r.opt_i64(2);
  if (!r.is_null(3)) x.level = parse_case_level(r.text(3));
  x.community_id = r.opt_i64(4);
  x.grid_id = r.opt_i64(5);
  x.weekday_mask = static_cast<int>(r.i64(6));
  if (!r.is_null(7)) x.hour_from = static_cast<int>(r.i64(7));
  if (!r.is_null(8)) x.hour_to = static_cast<int>(r.i64(8));
  x.requires_property_contract = r.i64(9) != 0;
  x.handler = parse_handler_kind(r.text(10)).value_or(HandlerKind::kCommunity);
  x.organisation_id = r.opt_i64(11);
  x.note = r.text(12);
  x.enabled = r.i64(13) != 0;
  return x;
}

Params rule_params(const RoutingRule& r) {
  return {static_cast<std::int64_t>(r.priority), opt(r.category_id),
          r.level ? Value(std::string(to_string(*r.level))) : Value(nullptr), opt(r.community_id),
          opt(r.grid_id), static_cast<std::int64_t>(r.weekday_mask),
          r.hour_from ? Value(static_cast<std::int64_t>(*r.hour_from)) : Value(nullptr),
          r.hour_to ? Value(static_cast<std::int64_t>(*r.hour_to)) : Value(nullptr),
          static_cast<std::int64_t>(r.requires_property_contract), std::string(to_string(r.handler)),
          opt(r.organisation_id), r.note, static_cast<std::int64_t>(r.enabled)};
}

// ---- cases ----

constexpr const char* kCaseColumns =
    "id, tracking_token, channel, category_id, level, description, place_id, compound_id, lng, lat, "
    "address_sealed, grid_id, community_id, reporter_person_id, reporter_name_sealed, "
    "reporter_phone_sealed, reporter_phone_index, on_behalf_of, anonymous, state, handler, "
    "handler_org_id, handler_person_id, routing_rule_id, routing_explanation, "
    "joint_with_community, emergency, needs_verification, stage, stage_started_at, stage_due_at, "
    "stage_warn_at, lapse_handled_at, extension_pending, extension_hours, accept_due_at, "
    "responded_at, resolve_due_at, first_resolved_at, resolved_at, resolver_person_id, "
    "settled_level, closed_at, rating, rating_comment, reopen_count, escalation_count, review_at, "
    "merged_into, created_at, updated_at, handling_level, emergency_id";

CaseRecord case_from(const Row& r) {
  CaseRecord c;
  c.id = r.i64(0);
  c.tracking_token = r.text(1);
  c.channel = parse_channel(r.text(2)).value_or(Channel::kWalkIn);
  c.category_id = r.i64(3);
  c.level = parse_case_level(r.text(4)).value_or(CaseLevel::kSmall);
  c.description = r.text(5);
  c.place_id = r.opt_i64(6);
  c.compound_id = r.opt_i64(7);
  if (!r.is_null(8) && !r.is_null(9)) c.location = Point{r.f64(8), r.f64(9)};
  c.address_sealed = r.text(10);
  c.grid_id = r.opt_i64(11);
  c.community_id = r.opt_i64(12);
  c.reporter_person_id = r.opt_i64(13);
  c.reporter_name_sealed = r.text(14);
  c.reporter_phone_sealed = r.text(15);
  c.reporter_phone_index = r.text(16);
  c.on_behalf_of = r.i64(17) != 0;
  c.anonymous = r.i64(18) != 0;
  c.state = parse_case_state(r.text(19)).value_or(CaseState::kReported);
  c.handler = parse_handler_kind(r.text(20)).value_or(HandlerKind::kCommunity);
  c.handler_org_id = r.opt_i64(21);
  c.handler_person_id = r.opt_i64(22);
  c.routing_rule_id = r.opt_i64(23);
  c.routing_explanation = r.text(24);
  c.joint_with_community = r.i64(25) != 0;
  c.emergency = r.i64(26) != 0;
  c.needs_verification = r.i64(27) != 0;
  c.stage = r.text(28);
  c.stage_started_at = secs(r, 29);
  c.stage_due_at = secs(r, 30);
  c.stage_warn_at = secs(r, 31);
  c.lapse_handled_at = secs(r, 32);
  c.extension_pending = r.i64(33) != 0;
  c.extension_hours = r.opt_f64(34);
  c.accept_due_at = secs(r, 35);
  c.responded_at = secs(r, 36);
  c.resolve_due_at = secs(r, 37);
  c.first_resolved_at = secs(r, 38);
  c.resolved_at = secs(r, 39);
  c.resolver_person_id = r.opt_i64(40);
  if (!r.is_null(41)) c.settled_level = static_cast<HandlingLevel>(r.i64(41));
  c.closed_at = secs(r, 42);
  if (!r.is_null(43)) c.rating = parse_rating(r.text(43));
  c.rating_comment = r.text(44);
  c.reopen_count = static_cast<int>(r.i64(45));
  c.escalation_count = static_cast<int>(r.i64(46));
  c.review_at = secs(r, 47);
  c.merged_into = r.opt_i64(48);
  c.created_at = r.i64(49);
  c.updated_at = r.i64(50);
  c.emergency_id = r.opt_i64(52);
  return c;
}

Params case_params(const CaseRecord& c) {
  return {c.tracking_token,
          std::string(to_string(c.channel)),
          c.category_id,
          std::string(to_string(c.level)),
          c.description,
          opt(c.place_id),
          opt(c.compound_id),
          c.location ? Value(c.location->lng) : Value(nullptr),
          c.location ? Value(c.location->lat) : Value(nullptr),
          blob_or_null(c.address_sealed),
          opt(c.grid_id),
          opt(c.community_id),
          opt(c.reporter_person_id),
          blob_or_null(c.reporter_name_sealed),
          blob_or_null(c.reporter_phone_sealed),
          text_or_null(c.reporter_phone_index),
          static_cast<std::int64_t>(c.on_behalf_of),
          static_cast<std::int64_t>(c.anonymous),
          std::string(to_string(c.state)),
          std::string(to_string(c.handler)),
          opt(c.handler_org_id),
          opt(c.handler_person_id),
          opt(c.routing_rule_id),
          c.routing_explanation,
          static_cast<std::int64_t>(c.joint_with_community),
          static_cast<std::int64_t>(c.emergency),
          static_cast<std::int64_t>(c.needs_verification),
          text_or_null(c.stage),
          opt_seconds(c.stage_started_at),
          opt_seconds(c.stage_due_at),
          opt_seconds(c.stage_warn_at),
          opt_seconds(c.lapse_handled_at),
          static_cast<std::int64_t>(c.extension_pending),
          opt(c.extension_hours),
          opt_seconds(c.accept_due_at),
          opt_seconds(c.responded_at),
          opt_seconds(c.resolve_due_at),
          opt_seconds(c.first_resolved_at),
          opt_seconds(c.resolved_at),
          opt(c.resolver_person_id),
          c.settled_level ? Value(static_cast<std::int64_t>(*c.settled_level)) : Value(nullptr),
          opt_seconds(c.closed_at),
          c.rating ? Value(std::string(to_string(*c.rating))) : Value(nullptr),
          c.rating_comment,
          static_cast<std::int64_t>(c.reopen_count),
          static_cast<std::int64_t>(c.escalation_count),
          opt_seconds(c.review_at),
          opt(c.merged_into),
          c.created_at,
          c.updated_at,
          static_cast<std::int64_t>(level_of(c.handler)),
          opt(c.emergency_id)};
}

// WHERE clause for a CaseFilter; appends to params.
std::size_t utf8_length(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char ch : s) n += (ch & 0xC0) != 0x80;
  return n;
}

// "Description contains text": the trigram index finds 3+ character
// substrings; it cannot look for fewer, so those scan with LIKE (also
// case-insensitive, for ASCII). Within a list of grids (a scope), the grids'
// index drives and the matches are only a set to test against ("+id" keeps
// SQLite from fetching every match's row, most of them outside the grids).
std::string text_condition(const std::string& text, bool within_grids, Params& p) {
  if (utf8_length(text) >= 3) {
    std::string phrase = "\"";
    for (char ch : text) phrase += ch == '"' ? std::string("\"\"") : std::string(1, ch);
    p.emplace_back(phrase + "\"");
    p.emplace_back(text);
    // Cases still queued for the index (migration 0009) are matched by their
    // text (the queue drives: CROSS JOIN keeps SQLite from scanning the cases);
    // the trigram index folds case, lower() folds ASCII.
    return std::string(" AND ") + (within_grids ? "+id" : "id") +
           " IN (SELECT rowid FROM cases_fts WHERE cases_fts MATCH ? UNION ALL SELECT q.case_id FROM "
           "cases_fts_pending q CROSS JOIN cases qc ON qc.id = q.case_id WHERE instr(lower(qc.description), lower(?)) > 0)";
  }
  std::string pattern = "%";
  for (char ch : text) {
    if (ch == '%' || ch == '_' || ch == '\\') pattern += '\\';
    pattern += ch;
  }
  p.emplace_back(pattern + "%");
  return " AND description LIKE ? ESCAPE '\\'";
}

std::string where_of(const CaseFilter& f, Params& p) {
  std::string w = " WHERE 1=1";
  if (!f.states.empty()) {
    // Open states only: the term of the index of open cases (migration
    // 0011), written as that index writes it, so the planner may use it.
    std::set<CaseState> asked(f.states.begin(), f.states.end());
    bool all_open = std::all_of(asked.begin(), asked.end(), is_open);
    if (all_open) w += std::string(" AND ") + kOpenStateTerm;
    if (!all_open || asked.size() < kOpenStateCount) {
      w += " AND state IN " + in_list(f.states.size());
      for (auto s : f.states) p.emplace_back(std::string(to_string(s)));
    }
  }
  if (!f.category_ids.empty()) {
    w += " AND category_id IN " + in_list(f.category_ids.size());
    for (Id id : f.category_ids) p.emplace_back(id);
  }
  if (f.level) {
    w += " AND level = ?";
    p.emplace_back(std::string(to_string(*f.level)));
  }
  if (f.channel) {
    w += " AND channel = ?";
    p.emplace_back(std::string(to_string(*f.channel)));
  }
  if (!f.grid_ids.empty()) {
    w += " AND grid_id IN " + in_list(f.grid_ids.size());
    for (Id id : f.grid_ids) p.emplace_back(id);
  }
  if (f.community_id) {
    w += " AND community_id = ?";
    p.emplace_back(*f.community_id);
  }
  if (!f.community_ids.empty()) {
    w += " AND community_id IN " + in_list(f.community_ids.size());
    for (Id id : f.community_ids) p.emplace_back(id);
  }
  if (f.handler_person_id) {
    w += " AND handler_person_id = ?";
    p.emplace_back(*f.handler_person_id);
  }
  if (f.handler) {
    w += " AND handler = ?";
    p.emplace_back(std::string(to_string(*f.handler)));
  }
  if (f.handler_org_id) {
    w += " AND handler_org_id = ?";
    p.emplace_back(*f.handler_org_id);
  }
  if (!f.police_categories.empty()) {
    w += " AND (handler = 'police' OR category_id IN " + in_list(f.police_categories.size()) + ")";
    for (Id id : f.police_categories) p.emplace_back(id);
  }
  if (f.reporter_person_id) {
    w += " AND reporter_person_id = ?";
    p.emplace_back(*f.reporter_person_id);
  }
  if (!f.reporter_phone_index.empty()) {
    w += " AND reporter_phone_index = ?";
    p.emplace_back(f.reporter_phone_index);
  }
  if (f.created_from) {
    w += " AND created_at >= ?";
    p.emplace_back(*f.created_from);
  }
  if (f.created_to) {
    w += " AND created_at < ?";
    p.emplace_back(*f.created_to);
  }
  if (f.overdue_at) {
    w += std::string(" AND ") + kOpenStateTerm + " AND stage_due_at < ?";
    p.emplace_back(*f.overdue_at);
  }
  if (f.emergency) {
    w += " AND emergency = ?";
    p.emplace_back(static_cast<std::int64_t>(*f.emergency));
  }
  if (!f.text.empty()) w += text_condition(f.text, !f.grid_ids.empty(), p);
  return w;
}

}  // namespace

Result<std::vector<Category>> list_categories(Db& db) {
  std::vector<Category> out;
  WEIGE_TRY(db.query(std::string("SELECT ") + kCategoryColumns + " FROM categories ORDER BY id", {},
                     [&](const Row& r) { out.push_back(category_from(r)); }));
  return out;
}

Result<Category> get_category(Db& db, Id id) {
  WEIGE_ASSIGN(auto r, db.row(std::string("SELECT ") + kCategoryColumns + " FROM categories WHERE id = ?", {id}));
  if (!r) return Status::not_found("category " + std::to_string(id) + " does not exist", {{"category_id", id}});
  return category_from(*r);
}

Result<Id> insert_category(Db& db, const Category& c) {
  Params p = category_params(c);
  p.insert(p.begin(), c.id ? Value(c.id) : Value(nullptr));
  return db.scalar(std::string("INSERT INTO categories (") + kCategoryColumns +
                       ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
                   p);
}

Status update_category(Db& db, const Category& c) {
  Params p = category_params(c);
  p.push_back(c.id);
  WEIGE_ASSIGN(auto n, db.execute("UPDATE categories SET code=?, parent_id=?, name_zh=?, name_en=?, pinyin=?, "
                                  "icon=?, level=?, path=?, needs_verification=?, accept_hours=?, "
                                  "dispatch_hours=?, resolve_hours=?, verify_hours=?, emergency_only=?, "
                                  "enabled=? WHERE id = ?",
                                  p));
  if (n == 0) return Status::not_found("category " + std::to_string(c.id) + " does not exist");
  return {};
}

Result<std::vector<Id>> category_path(Db& db, Id id) {
  std::vector<Id> out;
  WEIGE_TRY(db.query("WITH RECURSIVE up(id, parent_id, depth) AS (SELECT id, parent_id, 0 FROM categories "
                     "WHERE id = ? UNION ALL SELECT c.id, c.parent_id, up.depth + 1 FROM categories c "
                     "JOIN up ON c.id = up.parent_id WHERE up.depth < 8) SELECT id FROM up ORDER BY depth",
                     {id}, [&](const Row& r) { out.push_back(r.i64(0)); }));
  return out;
}

Result<std::vector<Id>> category_subtree(Db& db, Id id) {
  std::vector<Id> out;
  WEIGE_TRY(db.query("WITH RECURSIVE sub(id) AS (SELECT ? UNION ALL SELECT c.id FROM categories c JOIN sub "
                     "ON c.parent_id = sub.id) SELECT id FROM sub",
                     {id}, [&](const Row& r) { out.push_back(r.i64(0)); }));
  return out;
}

Result<std::vector<RoutingRule>> list_routing_rules(Db& db) {
  std::vector<RoutingRule> out;
  WEIGE_TRY(db.query(std::string("SELECT ") + kRuleColumns + " FROM routing_rules ORDER BY priority DESC, id", {},
                     [&](const Row& r) { out.push_back(rule_from(r)); }));
  return out;
}

Result<Id> insert_routing_rule(Db& db, const RoutingRule& r) {
  Params p = rule_params(r);
  p.insert(p.begin(), r.id ? Value(r.id) : Value(nullptr));
  return db.scalar(std::string("INSERT INTO routing_rules (") + kRuleColumns +
                       ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
                   p);
}

Status update_routing_rule(Db& db, const RoutingRule& r) {
  Params p = rule_params(r);
  p.push_back(r.id);
  WEIGE_ASSIGN(auto n, db.execute("UPDATE routing_rules SET priority=?, category_id=?, level=?, community_id=?, "
                                  "grid_id=?, weekday_mask=?, hour_from=?, hour_to=?, "
                                  "requires_property_contract=?, handler=?, organisation_id=?, note=?, "
                                  "enabled=? WHERE id = ?",
                                  p));
  if (n == 0) return Status::not_found("routing rule " + std::to_string(r.id) + " does not exist");
  return {};
}

Status delete_routing_rule(Db& db, Id id) {
  WEIGE_ASSIGN(auto n, db.execute("DELETE FROM routing_rules WHERE id = ?", {id}));
  if (n == 0) return Status::not_found("routing rule " + std::to_string(id) + " does not exist");
  return {};
}

Result<WorkCalendar> load_calendar(Db& db) {
  WorkCalendar cal;
  WEIGE_TRY(db.query("SELECT day, kind FROM calendar_days", {}, [&](const Row& r) {
    if (auto d = parse_day(r.text(0))) cal.set_day(*d, r.text(1) == "holiday" ? DayKind::kHoliday : DayKind::kWorkday);
  }));
  return cal;
}

Result<std::vector<CalendarDay>> list_calendar_days(Db& db) {
  std::vector<CalendarDay> out;
  WEIGE_TRY(db.query("SELECT day, kind, note FROM calendar_days ORDER BY day", {},
                     [&](const Row& r) { out.push_back({r.text(0), r.text(1), r.text(2)}); }));
  return out;
}

Status set_calendar_day(Db& db, const CalendarDay& d) {
  return db
      .execute("INSERT INTO calendar_days (day, kind, note) VALUES (?, ?, ?) ON CONFLICT (day) DO UPDATE SET "
               "kind = excluded.kind, note = excluded.note",
               {d.day, d.kind, d.note})
      .status();
}

Status delete_calendar_day(Db& db, const std::string& day) {
  WEIGE_ASSIGN(auto n, db.execute("DELETE FROM calendar_days WHERE day = ?", {day}));
  if (n == 0) return Status::not_found("no calendar entry for " + day);
  return {};
}

Result<std::optional<Id>> property_company_of(Db& db, Id place_id) {
  // The place itself, or its nearest ancestor with a contract.
  WEIGE_ASSIGN(auto r, db.row("WITH RECURSIVE up(id, parent_id, depth) AS (SELECT id, parent_id, 0 FROM places "
                              "WHERE id = ? UNION ALL SELECT p.id, p.parent_id, up.depth + 1 FROM places p "
                              "JOIN up ON p.id = up.parent_id WHERE up.depth < 8) SELECT pc.organisation_id "
                              "FROM up JOIN property_contracts pc ON pc.place_id = up.id ORDER BY up.depth "
                              "LIMIT 1",
                              {place_id}));
  if (!r) return std::optional<Id>();
  return std::optional<Id>(r->i64(0));
}

Status set_property_contract(Db& db, Id place_id, Id organisation_id) {
  return db
      .execute("INSERT INTO property_contracts (place_id, organisation_id) VALUES (?, ?) ON CONFLICT (place_id) "
               "DO UPDATE SET organisation_id = excluded.organisation_id",
               {place_id, organisation_id})
      .status();
}

Status index_pending_cases(Db& db) {
  WEIGE_ASSIGN(auto any, db.scalar("SELECT EXISTS (SELECT 1 FROM cases_fts_pending)"));
  if (!any) return {};
  WEIGE_TRY(db.execute("INSERT INTO cases_fts (rowid, description) SELECT c.id, c.description FROM cases_fts_pending q "
                       "JOIN cases c ON c.id = q.case_id ORDER BY q.case_id",
                       {})
                .status());
  return db.execute("DELETE FROM cases_fts_pending", {}).status();
}

Result<Id> insert_case(Db& db, const CaseRecord& c) {
  Params p = case_params(c);
  p.insert(p.begin(), c.id ? Value(c.id) : Value(nullptr));
  std::string marks = "?";
  for (std::size_t i = 1; i < p.size(); ++i) marks += ",?";
  return db.scalar(std::string("INSERT INTO cases (") + kCaseColumns + ") VALUES (" + marks + ") RETURNING id", p);
}

Status update_case(Db& db, const CaseRecord& c) {
  static const std::string sql = [] {
    std::string cols = kCaseColumns;
    std::string set;
    std::size_t pos = cols.find(", ") + 2;  // skip id
    while (pos < cols.size()) {
      std::size_t next = cols.find(", ", pos);
      std::string col = cols.substr(pos, next == std::string::npos ? std::string::npos : next - pos);
      set += (set.empty() ? "" : ", ") + col + " = ?";
      if (next == std::string::npos) break;
      pos = next + 2;
    }
    return "UPDATE cases SET " + set + " WHERE id = ?";
  }();
  Params p = case_params(c);
  p.push_back(c.id);
  WEIGE_ASSIGN(auto n, db.execute(sql, p));
  if (n == 0) return Status::not_found("case " + std::to_string(c.id) + " does not exist");
  return {};
}

Result<CaseRecord> get_case(Db& db, Id id) {
  WEIGE_ASSIGN(auto r, db.row(std::string("SELECT ") + kCaseColumns + " FROM cases WHERE id = ?", {id}));
  if (!r) return Status::not_found("case " + std::to_string(id) + " does not exist", {{"case_id", id}});
  return case_from(*r);
}

Result<std::optional<CaseRecord>> find_case_by_token(Db& db, const std::string& token) {
  WEIGE_ASSIGN(auto r, db.row(std::string("SELECT ") + kCaseColumns + " FROM cases WHERE tracking_token = ?", {token}));
  if (!r) return std::optional<CaseRecord>();
  return std::optional<CaseRecord>(case_from(*r));
}

Result<Id> append_event(Db& db, const CaseEvent& e) {
  return db.scalar(
      "INSERT INTO case_events (case_id, at, action, from_state, to_state, actor_role, actor_person_id, note, "
      "data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {e.case_id, e.at, e.action, e.from_state ? Value(std::string(to_string(*e.from_state))) : Value(nullptr),
       std::string(to_string(e.to_state)), e.actor_role, opt(e.actor_person_id), e.note, e.data});
}

Result<std::vector<CaseEvent>> events_of(Db& db, Id case_id) {
  std::vector<CaseEvent> out;
  WEIGE_TRY(db.query("SELECT id, case_id, at, action, from_state, to_state, actor_role, actor_person_id, note, data "
                     "FROM case_events WHERE case_id = ? ORDER BY id",
                     {case_id}, [&](const Row& r) {
                       CaseEvent e;
                       e.id = r.i64(0);
                       e.case_id = r.i64(1);
                       e.at = r.i64(2);
                       e.action = r.text(3);
                       if (!r.is_null(4)) e.from_state = parse_case_state(r.text(4));
                       e.to_state = parse_case_state(r.text(5)).value_or(CaseState::kReported);
                       e.actor_role = r.text(6);
                       e.actor_person_id = r.opt_i64(7);
                       e.note = r.text(8);
                       e.data = r.text(9);
                       out.push_back(std::move(e));
                     }));
  return out;
}

namespace {

// A page sorted by creation time, and the total, from one walk of the
// matches' (id, created_at), keeping the first offset+limit in a heap.
// SQLite would walk the matches twice (count, then page) and put every one
// through a temporary b-tree to sort it: at the city tier the ids of an inbox
// page then cost more than the rest of the request (docs/decisions.md).
Result<std::pair<std::int64_t, std::vector<Id>>> page_by_created(Db& db, const CaseFilter& f,
                                                                  const std::string& where, const Params& p) {
  using Key = std::pair<std::int64_t, Id>;  // (created_at, id)
  const bool newest = f.sort != "created_at";
  auto before = [newest](const Key& a, const Key& b) { return newest ? a > b : a < b; };
  const auto keep = static_cast<std::size_t>(std::max(0, f.offset) + std::max(0, f.limit));
  // The top is the last of the kept keys, the first to give way.
  std::priority_queue<Key, std::vector<Key>, decltype(before)> kept(before);
  std::int64_t total = 0;
  WEIGE_TRY(db.query("SELECT created_at, id FROM cases" + where, p, [&](const Row& r) {
    ++total;
    Key k{r.i64(0), r.i64(1)};
    if (kept.size() < keep) {
      kept.push(k);
    } else if (keep > 0 && before(k, kept.top())) {
      kept.pop();
      kept.push(k);
    }
  }));
  std::vector<Id> ids(kept.size());
  for (auto i = ids.size(); i-- > 0; kept.pop()) ids[i] = kept.top().second;
  auto skip = std::min(ids.size(), static_cast<std::size_t>(std::max(0, f.offset)));
  ids.erase(ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(skip));
  return std::pair{total, std::move(ids)};
}

}  // namespace

Result<CasePage> list_cases(Db& db, const CaseFilter& f) {
  Params p;
  std::string where = where_of(f, p);
  CasePage page;
  if (f.sort != "due" && f.sort != "-due") {
    WEIGE_ASSIGN(auto found, page_by_created(db, f, where, p));
    page.total = found.first;
    if (found.second.empty()) return page;
    std::map<Id, std::size_t> at;
    Params ids;
    for (std::size_t i = 0; i < found.second.size(); ++i) {
      at[found.second[i]] = i;
      ids.emplace_back(found.second[i]);
    }
    std::vector<std::optional<CaseRecord>> rows(found.second.size());
    WEIGE_TRY(db.query(std::string("SELECT ") + kCaseColumns + " FROM cases WHERE id IN " + in_list(ids.size()), ids,
                       [&](const Row& r) {
                         CaseRecord c = case_from(r);
                         rows[at.at(c.id)] = std::move(c);
                       }));
    for (auto& c : rows) {
      if (c) page.items.push_back(std::move(*c));
    }
    return page;
  }
  WEIGE_ASSIGN(page.total, db.scalar("SELECT count(*) FROM cases" + where, p));
  std::string order = "stage_due_at IS NULL, stage_due_at, id";
  if (f.sort == "-due") order = "stage_due_at DESC, id DESC";
  p.emplace_back(static_cast<std::int64_t>(f.limit));
  p.emplace_back(static_cast<std::int64_t>(f.offset));
  // The page is cut from the ids first (a covering index serves the usual
  // filters), then only its rows are read: sorting whole rows of every match
  // cost most of an inbox page at the city tier (docs/decisions.md).
  WEIGE_TRY(db.query(std::string("SELECT ") + kCaseColumns + " FROM cases WHERE id IN (SELECT id FROM cases" + where +
                         " ORDER BY " + order + " LIMIT ? OFFSET ?) ORDER BY " + order,
                     p, [&](const Row& r) { page.items.push_back(case_from(r)); }));
  return page;
}

Result<std::vector<std::string>> case_list_plan(Db& db, const CaseFilter& f) {
  Params p;
  std::string where = where_of(f, p);
  std::vector<std::string> out;
  WEIGE_TRY(db.query("EXPLAIN QUERY PLAN SELECT count(*) FROM cases" + where, p,
                     [&](const Row& r) { out.push_back(r.text(3)); }));
  return out;
}

Result<std::vector<CaseRecord>> find_duplicates(Db& db, std::optional<Id> place_id, std::optional<Id> grid_id,
                                                Id category_id, Seconds since, std::optional<Id> exclude) {
  std::vector<CaseRecord> out;
  std::string sql = std::string("SELECT ") + kCaseColumns +
                    " FROM cases WHERE category_id = ? AND created_at >= ? AND " + kOpenStateTerm +
                    " AND (place_id = ? OR (? IS NULL AND grid_id = ?)) "
                    "AND id <> ? ORDER BY created_at DESC LIMIT 10";
  WEIGE_TRY(db.query(sql,
                     {category_id, since, opt(place_id), opt(place_id), opt(grid_id),
                      exclude ? Value(*exclude) : Value(std::int64_t{0})},
                     [&](const Row& r) { out.push_back(case_from(r)); }));
  return out;
}

Result<std::vector<Id>> lapsed_cases(Db& db, Seconds now, int limit) {
  std::vector<Id> out;
  WEIGE_TRY(db.query("SELECT id FROM cases WHERE state IN ('reported','accepted','dispatched','in_progress') "
                     "AND stage_due_at < ? AND (lapse_handled_at IS NULL OR lapse_handled_at <> stage_due_at) "
                     "ORDER BY stage_due_at LIMIT ?",
                     {now, static_cast<std::int64_t>(limit)}, [&](const Row& r) { out.push_back(r.i64(0)); }));
  return out;
}

Result<std::vector<Id>> parked_due(Db& db, Seconds now, int limit) {
  std::vector<Id> out;
  WEIGE_TRY(db.query("SELECT id FROM cases WHERE state = 'parked' AND review_at <= ? ORDER BY review_at LIMIT ?",
                     {now, static_cast<std::int64_t>(limit)}, [&](const Row& r) { out.push_back(r.i64(0)); }));
  return out;
}

Result<std::vector<CaseFact>> case_facts(Db& db, const CaseFilter& f) {
  Params p;
  std::string where = where_of(f, p);
  std::vector<CaseFact> out;
  WEIGE_TRY(db.query("SELECT id, state, category_id, coalesce(compound_id, place_id), handler_person_id, created_at, "
                     "responded_at, accept_due_at, first_resolved_at, resolve_due_at, closed_at, stage_due_at, "
                     "settled_level, rating FROM cases" +
                         where,
                     p, [&](const Row& r) {
                       CaseFact x;
                       x.id = r.i64(0);
                       x.state = parse_case_state(r.text(1)).value_or(CaseState::kReported);
                       x.category_id = r.i64(2);
                       x.place_id = r.opt_i64(3);
                       x.handler_person_id = r.opt_i64(4);
                       x.created_at = r.i64(5);
                       x.responded_at = r.opt_i64(6);
                       x.accept_due = r.opt_i64(7);
                       x.resolved_at = r.opt_i64(8);
                       x.resolve_due = r.opt_i64(9);
                       x.closed_at = r.opt_i64(10);
                       x.stage_due = r.opt_i64(11);
                       if (!r.is_null(12)) x.settled_level = static_cast<HandlingLevel>(r.i64(12));
                       if (!r.is_null(13)) x.rating = parse_rating(r.text(13));
                       out.push_back(x);
                     }));
  return out;
}

std::optional<RollupQuery> rollup_query(const CaseFilter& f) {
  constexpr Seconds kDay = 86400, kLocal = 8 * 3600;
  auto midnight = [&](const std::optional<Seconds>& t) { return !t || (*t + kLocal) % kDay == 0; };
  bool other = !f.states.empty() || !f.category_ids.empty() || f.level || f.channel || f.handler_person_id ||
               f.handler || f.handler_org_id || !f.police_categories.empty() || f.reporter_person_id ||
               !f.reporter_phone_index.empty() || f.overdue_at || f.emergency || !f.text.empty();
  if (other || !midnight(f.created_from) || !midnight(f.created_to)) return std::nullopt;
  Params p;
  std::string where;
  if (!f.grid_ids.empty()) {
    where = " WHERE tier = 2 AND grid_id IN " + in_list(f.grid_ids.size());
    for (Id id : f.grid_ids) p.emplace_back(id);
  } else if (f.community_id || !f.community_ids.empty()) {
    where = " WHERE tier = 1 AND grid_id = 0";
  } else {
    where = " WHERE tier = 0 AND grid_id = 0 AND community_id = 0";
  }
  if (f.community_id) {
    where += " AND community_id = ?";
    p.emplace_back(*f.community_id);
  }
  if (!f.community_ids.empty()) {
    where += " AND community_id IN " + in_list(f.community_ids.size());
    for (Id id : f.community_ids) p.emplace_back(id);
  }
  // Whole months from the month rows (migration 0012), the days around them
  // from the day rows: a year is at most 12 + 60 rows a key, not 365.
  auto day_of = [&](const std::optional<Seconds>& t) -> std::optional<Day> {
    if (!t) return std::nullopt;
    return (*t + kLocal) / kDay;
  };
  MonthCut cut = cut_by_month(day_of(f.created_from), day_of(f.created_to));
  // One statement for every span: each arm reads its rows by the key's
  // index, and the sum is taken once (docs/decisions.md).
  constexpr const char* kCounts =
      "total, open, finished, settled_micro, settled_community, settled_subdistrict, responded, resolved, "
      "resolved_on_time, rated, satisfied";
  std::string arms;
  Params q;
  auto arm = [&](const char* table, const char* column, std::optional<std::int64_t> from,
                 std::optional<std::int64_t> to) {
    if (!arms.empty()) arms += " UNION ALL ";
    arms += std::string("SELECT ") + kCounts + " FROM " + table + where;
    q.insert(q.end(), p.begin(), p.end());
    if (from) {
      arms += std::string(" AND ") + column + " >= ?";
      q.emplace_back(*from);
    }
    if (to) {
      arms += std::string(" AND ") + column + " < ?";
      q.emplace_back(*to);
    }
  };
  for (const DaySpan& span : cut.days) arm("case_rollup", "day", span.from, span.to);
  if (cut.months) arm("case_rollup_month", "month", cut.months->from, cut.months->to);
  if (arms.empty()) return RollupQuery{};  // an empty range: nothing to read
  return RollupQuery{"SELECT coalesce(sum(total), 0), coalesce(sum(open), 0), coalesce(sum(finished), 0), "
                     "coalesce(sum(settled_micro), 0), coalesce(sum(settled_community), 0), "
                     "coalesce(sum(settled_subdistrict), 0), coalesce(sum(responded), 0), "
                     "coalesce(sum(resolved), 0), coalesce(sum(resolved_on_time), 0), coalesce(sum(rated), 0), "
                     "coalesce(sum(satisfied), 0) FROM (" +
                         arms + ")",
                     std::move(q)};
}

std::string RollupQuery::key() const {
  std::string k = sql;
  for (const Value& v : params) {
    k += '|';
    if (const auto* i = std::get_if<std::int64_t>(&v)) k += std::to_string(*i);
  }
  return k;
}

Result<RateCounts> run_rollup_query(Db& db, const RollupQuery& q) {
  RateCounts c{};
  if (q.sql.empty()) return c;
  WEIGE_TRY(db.query(q.sql, q.params, [&](const Row& r) {
    c.total = r.i64(0);
    c.open = r.i64(1);
    c.finished = r.i64(2);
    c.settled_micro = r.i64(3);
    c.settled_community = r.i64(4);
    c.settled_subdistrict = r.i64(5);
    c.responded = r.i64(6);
    c.resolved = r.i64(7);
    c.resolved_on_time = r.i64(8);
    c.rated = r.i64(9);
    c.satisfied = r.i64(10);
  }));
  return c;
}

Result<std::optional<RateCounts>> rollup_rate_counts(Db& db, const CaseFilter& f) {
  auto q = rollup_query(f);
  if (!q) return std::optional<RateCounts>();
  WEIGE_ASSIGN(RateCounts c, run_rollup_query(db, *q));
  return std::optional<RateCounts>(c);
}

Result<Id> insert_attachment(Db& db, const Attachment& a) {
  return db.scalar("INSERT INTO attachments (case_id, event_id, content_type, size, sha256, stored_name, "
                   "original_name, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                   {a.case_id, opt(a.event_id), a.content_type, a.size, a.sha256, a.stored_name, a.original_name,
                    a.created_at});
}

namespace {
Attachment attachment_from(const Row& r) {
  return Attachment{r.i64(0), r.i64(1), r.opt_i64(2), r.text(3), r.i64(4), r.text(5), r.text(6), r.text(7), r.i64(8)};
}
constexpr const char* kAttachmentColumns =
    "id, case_id, event_id, content_type, size, sha256, stored_name, original_name, created_at";
}  // namespace

Result<Attachment> get_attachment(Db& db, Id id) {
  WEIGE_ASSIGN(auto r, db.row(std::string("SELECT ") + kAttachmentColumns + " FROM attachments WHERE id = ?", {id}));
  if (!r) return Status::not_found("attachment " + std::to_string(id) + " does not exist");
  return attachment_from(*r);
}

Result<std::vector<Attachment>> attachments_of(Db& db, Id case_id) {
  std::vector<Attachment> out;
  WEIGE_TRY(db.query(std::string("SELECT ") + kAttachmentColumns + " FROM attachments WHERE case_id = ? ORDER BY id",
                     {case_id}, [&](const Row& r) { out.push_back(attachment_from(r)); }));
  return out;
}

Result<std::optional<Mediation>> get_mediation(Db& db, Id case_id) {
  WEIGE_ASSIGN(auto r, db.row("SELECT case_id, mediator_person_id, parties, agreement, signed_by, signed_at, "
                              "follow_up_at, follow_up_note FROM mediations WHERE case_id = ?",
                              {case_id}));
  if (!r) return std::optional<Mediation>();
  Mediation m;
  m.case_id = r->i64(0);
  m.mediator_person_id = r->opt_i64(1);
  m.parties = r->text(2);
  m.agreement = r->text(3);
  m.signed_by = r->text(4);
  m.signed_at = r->opt_i64(5);
  m.follow_up_at = r->opt_i64(6);
  m.follow_up_note = r->text(7);
  WEIGE_TRY(db.query("SELECT id, at, place, summary FROM mediation_sessions WHERE case_id = ? ORDER BY at, id",
                     {case_id}, [&](const Row& s) {
                       m.sessions.push_back({s.i64(0), s.i64(1), s.text(2), s.text(3)});
                     }));
  return std::optional<Mediation>(std::move(m));
}

Status save_mediation(Db& db, const Mediation& m) {
  return db
      .execute("INSERT INTO mediations (case_id, mediator_person_id, parties, agreement, signed_by, signed_at, "
               "follow_up_at, follow_up_note) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (case_id) DO UPDATE SET "
               "mediator_person_id = excluded.mediator_person_id, parties = excluded.parties, agreement = "
               "excluded.agreement, signed_by = excluded.signed_by, signed_at = excluded.signed_at, follow_up_at = "
               "excluded.follow_up_at, follow_up_note = excluded.follow_up_note",
               {m.case_id, opt(m.mediator_person_id), m.parties, m.agreement, m.signed_by, opt_seconds(m.signed_at),
                opt_seconds(m.follow_up_at), m.follow_up_note})
      .status();
}

Result<Id> add_mediation_session(Db& db, Id case_id, const MediationSession& s) {
  return db.scalar("INSERT INTO mediation_sessions (case_id, at, place, summary) VALUES (?, ?, ?, ?) RETURNING id",
                   {case_id, s.at, s.place, s.summary});
}

}  // namespace weige::store
