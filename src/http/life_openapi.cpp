#include "http/life_openapi.h"

#include <string>
#include <vector>

namespace weige::http {
namespace {

using nlohmann::json;

json obj(json properties, std::vector<std::string> required) {
  return {{"type", "object"}, {"properties", std::move(properties)}, {"required", required}};
}
json ref(const std::string& name) {
  return {{"$ref", "#/components/schemas/" + name}};
}
json list_of(const std::string& name) {
  return obj(
      {{"items", {{"type", "array"}, {"items", ref(name)}}}, {"total", {{"type", "integer"}}}},
      {"items", "total"});
}

const json kId = {{"type", "integer"}};
const json kNid = {{"type", {"integer", "null"}}};
const json kStr = {{"type", "string"}};
const json kNstr = {{"type", {"string", "null"}}};
const json kBool = {{"type", "boolean"}};
const json kNum = {{"type", "number"}};
const json kArr = {{"type", "array"}};
const json kObj = {{"type", "object"}};
const json kNobj = {{"type", {"object", "null"}}};

void patrols(json& s) {
  json participants = {{"type", "array"},
                       {"items", obj({{"person_id", kId}, {"kind", kStr}}, {"person_id", "kind"})}};
  s["PatrolPlanInput"] = obj({{"grid_id", kId},
                              {"name", kStr},
                              {"frequency", kStr},
                              {"route", {{"type", "array"}, {"items", kId}}},
                              {"participants", participants}},
                             {"grid_id", "name", "route"});
  s["PatrolPlan"] = obj({{"id", kId},
                         {"grid_id", kId},
                         {"grid", kObj},
                         {"name", kStr},
                         {"frequency", kStr},
                         {"active", kBool},
                         {"route", kArr},
                         {"participants", kArr}},
                        {"id", "grid_id", "name", "frequency", "route", "participants"});
  s["PatrolPlanList"] = list_of("PatrolPlan");
  s["CheckinInput"] = obj({{"place_id", kId}, {"at", kStr}, {"note", kStr}}, {"place_id"});
  s["ObservationInput"] = obj({{"place_id", kNid}, {"text", kStr}, {"suggestion", kStr}}, {"text"});
  s["PatrolInput"] =
      obj({{"plan_id", kNid},
           {"grid_id", kNid},
           {"started_at", kStr},
           {"ended_at", kNstr},
           {"summary", kStr},
           {"participants", participants},
           {"checkins", {{"type", "array"}, {"items", ref("CheckinInput")}}},
           {"observations", {{"type", "array"}, {"items", ref("ObservationInput")}}}},
          {"participants"});
  s["PatrolSummary"] = obj({{"id", kId},
                            {"plan_id", kNid},
                            {"grid_id", kId},
                            {"started_at", kStr},
                            {"ended_at", kNstr},
                            {"summary", kStr},
                            {"participants", kArr}},
                           {"id", "grid_id", "started_at", "participants"});
  s["PatrolList"] = list_of("PatrolSummary");
  s["Observation"] = obj({{"id", kId},
                          {"patrol_id", kId},
                          {"place", kNobj},
                          {"text", kStr},
                          {"suggestion", kStr},
                          {"outcome", kStr},
                          {"case_id", kNid}},
                         {"id", "patrol_id", "text", "outcome", "case_id"});
  s["ObservationList"] = list_of("Observation");
  s["Patrol"] = obj({{"id", kId},
                     {"grid_id", kId},
                     {"participants", kArr},
                     {"checkins", kArr},
                     {"observations", {{"type", "array"}, {"items", ref("Observation")}}}},
                    {"id", "grid_id", "participants", "checkins", "observations"});
  s["ObservationOutcomeInput"] =
      obj({{"outcome", kStr}, {"category_id", kNid}, {"level", kStr}, {"accept_now", kBool}},
          {"outcome"});
  s["ObservationResult"] = obj({{"id", kId}, {"outcome", kStr}, {"case_id", kNid}, {"case", kNobj}},
                               {"id", "outcome", "case_id", "case"});
  s["PatrolCoverage"] =
      obj({{"month", kStr},
           {"plans", kArr},
           {"route_places", kId},
           {"patrolled", kId},
           {"not_patrolled", kId},
           {"rate", kNum}},
          {"month", "plans", "route_places", "patrolled", "not_patrolled", "rate"});
}

void visits(json& s) {
  s["VisitInput"] = obj({{"household_id", kId},
                         {"visitor_person_id", kNid},
                         {"at", kStr},
                         {"form", kStr},
                         {"learnt", kStr},
                         {"campaign_id", kNid},
                         {"follow_up_case_id", kNid},
                         {"follow_up_category_id", kNid}},
                        {"household_id", "form"});
  s["Visit"] = obj({{"id", kId},
                    {"household", kObj},
                    {"visitor", kObj},
                    {"at", kStr},
                    {"form", kStr},
                    {"learnt", kStr},
                    {"follow_up_case_id", kNid},
                    {"campaign_id", kNid}},
                   {"id", "household", "visitor", "at", "form", "learnt", "follow_up_case_id"});
  s["VisitList"] = list_of("Visit");
  s["VisitCoverage"] =
      obj({{"quarter", kStr},
           {"households", kId},
           {"visited", kId},
           {"rate", kNum},
           {"links",
            {{"type", "array"},
             {"items", obj({{"tier", kId}, {"households", kId}, {"visited", kId}, {"rate", kNum}},
                           {"tier", "households", "visited"})}}}},
          {"quarter", "households", "visited", "rate", "links"});
  s["LinkedHousehold"] = obj({{"household_id", kId},
                              {"grid_id", kNid},
                              {"name", kStr},
                              {"unit", kStr},
                              {"building", kStr},
                              {"compound", kStr},
                              {"last_visit_at", kNstr}},
                             {"household_id", "name", "last_visit_at"});
  s["LinkedHouseholdList"] = list_of("LinkedHousehold");
  s["CareInput"] =
      obj({{"tags",
            {{"type", "array"},
             {"items", obj({{"tag", kStr}, {"visit_every_days", kId}, {"note", kStr}}, {"tag"})}}}},
          {"tags"});
  s["CareStatus"] =
      obj({{"household", kObj},
           {"tags", kArr},
           {"last_visit_at", kNstr},
           {"visit_every_days", kNid},
           {"due_at", kNstr},
           {"overdue", kBool},
           {"days_overdue", kId}},
          {"household", "tags", "last_visit_at", "due_at", "overdue", "days_overdue"});
  s["CareList"] = list_of("CareStatus");
}

void deliberation(json& s) {
  s["TopicInput"] = obj({{"grid_id", kNid},
                         {"title", kStr},
                         {"description", kStr},
                         {"case_id", kNid},
                         {"observation_id", kNid},
                         {"quorum_percent", kId},
                         {"majority", kStr}},
                        {"title"});
  s["TopicSummary"] =
      obj({{"id", kId},
           {"grid_id", kId},
           {"title", kStr},
           {"source", kStr},
           {"state", kStr},
           {"state_zh", kStr},
           {"quorum_percent", kId},
           {"majority", kStr}},
          {"id", "grid_id", "title", "source", "state", "quorum_percent", "majority"});
  s["TopicList"] = list_of("TopicSummary");
  s["Tally"] = obj({{"for", kId},
                    {"against", kId},
                    {"abstain", kId},
                    {"cast", kId},
                    {"eligible", kId},
                    {"quorum_reached", kBool},
                    {"majority_reached", kBool},
                    {"passed", kBool},
                    {"explanation", kStr}},
                   {"for", "against", "abstain", "cast", "eligible", "quorum_reached",
                    "majority_reached", "passed"});
  s["Topic"] = obj({{"id", kId},
                    {"state", kStr},
                    {"title", kStr},
                    {"tally", ref("Tally")},
                    {"comments", kArr},
                    {"meetings", kArr},
                    {"steps", kArr},
                    {"timeline", kArr},
                    {"allowed_actions", kArr},
                    {"result", kStr},
                    {"my_vote", kNstr}},
                   {"id", "state", "title", "tally", "comments", "meetings", "steps", "timeline",
                    "allowed_actions", "my_vote"});
  s["TopicActionInput"] = obj({{"action", kStr},
                               {"reason", kStr},
                               {"note", kStr},
                               {"quorum_percent", kId},
                               {"majority", kStr}},
                              {"action"});
  s["CommentInput"] =
      obj({{"text", kStr}, {"household_id", kNid}, {"author_kind", kStr}}, {"text"});
  s["VoteInput"] = obj({{"ballot", kStr}, {"household_id", kNid}}, {"ballot"});
  s["StepInput"] = obj({{"title", kStr}, {"owner_person_id", kNid}, {"due_on", kStr}}, {"title"});
  s["StepPatch"] = obj({{"status", kStr}, {"progress", kId}, {"note", kStr}}, {});
  s["MeetingInput"] = obj({{"kind", kStr},
                           {"grid_id", kNid},
                           {"topic_id", kNid},
                           {"place", kStr},
                           {"held_at", kStr},
                           {"attendees", kArr},
                           {"minutes", kStr}},
                          {"kind"});
  s["Meeting"] =
      obj({{"id", kId},
           {"kind", kStr},
           {"grid", kObj},
           {"topic_id", kNid},
           {"place", kStr},
           {"held_at", kStr},
           {"attendees", kArr},
           {"minutes", kStr}},
          {"id", "kind", "grid", "topic_id", "place", "held_at", "attendees", "minutes"});
  s["MeetingList"] = list_of("Meeting");
  s["DecisionInput"] = obj({{"text", kStr},
                            {"owner_person_id", kNid},
                            {"owner_organisation_id", kNid},
                            {"due_on", kStr}},
                           {"text", "due_on"});
  s["Decision"] = obj({{"id", kId},
                       {"meeting_id", kId},
                       {"text", kStr},
                       {"owner_person", kNobj},
                       {"owner_organisation", kNobj},
                       {"due_at", kStr},
                       {"overdue", kBool},
                       {"status", kStr}},
                      {"id", "meeting_id", "text", "due_at", "overdue", "status"});
  s["DecisionList"] = list_of("Decision");
  s["DecisionDoneInput"] = obj({{"note", kStr}}, {});
}

void conventions(json& s) {
  json sections = {
      {"type", "array"},
      {"items", obj({{"key", kStr}, {"heading", kStr}, {"text", kStr}}, {"key", "text"})}};
  s["ConventionInput"] = obj({{"place_id", kId},
                              {"kind", kStr},
                              {"title", kStr},
                              {"sections", sections},
                              {"quorum_percent", kId},
                              {"majority", kStr}},
                             {"place_id", "title", "sections"});
  s["ConventionSummary"] = obj(
      {{"id", kId}, {"place", kObj}, {"kind", kStr}, {"title", kStr}, {"current_version_id", kNid}},
      {"id", "place", "kind", "title", "current_version_id"});
  s["ConventionList"] = list_of("ConventionSummary");
  s["Convention"] = obj(
      {{"id", kId},
       {"title", kStr},
       {"versions", kArr},
       {"current_version_id", kNid},
       {"households", kId},
       {"signed_on", kId},
       {"signon_rate", kNum}},
      {"id", "title", "versions", "current_version_id", "households", "signed_on", "signon_rate"});
  s["VersionInput"] = obj({{"sections", sections},
                           {"note", kStr},
                           {"topic_id", kNid},
                           {"quorum_percent", kId},
                           {"majority", kStr}},
                          {"sections"});
  s["ConventionVersion"] = obj({{"id", kId},
                                {"convention_id", kId},
                                {"number", kId},
                                {"state", kStr},
                                {"sections", kArr},
                                {"tally", ref("Tally")},
                                {"my_vote", kNstr}},
                               {"id", "convention_id", "number", "state", "sections", "tally"});
  s["VersionActionInput"] =
      obj({{"action", kStr}, {"quorum_percent", kId}, {"majority", kStr}}, {"action"});
  s["SectionCommentInput"] =
      obj({{"section_key", kStr}, {"text", kStr}, {"household_id", kNid}, {"author_kind", kStr}},
          {"section_key", "text"});
  s["HouseholdInput"] = obj({{"household_id", kNid}}, {});
  s["SignOnRates"] = obj({{"convention_id", kId},
                          {"version_id", kNid},
                          {"households", kId},
                          {"signed_on", kId},
                          {"rate", kNum},
                          {"buildings", kArr}},
                         {"convention_id", "households", "signed_on", "rate", "buildings"});
}

void notices(json& s) {
  s["NoticeInput"] = obj({{"target_kind", kStr},
                          {"target_id", kId},
                          {"title", kStr},
                          {"body", kStr},
                          {"campaign_id", kNid}},
                         {"target_kind", "target_id", "title", "body"});
  s["Notice"] = obj(
      {{"id", kId},
       {"target_kind", kStr},
       {"target_id", kId},
       {"target_name", kStr},
       {"title", kStr},
       {"body", kStr},
       {"published_at", kStr},
       {"recipients", kId},
       {"read", kId},
       {"read_rate", kNum},
       {"my_household_read", {{"type", {"boolean", "null"}}}}},
      {"id", "target_kind", "target_id", "title", "body", "published_at", "recipients", "read"});
  s["NoticeList"] = list_of("Notice");
  s["UnreadHousehold"] =
      obj({{"household_id", kId}, {"name", kStr}, {"unit", kStr}, {"building", kStr}},
          {"household_id", "name"});
  s["UnreadList"] = list_of("UnreadHousehold");
  s["CampaignInput"] = obj({{"theme", kStr},
                            {"title", kStr},
                            {"grid_id", kId},
                            {"starts_on", kStr},
                            {"ends_on", kStr},
                            {"note", kStr},
                            {"case_ids", {{"type", "array"}, {"items", kId}}}},
                           {"theme", "title", "grid_id"});
  s["CampaignSummary"] = obj({{"id", kId}, {"theme", kStr}, {"title", kStr}, {"grid", kObj}},
                             {"id", "theme", "title", "grid"});
  s["CampaignList"] = list_of("CampaignSummary");
  s["Campaign"] = obj({{"id", kId},
                       {"theme", kStr},
                       {"title", kStr},
                       {"cases", kArr},
                       {"visits", kId},
                       {"notices", kArr}},
                      {"id", "theme", "title", "cases", "visits", "notices"});
  s["CaseLinkInput"] = obj({{"case_id", kId}}, {"case_id"});
}

}  // namespace

void add_life_schemas(json& schemas) {
  patrols(schemas);
  visits(schemas);
  deliberation(schemas);
  conventions(schemas);
  notices(schemas);
}

}  // namespace weige::http
