#pragma once
// Requests and cases: the vocabulary shared by intake, routing, the workflow,
// deadlines and metrics. A request (诉求) is what a resident files; once taken
// in it is handled as a case (事件). The same row carries both.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/map.h"

namespace weige {

// Where a request came in (domain.md "Matters").
enum class Channel { kWalkIn, kMicroGridWorker, kChatGroup, kOnline, kHotline, kPatrol };

// How big a matter is (分级): micro stays in the micro-grid, small in the
// community, big in the subdistrict, beyond goes above the subdistrict.
enum class CaseLevel { kMicro = 1, kSmall = 2, kBig = 3, kBeyond = 4 };

// Who handles it (the resolution path) ...
enum class HandlerKind { kMicroGrid, kPropertyCompany, kCommunity, kPolice, kSubdistrict, kDistrict };
// ... and at which level of the net that is. The property company and the
// community police settle matters inside the community, so they count as
// community level for the never-leave rates.
enum class HandlingLevel { kMicroGrid = 1, kCommunity = 2, kSubdistrict = 3, kBeyond = 4 };

enum class CaseState {
  kReported,    // filed, not yet taken in
  kAccepted,    // taken in, awaiting dispatch
  kRejected,    // not a matter for us (terminal), with a reason
  kDispatched,  // sent to a handler
  kInProgress,  // the handler has taken it on
  kResolved,    // the handler says it is settled
  kVerified,    // someone else confirmed it on site
  kClosed,      // closed; awaiting or without rating
  kRated,       // the reporter rated the outcome (terminal unless reviewed)
  kParked,      // cannot be solved now; reviewed on a schedule
  kInReview,    // rated unsatisfied twice: the community reviews it
  kMerged,      // a duplicate, merged into another case (terminal)
};

enum class Rating { kSatisfied, kBasicallySatisfied, kUnsatisfied };

std::string_view to_string(Channel c);
std::string_view to_string(CaseLevel l);
std::string_view to_string(HandlerKind h);
std::string_view to_string(HandlingLevel l);
std::string_view to_string(CaseState s);
std::string_view to_string(Rating r);
std::optional<Channel> parse_channel(std::string_view s);
std::optional<CaseLevel> parse_case_level(std::string_view s);
std::optional<HandlerKind> parse_handler_kind(std::string_view s);
std::optional<HandlingLevel> parse_handling_level(std::string_view s);
std::optional<CaseState> parse_case_state(std::string_view s);
std::optional<Rating> parse_rating(std::string_view s);
std::string_view label_zh(CaseState s);
std::string_view label_zh(Channel c);
std::string_view label_zh(HandlerKind h);
std::string_view label_zh(CaseLevel l);

HandlingLevel level_of(HandlerKind h);
// The handler one level up (micro-grid -> community -> subdistrict -> district);
// nullopt at the top.
std::optional<HandlerKind> escalated(HandlerKind h);
// One level down; nullopt at the micro-grid.
std::optional<HandlerKind> de_escalated(HandlerKind h);
// The handling level a case of this level is routed to by default.
HandlerKind default_handler(CaseLevel level);

bool is_open(CaseState s);      // not rejected, closed, rated or merged
bool is_finished(CaseState s);  // closed or rated (counts for the never-leave rates)

// A point in time: seconds since the Unix epoch (UTC).
using Seconds = std::int64_t;

}  // namespace weige
