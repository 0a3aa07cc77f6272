#pragma once
// Query-string filters shared by the case inbox, metrics and reports.

#include <optional>
#include <vector>

#include "domain/geometry.h"
#include "http/message.h"
#include "http/router.h"
#include "service/scope.h"
#include "store/case_store.h"

namespace weige::http {

// state (comma list), category_id (with its subtree), level, channel, grid_id
// (subtree), community_id, subdistrict_id (its communities), handler, handler_person_id, overdue=true, from/to
// (local dates, to exclusive), emergency, q (text), sort, limit, offset;
// narrowed to `scope`. A grid_id outside the scope is not found, like an unknown one.
Result<store::CaseFilter> parse_case_filter(const Request& r, store::Db& db, const service::Scope& scope, Seconds now,
                                            bool paged);
std::vector<ParamDoc> case_query_params(bool paged);
// lng & lat together, or neither.
Result<std::optional<Point>> query_point(const Request& r);

}  // namespace weige::http
