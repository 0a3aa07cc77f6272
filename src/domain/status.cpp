#include "domain/status.h"

namespace weige {

const char* code_name(Code code) {
  switch (code) {
    case Code::kOk: return "ok";
    case Code::kInvalid: return "invalid";
    case Code::kNotFound: return "not_found";
    case Code::kConflict: return "conflict";
    case Code::kRuleViolation: return "rule_violation";
    case Code::kForbidden: return "forbidden";
    case Code::kUnauthorized: return "unauthorized";
    case Code::kTooLarge: return "too_large";
    case Code::kUnsupported: return "unsupported_media_type";
    case Code::kTooManyRequests: return "too_many_requests";
    case Code::kUnavailable: return "unavailable";
    case Code::kInternal: return "internal";
  }
  return "internal";
}

std::string Status::to_string() const {
  if (is_ok()) return "ok";
  return std::string(code_name(code_)) + ": " + message_;
}

}  // namespace weige
