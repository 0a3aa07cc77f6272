#pragma once
// Every route of the server, by operation id, in one of six classes. The
// scope matrix fails on a route missing here (or here but gone from the
// server), so a new endpoint cannot ship without a place in the matrix.

#include <string>
#include <vector>

namespace weige::testing {

enum class RouteClass {
  kPublic,  // no account needed; reveals nothing scoped (health, categories, QR signs, tracking by
            // token)
  kSelf,    // the caller's own account, session and API tokens
  kGlobal,  // subdistrict-wide configuration and administration
  kById,  // a scoped resource named in the path (bulk dispatch: in the body) scope_matrix_test.cpp
  kByReference,  // creates something under a scoped resource named in the body
                 // scope_matrix_test.cpp
  kList,  // lists and aggregates, filtered to the scope                         scope_list_test.cpp
};

struct ClassifiedRoute {
  std::string operation_id;
  RouteClass cls;
  // A kGlobal route that a role with a limited scope may call: why that is no leak.
  std::string shared_because = "";
};

inline const std::vector<ClassifiedRoute>& classified_routes() {
  using R = RouteClass;
  static const std::vector<ClassifiedRoute> routes{
      {"getHealth", R::kPublic},
      {"getOpenApi", R::kPublic},
      {"login", R::kPublic},
      {"listCategories", R::kPublic},
      {"listCalendarDays", R::kPublic},
      {"locatePoint", R::kPublic},
      {"createPublicReport", R::kPublic},
      {"trackCase", R::kPublic},
      {"rateCase", R::kPublic},
      {"placeQrPng", R::kPublic},
      {"placeQrSvg", R::kPublic},
      {"gridQrPng", R::kPublic},
      {"gridQrSvg", R::kPublic},

      {"logout", R::kSelf},
      {"whoAmI", R::kSelf},
      {"changePassword", R::kSelf},
      {"createApiToken", R::kSelf},
      {"revokeApiToken", R::kSelf},
      {"getMyEmergency", R::kSelf},

      {"listUsers", R::kGlobal},
      {"createUser", R::kGlobal},
      {"resetPassword", R::kGlobal},
      {"disableUser", R::kGlobal},
      {"enableUser", R::kGlobal},
      {"createCategory", R::kGlobal},
      {"updateCategory", R::kGlobal},
      {"listRoutingRules", R::kGlobal,
       "the routing rules are the subdistrict's configuration, the same for every reader of cases"},
      {"createRoutingRule", R::kGlobal},
      {"updateRoutingRule", R::kGlobal},
      {"deleteRoutingRule", R::kGlobal},
      {"setCalendarDay", R::kGlobal},
      {"deleteCalendarDay", R::kGlobal},
      {"verifyAudit", R::kGlobal, "only the chain's verdict and length, nothing of any entry"},
      // Audit entries are not tied to grids: browsing the trail is the subdistrict admin's alone
      // (docs/decisions.md), so no role limited to a community reads about another.
      {"listAudit", R::kGlobal},
      {"getEmergencyRoleMap", R::kGlobal,
       "the role map is the subdistrict's configuration (peacetime role -> emergency role), names "
       "no person or place"},
      {"setEmergencyRole", R::kGlobal},

      {"getGrid", R::kById},
      {"updateGrid", R::kById},
      {"gridPoster", R::kById},
      {"getPlace", R::kById},
      {"updatePlace", R::kById},
      {"setPropertyContract", R::kById},
      {"getHouseholdLinks", R::kById},
      {"getPerson", R::kById},
      {"updatePerson", R::kById},
      {"revealPerson", R::kById},
      {"deleteAssignment", R::kById},
      {"getCase", R::kById},
      {"revealReporter", R::kById},
      {"attachToCase", R::kById},
      {"saveMediation", R::kById},
      {"addMediationSession", R::kById},
      {"actOnCase", R::kById},
      {"bulkDispatchCases", R::kById},
      {"getAttachment", R::kById},
      {"getEmergency", R::kById},
      {"updateEmergency", R::kById},
      {"endEmergency", R::kById},
      {"listEmergencyTeams", R::kById},
      {"addTeamMember", R::kById},
      {"removeTeamMember", R::kById},
      {"setTeamLeader", R::kById},
      {"listScreeningRounds", R::kById},
      {"startScreeningRound", R::kById},
      {"getScreeningProgress", R::kById},
      {"getCoverageMap", R::kById},
      {"listScreeningTasks", R::kById},
      {"recordScreening", R::kById},
      {"listErrands", R::kById},
      {"actOnErrand", R::kById},
      {"getEmergencyReport", R::kById},
      {"getEmergencyReportXlsx", R::kById},
      // Community life (life_scope.h).
      {"getPatrolPlan", R::kById},
      {"getPatrol", R::kById},
      {"addPatrolCheckin", R::kById},
      {"addPatrolObservation", R::kById},
      {"decidePatrolObservation", R::kById},
      {"getVisit", R::kById},
      {"getHouseholdCare", R::kById},
      {"setHouseholdCare", R::kById},
      {"getTopic", R::kById},
      {"actOnTopic", R::kById},
      {"commentOnTopic", R::kById},
      {"voteOnTopic", R::kById},
      {"addTopicStep", R::kById},
      {"updateTopicStep", R::kById},
      {"getMeeting", R::kById},
      {"addMeetingDecision", R::kById},
      {"completeDecision", R::kById},
      {"getConvention", R::kById},
      {"draftConventionVersion", R::kById},
      {"getSignOnRates", R::kById},
      {"signConvention", R::kById},
      {"getConventionVersion", R::kById},
      {"actOnConventionVersion", R::kById},
      {"commentOnConventionSection", R::kById},
      {"voteOnConventionVersion", R::kById},
      {"getNotice", R::kById},
      {"acknowledgeNotice", R::kById},
      {"listNoticeUnread", R::kById},
      {"getCampaign", R::kById},
      {"linkCampaignCase", R::kById},

      {"createGrid", R::kByReference},
      {"createPlace", R::kByReference},
      {"createPerson", R::kByReference},
      {"createAssignment", R::kByReference},
      {"createLink", R::kByReference},
      {"createCase", R::kByReference},
      {"createOrganisation", R::kByReference},
      {"declareEmergency", R::kByReference},
      {"requestErrand", R::kByReference},
      {"createPatrolPlan", R::kByReference},
      {"recordPatrol", R::kByReference},
      {"logVisit", R::kByReference},
      {"raiseTopic", R::kByReference},
      {"recordMeeting", R::kByReference},
      {"createConvention", R::kByReference},
      {"publishNotice", R::kByReference},
      {"createCampaign", R::kByReference},

      {"getGridTree", R::kList},
      {"listGrids", R::kList},
      {"listPlaces", R::kList},
      {"listPersons", R::kList},
      {"listOrganisations", R::kList},
      {"listAssignments", R::kList},
      {"listCases", R::kList},
      {"findDuplicateCases", R::kList},
      {"getMetrics", R::kList},
      {"getMetricsTrend", R::kList},
      {"getMonthlyReport", R::kList},
      {"streamEvents", R::kList},
      {"checkMap", R::kList},
      {"listEmergencies", R::kList},
      // listMyDecisions: the decisions the caller (or their company) owns; a list, not kSelf,
      // as it needs the community-life read permission rather than just an account.
      {"listPatrolPlans", R::kList},
      {"listPatrols", R::kList},
      {"getPatrolCoverage", R::kList},
      {"listPatrolObservations", R::kList},
      {"listVisits", R::kList},
      {"getVisitCoverage", R::kList},
      {"listMyLinkedHouseholds", R::kList},
      {"listOverdueCare", R::kList},
      {"listTopics", R::kList},
      {"listMeetings", R::kList},
      {"listMyDecisions", R::kList},
      {"listConventions", R::kList},
      {"listNotices", R::kList},
      {"listCampaigns", R::kList},
  };
  return routes;
}

inline std::vector<std::string> routes_of(RouteClass cls) {
  std::vector<std::string> out;
  for (const auto& r : classified_routes()) {
    if (r.cls == cls) out.push_back(r.operation_id);
  }
  return out;
}

}  // namespace weige::testing
