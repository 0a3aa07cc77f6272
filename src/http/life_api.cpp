// Community life: the shared pieces of its handlers, and its registration.
#include "http/api.h"
#include "http/life_dto.h"

namespace weige::http {

Result<service::LifeCaller> life_caller_of(const Request& r, store::Db& db) {
  WEIGE_ASSIGN(Principal p, principal_of(r));
  return service::life_caller(db, p);
}

Result<Window> query_month(const Request& r, Seconds now) {
  const std::string* v = r.param("month");
  if (!v) return month_of(now);
  auto w = parse_month(*v);
  if (!w) return Status::invalid("month is YYYY-MM", {{"parameter", "month"}});
  return *w;
}

Result<Window> query_quarter(const Request& r, Seconds now) {
  const std::string* v = r.param("quarter");
  if (!v) return quarter_of(now);
  auto w = parse_quarter(*v);
  if (!w) return Status::invalid("quarter is YYYYQn, e.g. 2026Q4", {{"parameter", "quarter"}});
  return *w;
}

void Api::register_life_routes() {
  register_patrol_routes();
  register_visit_routes();
  register_deliberation_routes();
  register_convention_routes();
  register_notice_routes();
}

}  // namespace weige::http
