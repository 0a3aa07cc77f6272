#include "service/convention_service.h"

#include <algorithm>
#include <set>

#include "store/map_store.h"

namespace weige::service {
namespace {

bool is_convention_kind(const std::string& k) {
  return std::find(std::begin(store::kConventionKinds), std::end(store::kConventionKinds), k) !=
         std::end(store::kConventionKinds);
}

}  // namespace

Status ConventionService::check_sections(const std::vector<store::Section>& sections) {
  if (sections.empty() || sections.size() > 100) {
    return Status::invalid("a version has 1 to 100 sections", {{"field", "sections"}});
  }
  std::set<std::string> keys;
  for (const auto& s : sections) {
    WEIGE_TRY(check_text(s.key, "sections", true, 20));
    WEIGE_TRY(check_text(s.heading, "sections", false, 200));
    WEIGE_TRY(check_text(s.text, "sections", true));
    if (!keys.insert(s.key).second) {
      return Status::invalid("section key '" + s.key + "' is used twice", {{"field", "sections"}});
    }
  }
  return {};
}

Result<store::Convention> ConventionService::visible(const LifeCaller& c, Id convention_id) {
  WEIGE_ASSIGN(store::Convention conv, store::get_convention(db_, convention_id));
  WEIGE_TRY(require_visible(c, conv.grid_id, "convention", convention_id));
  return conv;
}

Result<Id> ConventionService::member_household(const LifeCaller& c, const store::Convention& conv,
                                               std::optional<Id> household) {
  WEIGE_ASSIGN(Id h, acting_household(db_, c, household));
  WEIGE_ASSIGN(auto path, store::place_path(db_, h));
  if (std::find(path.begin(), path.end(), conv.place_id) == path.end()) {
    return Status::violation(
        "household " + std::to_string(h) + " does not lie in the convention's place",
        {{"field", "household_id"}});
  }
  return h;
}

Result<ConventionView> ConventionService::create(const LifeCaller& c, const ConventionInput& in) {
  auto place = store::get_place(db_, in.place_id);
  if (!place && place.status().code() != Code::kNotFound) return place.status();
  // A place outside what the caller sees reads like one that does not exist.
  auto seen_grid = place ? grid_of_place(db_, place->id) : Result<Id>(place.status());
  if (!place || (seen_grid && !c.scope.sees(*seen_grid)))
    return unknown_in_body("place", in.place_id, "place_id");
  if (place->kind != PlaceKind::kCompound && place->kind != PlaceKind::kCommunity) {
    return Status::invalid("a convention belongs to a compound or a community",
                           {{"field", "place_id"}});
  }
  if (!is_convention_kind(in.kind)) {
    return Status::invalid("kind is convention or happiness_declaration", {{"field", "kind"}});
  }
  WEIGE_TRY(check_text(in.title, "title", true, 200));
  WEIGE_TRY(check_sections(in.sections));
  if (in.rule) WEIGE_TRY(validate(*in.rule));
  WEIGE_ASSIGN(Id grid, grid_of_place(db_, place->id));
  WEIGE_TRY(require_managed(c, grid, "grid", grid));
  store::Convention conv;
  conv.place_id = place->id;
  conv.grid_id = grid;
  conv.kind = in.kind;
  conv.title = in.title;
  conv.created_at = clock_();
  WEIGE_ASSIGN(conv.id, store::insert_convention(db_, conv));
  store::ConventionVersion v;
  v.convention_id = conv.id;
  v.sections = in.sections;
  v.note = "first draft";
  if (in.rule) v.rule = *in.rule;
  v.created_at = conv.created_at;
  WEIGE_TRY(store::insert_version(db_, v).status());
  return get(c, conv.id);
}

Result<std::vector<store::Convention>> ConventionService::list(const LifeCaller& c) {
  return store::list_conventions(db_, c.scope.visible_filter());
}

Result<ConventionView> ConventionService::get(const LifeCaller& c, Id convention_id) {
  ConventionView v;
  WEIGE_ASSIGN(v.convention, visible(c, convention_id));
  WEIGE_ASSIGN(v.versions, store::versions_of(db_, convention_id));
  WEIGE_ASSIGN(auto households, store::households_below_place(db_, v.convention.place_id));
  v.households = static_cast<int>(households.size());
  if (v.convention.current_version_id) {
    WEIGE_ASSIGN(v.signed_on, store::count_signons(db_, *v.convention.current_version_id));
    if (c.scope.household_id) {
      WEIGE_ASSIGN(auto mine,
                   db_.scalar("SELECT count(*) FROM convention_signons WHERE version_id = ? AND "
                              "household_id = ?",
                              {*v.convention.current_version_id, *c.scope.household_id}));
      v.my_household_signed = mine > 0;
    }
  }
  return v;
}

Result<VersionView> ConventionService::add_version(const LifeCaller& c, Id convention_id,
                                                   const VersionInput& in) {
  WEIGE_ASSIGN(store::Convention conv, visible(c, convention_id));
  WEIGE_TRY(require_managed(c, conv.grid_id, "convention", convention_id));
  WEIGE_TRY(check_sections(in.sections));
  WEIGE_TRY(check_text(in.note, "note", false));
  if (in.rule) WEIGE_TRY(validate(*in.rule));
  WEIGE_ASSIGN(auto versions, store::versions_of(db_, convention_id));
  for (const auto& v : versions) {
    if (v.state == VersionState::kDraft || v.state == VersionState::kConsultation ||
        v.state == VersionState::kVoting) {
      return Status::conflict(
          "version " + std::to_string(v.number) + " is still " + std::string(to_string(v.state)),
          {{"version_id", v.id}});
    }
  }
  if (in.topic_id) {
    auto t = store::get_topic(db_, *in.topic_id);
    if (!t || !c.scope.sees(t->grid_id)) {
      return Status::invalid("topic " + std::to_string(*in.topic_id) + " does not exist",
                             {{"field", "topic_id"}});
    }
    bool decided = t->state == TopicState::kDecided || t->state == TopicState::kPublished ||
                   t->state == TopicState::kImplementing || t->state == TopicState::kDone;
    if (!decided)
      return Status::conflict("topic " + std::to_string(t->id) + " has not been decided",
                              {{"field", "topic_id"}});
  }
  store::ConventionVersion v;
  v.convention_id = convention_id;
  v.sections = in.sections;
  v.note = in.note;
  v.topic_id = in.topic_id;
  if (in.rule) v.rule = *in.rule;
  v.created_at = clock_();
  WEIGE_ASSIGN(Id id, store::insert_version(db_, v));
  return version(c, id);
}

Result<VersionView> ConventionService::version(const LifeCaller& c, Id version_id) {
  VersionView v;
  WEIGE_ASSIGN(v.version, store::get_version(db_, version_id));
  auto conv = visible(c, v.version.convention_id);
  if (!conv && conv.status().code() != Code::kNotFound) return conv.status();
  if (!conv)
    return Status::not_found("convention version " + std::to_string(version_id) + " does not exist",
                             {{"id", version_id}});
  WEIGE_ASSIGN(v.comments, store::comments_of(db_, store::kVersionSubject, version_id));
  WEIGE_ASSIGN(v.votes, store::count_votes(db_, store::kVersionSubject, version_id));
  v.tally = tally(v.votes, v.version.eligible_households, v.version.rule);
  if (c.scope.household_id) {
    WEIGE_ASSIGN(v.my_vote,
                 store::vote_of(db_, store::kVersionSubject, version_id, *c.scope.household_id));
  }
  return v;
}

Result<VersionView> ConventionService::act(const LifeCaller& c, Id version_id, VersionAction action,
                                           std::optional<VoteRule> rule) {
  WEIGE_ASSIGN(VersionView view, version(c, version_id));
  store::ConventionVersion v = view.version;
  WEIGE_ASSIGN(store::Convention conv, store::get_convention(db_, v.convention_id));
  WEIGE_TRY(require_managed(c, conv.grid_id, "convention", conv.id));
  if (rule && action != VersionAction::kOpenVoting) {
    return Status::invalid("quorum and majority are set when voting opens",
                           {{"field", "quorum_percent"}});
  }
  VersionFacts f{v.state, v.eligible_households, view.votes, rule.value_or(v.rule)};
  if (rule) WEIGE_TRY(validate(*rule));
  if (action == VersionAction::kOpenVoting) {
    WEIGE_ASSIGN(auto households, store::households_below_place(db_, conv.place_id));
    f.eligible_households = static_cast<int>(households.size());
  }
  WEIGE_ASSIGN(VersionState to, decide(f, action, c.actor));
  v.state = to;
  v.rule = f.rule;
  v.eligible_households = f.eligible_households;
  if (action == VersionAction::kCloseVoting) v.decided_at = clock_();
  WEIGE_TRY(store::update_version(db_, v));
  if (to == VersionState::kAdopted) {
    if (conv.current_version_id) {
      WEIGE_ASSIGN(store::ConventionVersion previous,
                   store::get_version(db_, *conv.current_version_id));
      previous.state = VersionState::kSuperseded;
      WEIGE_TRY(store::update_version(db_, previous));
    }
    conv.current_version_id = v.id;
    WEIGE_TRY(store::update_convention(db_, conv));
  }
  return version(c, version_id);
}

Result<VersionView> ConventionService::comment(const LifeCaller& c, Id version_id,
                                               const std::string& section_key,
                                               const std::string& text, std::optional<Id> household,
                                               std::optional<AuthorKind> author) {
  WEIGE_ASSIGN(VersionView view, version(c, version_id));
  WEIGE_TRY(check_text(text, "text", true));
  if (!takes_section_comments(view.version.state)) {
    return Status::conflict("a version that is " + std::string(to_string(view.version.state)) +
                                " takes no more comments",
                            {{"state", to_string(view.version.state)}});
  }
  const auto& sections = view.version.sections;
  if (std::none_of(sections.begin(), sections.end(),
                   [&](const auto& s) { return s.key == section_key; })) {
    return Status::invalid("the version has no section '" + section_key + "'",
                           {{"field", "section_key"}});
  }
  WEIGE_ASSIGN(store::Convention conv, store::get_convention(db_, view.version.convention_id));
  store::Comment cm;
  cm.subject = store::kVersionSubject;
  cm.subject_id = version_id;
  cm.section_key = section_key;
  cm.text = text;
  if (c.is_resident() || household) {
    WEIGE_ASSIGN(cm.household_id, member_household(c, conv, household));
  }
  WEIGE_TRY(add_comment(db_, c, cm, author, clock_()));
  return version(c, version_id);
}

Result<VersionView> ConventionService::vote(const LifeCaller& c, Id version_id, Ballot ballot,
                                            std::optional<Id> household) {
  WEIGE_ASSIGN(VersionView view, version(c, version_id));
  if (view.version.state != VersionState::kVoting) {
    return Status::conflict(
        "a version that is " + std::string(to_string(view.version.state)) + " takes no votes",
        {{"state", to_string(view.version.state)}});
  }
  WEIGE_ASSIGN(store::Convention conv, store::get_convention(db_, view.version.convention_id));
  WEIGE_ASSIGN(Id h, member_household(c, conv, household));
  WEIGE_TRY(store::insert_vote(db_, {0, store::kVersionSubject, version_id, h, c.actor.person_id,
                                     ballot, clock_()})
                .status());
  return version(c, version_id);
}

Result<ConventionView> ConventionService::sign_on(const LifeCaller& c, Id convention_id,
                                                  std::optional<Id> household) {
  WEIGE_ASSIGN(store::Convention conv, visible(c, convention_id));
  if (!conv.current_version_id) {
    return Status::conflict("convention " + std::to_string(convention_id) +
                            " has no adopted version to sign on to");
  }
  WEIGE_ASSIGN(Id h, member_household(c, conv, household));
  WEIGE_TRY(store::insert_signon(db_, *conv.current_version_id, h, c.actor.person_id, clock_()));
  return get(c, convention_id);
}

Result<RatesView> ConventionService::rates(const LifeCaller& c, Id convention_id) {
  // Before the lookup, like every staff-only read: a resident learns nothing of the id.
  if (c.is_resident()) return Status::forbidden("sign-on rates are for staff");
  RatesView r;
  WEIGE_ASSIGN(r.convention, visible(c, convention_id));
  WEIGE_ASSIGN(r.buildings, store::signon_rates(db_, r.convention.current_version_id.value_or(-1),
                                                r.convention.place_id));
  for (const auto& b : r.buildings) {
    r.households += b.households;
    r.signed_on += b.signed_on;
  }
  return r;
}

}  // namespace weige::service
