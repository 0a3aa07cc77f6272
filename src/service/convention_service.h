#pragma once
// Residents' conventions (居民公约) and Happiness Declarations (幸福宣言),
// drafted together: versions of sections, comments on sections by residents,
// tenants, volunteers and the property company, adoption by household vote
// (version_workflow in topic_workflow.h), households signing on to the
// adopted version, and the sign-on rate per building.
//
// A convention belongs to a compound or a community; its households are its
// electorate and its signatories. Managers of its grid run it; residents of
// its place comment, vote and sign for their household.

#include <optional>
#include <string>
#include <vector>

#include "domain/topic_workflow.h"
#include "service/case_service.h"
#include "service/life_scope.h"
#include "store/convention_store.h"
#include "store/deliberation_store.h"

namespace weige::service {

struct ConventionInput {
  Id place_id = 0;                  // a compound or a community
  std::string kind = "convention";  // or happiness_declaration
  std::string title;
  std::vector<store::Section> sections;  // the first draft
  std::optional<VoteRule> rule;
};

struct VersionInput {
  std::vector<store::Section> sections;
  std::string note;
  std::optional<Id> topic_id;  // the decided topic the text comes from
  std::optional<VoteRule> rule;
};

struct VersionView {
  store::ConventionVersion version;
  std::vector<store::Comment> comments;
  VoteCount votes;
  Tally tally;
  std::optional<store::Vote> my_vote;
};

struct ConventionView {
  store::Convention convention;
  std::vector<store::ConventionVersion> versions;
  int households = 0;          // below its place
  std::int64_t signed_on = 0;  // households signed on to the current version
  bool my_household_signed = false;
};

struct RatesView {
  store::Convention convention;
  std::vector<store::BuildingRate> buildings;
  int households = 0;
  int signed_on = 0;
};

class ConventionService {
 public:
  ConventionService(store::Db& db, Clock clock) : db_(db), clock_(std::move(clock)) {}

  Result<ConventionView> create(const LifeCaller& c, const ConventionInput& in);
  Result<std::vector<store::Convention>> list(const LifeCaller& c);
  Result<ConventionView> get(const LifeCaller& c, Id convention_id);
  // A new draft; kConflict while another version is being drafted or voted on.
  Result<VersionView> add_version(const LifeCaller& c, Id convention_id, const VersionInput& in);
  Result<VersionView> version(const LifeCaller& c, Id version_id);
  Result<VersionView> act(const LifeCaller& c, Id version_id, VersionAction action,
                          std::optional<VoteRule> rule);
  Result<VersionView> comment(const LifeCaller& c, Id version_id, const std::string& section_key,
                              const std::string& text, std::optional<Id> household,
                              std::optional<AuthorKind> author);
  Result<VersionView> vote(const LifeCaller& c, Id version_id, Ballot ballot,
                           std::optional<Id> household);
  // kConflict when there is no adopted version or the household signed already.
  Result<ConventionView> sign_on(const LifeCaller& c, Id convention_id,
                                 std::optional<Id> household);
  Result<RatesView> rates(const LifeCaller& c, Id convention_id);

 private:
  Result<store::Convention> visible(const LifeCaller& c, Id convention_id);
  Status check_sections(const std::vector<store::Section>& sections);
  // The household the caller acts for, which must lie below the convention's place.
  Result<Id> member_household(const LifeCaller& c, const store::Convention& conv,
                              std::optional<Id> household);

  store::Db& db_;
  Clock clock_;
};

}  // namespace weige::service
