#pragma once
// Status and Result<T>: the one way every fallible call in Weige reports failure.
// Expected failures (bad input, unknown ids, rule violations, forbidden actions)
// are values of these types; exceptions are reserved for bugs and fatal errors.
// The HTTP layer maps each Code to a status code in exactly one place.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace weige {

enum class Code {
  kOk,
  kInvalid,         // malformed or missing input (400)
  kNotFound,        // an id that does not exist (404)
  kConflict,        // a duplicate or a stale write (409)
  kRuleViolation,   // a write that breaks a domain rule, e.g. never-split (422)
  kForbidden,       // the actor may not do this (403)
  kUnauthorized,    // no or bad credentials (401)
  kTooLarge,        // a body or file over its limit (413)
  kUnsupported,     // a media type we do not accept (415)
  kTooManyRequests, // rate limited (429)
  kUnavailable,     // the database is locked or busy (503)
  kInternal,        // a bug or an I/O failure (500)
};

// Stable snake_case name of a code, used as error.code in the API.
const char* code_name(Code code);

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  Status(Code code, std::string message, nlohmann::json details = nullptr)
      : code_(code), message_(std::move(message)), details_(std::move(details)) {}

  static Status ok() { return {}; }
  static Status invalid(std::string m, nlohmann::json d = nullptr) {
    return {Code::kInvalid, std::move(m), std::move(d)};
  }
  static Status not_found(std::string m, nlohmann::json d = nullptr) {
    return {Code::kNotFound, std::move(m), std::move(d)};
  }
  static Status conflict(std::string m, nlohmann::json d = nullptr) {
    return {Code::kConflict, std::move(m), std::move(d)};
  }
  static Status violation(std::string m, nlohmann::json d = nullptr) {
    return {Code::kRuleViolation, std::move(m), std::move(d)};
  }
  static Status forbidden(std::string m) { return {Code::kForbidden, std::move(m)}; }
  static Status internal(std::string m) { return {Code::kInternal, std::move(m)}; }
  static Status unavailable(std::string m) { return {Code::kUnavailable, std::move(m)}; }

  bool is_ok() const { return code_ == Code::kOk; }
  explicit operator bool() const { return is_ok(); }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  const nlohmann::json& details() const { return details_; }
  // "not_found: grid 7 does not exist"
  std::string to_string() const;

 private:
  Code code_ = Code::kOk;
  std::string message_;
  nlohmann::json details_;
};

// A value or a non-OK Status. Accessing value() of a failed Result is a bug.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  Result(Status status) : v_(std::move(status)) {}  // NOLINT(google-explicit-constructor)

  bool is_ok() const { return std::holds_alternative<T>(v_); }
  explicit operator bool() const { return is_ok(); }
  const Status& status() const {
    static const Status kOk;
    return is_ok() ? kOk : std::get<Status>(v_);
  }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace weige

// Early return helpers: propagate a failed Status / Result out of the caller.
#define WEIGE_CONCAT_INNER(a, b) a##b
#define WEIGE_CONCAT(a, b) WEIGE_CONCAT_INNER(a, b)
#define WEIGE_TRY(expr)                       \
  do {                                        \
    ::weige::Status weige_s_ = (expr);        \
    if (!weige_s_.is_ok()) return weige_s_;   \
  } while (0)
#define WEIGE_ASSIGN_IMPL(tmp, lhs, expr)     \
  auto tmp = (expr);                          \
  if (!tmp.is_ok()) return tmp.status();      \
  lhs = std::move(tmp).value()
#define WEIGE_ASSIGN(lhs, expr) WEIGE_ASSIGN_IMPL(WEIGE_CONCAT(weige_r_, __LINE__), lhs, expr)
