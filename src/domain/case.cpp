#include "domain/case.h"

#include <array>
#include <utility>

namespace weige {
namespace {

template <typename E, std::size_t N>
using Names = std::array<std::pair<E, std::string_view>, N>;

constexpr Names<Channel, 6> kChannels{{{Channel::kWalkIn, "walk_in"},
                                       {Channel::kMicroGridWorker, "micro_grid_worker"},
                                       {Channel::kChatGroup, "chat_group"},
                                       {Channel::kOnline, "online"},
                                       {Channel::kHotline, "hotline"},
                                       {Channel::kPatrol, "patrol"}}};
constexpr Names<CaseLevel, 4> kLevels{{{CaseLevel::kMicro, "micro"},
                                      {CaseLevel::kSmall, "small"},
                                      {CaseLevel::kBig, "big"},
                                      {CaseLevel::kBeyond, "beyond"}}};
constexpr Names<HandlerKind, 6> kHandlers{{{HandlerKind::kMicroGrid, "micro_grid"},
                                           {HandlerKind::kPropertyCompany, "property_company"},
                                           {HandlerKind::kCommunity, "community"},
                                           {HandlerKind::kPolice, "police"},
                                           {HandlerKind::kSubdistrict, "subdistrict"},
                                           {HandlerKind::kDistrict, "district"}}};
constexpr Names<HandlingLevel, 4> kHandlingLevels{{{HandlingLevel::kMicroGrid, "micro_grid"},
                                                   {HandlingLevel::kCommunity, "community"},
                                                   {HandlingLevel::kSubdistrict, "subdistrict"},
                                                   {HandlingLevel::kBeyond, "beyond"}}};
constexpr Names<CaseState, 12> kStates{{{CaseState::kReported, "reported"},
                                        {CaseState::kAccepted, "accepted"},
                                        {CaseState::kRejected, "rejected"},
                                        {CaseState::kDispatched, "dispatched"},
                                        {CaseState::kInProgress, "in_progress"},
                                        {CaseState::kResolved, "resolved"},
                                        {CaseState::kVerified, "verified"},
                                        {CaseState::kClosed, "closed"},
                                        {CaseState::kRated, "rated"},
                                        {CaseState::kParked, "parked"},
                                        {CaseState::kInReview, "in_review"},
                                        {CaseState::kMerged, "merged"}}};
constexpr Names<Rating, 3> kRatings{{{Rating::kSatisfied, "satisfied"},
                                     {Rating::kBasicallySatisfied, "basically_satisfied"},
                                     {Rating::kUnsatisfied, "unsatisfied"}}};

template <typename E, std::size_t N>
std::string_view name(const Names<E, N>& t, E e) {
  for (const auto& [k, v] : t) {
    if (k == e) return v;
  }
  return "unknown";
}
template <typename E, std::size_t N>
std::optional<E> parse(const Names<E, N>& t, std::string_view s) {
  for (const auto& [k, v] : t) {
    if (v == s) return k;
  }
  return std::nullopt;
}

}  // namespace

std::string_view to_string(Channel c) { return name(kChannels, c); }
std::string_view to_string(CaseLevel l) { return name(kLevels, l); }
std::string_view to_string(HandlerKind h) { return name(kHandlers, h); }
std::string_view to_string(HandlingLevel l) { return name(kHandlingLevels, l); }
std::string_view to_string(CaseState s) { return name(kStates, s); }
std::string_view to_string(Rating r) { return name(kRatings, r); }
std::optional<Channel> parse_channel(std::string_view s) { return parse(kChannels, s); }
std::optional<CaseLevel> parse_case_level(std::string_view s) { return parse(kLevels, s); }
std::optional<HandlerKind> parse_handler_kind(std::string_view s) { return parse(kHandlers, s); }
std::optional<HandlingLevel> parse_handling_level(std::string_view s) { return parse(kHandlingLevels, s); }
std::optional<CaseState> parse_case_state(std::string_view s) { return parse(kStates, s); }
std::optional<Rating> parse_rating(std::string_view s) { return parse(kRatings, s); }

std::string_view label_zh(CaseState s) {
  switch (s) {
    case CaseState::kReported: return "已上报";
    case CaseState::kAccepted: return "已受理";
    case CaseState::kRejected: return "不予受理";
    case CaseState::kDispatched: return "已派遣";
    case CaseState::kInProgress: return "处置中";
    case CaseState::kResolved: return "已办结";
    case CaseState::kVerified: return "已核查";
    case CaseState::kClosed: return "已结案";
    case CaseState::kRated: return "已评价";
    case CaseState::kParked: return "挂起";
    case CaseState::kInReview: return "社区复核";
    case CaseState::kMerged: return "已合并";
  }
  return "";
}

std::string_view label_zh(Channel c) {
  switch (c) {
    case Channel::kWalkIn: return "窗口来访";
    case Channel::kMicroGridWorker: return "微网格员上报";
    case Channel::kChatGroup: return "微信群";
    case Channel::kOnline: return "网上自报";
    case Channel::kHotline: return "热线";
    case Channel::kPatrol: return "巡查发现";
  }
  return "";
}

std::string_view label_zh(HandlerKind h) {
  switch (h) {
    case HandlerKind::kMicroGrid: return "微网格";
    case HandlerKind::kPropertyCompany: return "物业公司";
    case HandlerKind::kCommunity: return "社区";
    case HandlerKind::kPolice: return "社区民警";
    case HandlerKind::kSubdistrict: return "街道部门";
    case HandlerKind::kDistrict: return "区级部门";
  }
  return "";
}

std::string_view label_zh(CaseLevel l) {
  switch (l) {
    case CaseLevel::kMicro: return "微事";
    case CaseLevel::kSmall: return "小事";
    case CaseLevel::kBig: return "大事";
    case CaseLevel::kBeyond: return "超出街道";
  }
  return "";
}

HandlingLevel level_of(HandlerKind h) {
  switch (h) {
    case HandlerKind::kMicroGrid: return HandlingLevel::kMicroGrid;
    case HandlerKind::kPropertyCompany:
    case HandlerKind::kCommunity:
    case HandlerKind::kPolice: return HandlingLevel::kCommunity;
    case HandlerKind::kSubdistrict: return HandlingLevel::kSubdistrict;
    case HandlerKind::kDistrict: return HandlingLevel::kBeyond;
  }
  return HandlingLevel::kBeyond;
}

std::optional<HandlerKind> escalated(HandlerKind h) {
  switch (level_of(h)) {
    case HandlingLevel::kMicroGrid: return HandlerKind::kCommunity;
    case HandlingLevel::kCommunity: return HandlerKind::kSubdistrict;
    case HandlingLevel::kSubdistrict: return HandlerKind::kDistrict;
    case HandlingLevel::kBeyond: return std::nullopt;
  }
  return std::nullopt;
}

std::optional<HandlerKind> de_escalated(HandlerKind h) {
  switch (level_of(h)) {
    case HandlingLevel::kMicroGrid: return std::nullopt;
    case HandlingLevel::kCommunity: return HandlerKind::kMicroGrid;
    case HandlingLevel::kSubdistrict: return HandlerKind::kCommunity;
    case HandlingLevel::kBeyond: return HandlerKind::kSubdistrict;
  }
  return std::nullopt;
}

HandlerKind default_handler(CaseLevel level) {
  switch (level) {
    case CaseLevel::kMicro: return HandlerKind::kMicroGrid;
    case CaseLevel::kSmall: return HandlerKind::kCommunity;
    case CaseLevel::kBig: return HandlerKind::kSubdistrict;
    case CaseLevel::kBeyond: return HandlerKind::kDistrict;
  }
  return HandlerKind::kCommunity;
}

bool is_open(CaseState s) {
  return s != CaseState::kRejected && s != CaseState::kClosed && s != CaseState::kRated &&
         s != CaseState::kMerged;
}

bool is_finished(CaseState s) { return s == CaseState::kClosed || s == CaseState::kRated; }

}  // namespace weige
