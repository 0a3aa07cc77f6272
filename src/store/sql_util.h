#pragma once
// Small helpers for building portable SQL in the store (private to src/store).

#include <optional>
#include <string>
#include <vector>

#include "domain/map.h"
#include "store/db.h"
#include "store/page.h"

namespace weige::store {

// An identifier (table, index) quoted for SQL: "name", inner quotes doubled.
inline std::string quote_ident(const std::string& name) {
  std::string out = "\"";
  for (char c : name) {
    out += c;
    if (c == '"') out += '"';
  }
  return out + "\"";
}

// Text and blob values that are NULL when empty.
inline Value text_or_null(const std::string& s) { return s.empty() ? Value(nullptr) : Value(s); }
inline Value blob_or_null(const std::string& s) { return s.empty() ? Value(nullptr) : Value(Blob{s}); }

// Appends " AND <column> IN (...)" and its parameters when `ids` is set.
inline void and_in(std::string& sql, Params& params, const char* column,
                   const std::optional<std::vector<Id>>& ids) {
  if (!ids) return;
  sql += std::string(" AND ") + column + " IN " + in_list(ids->size());
  for (Id id : *ids) params.emplace_back(id);
}

// Appends " AND <clause>" (one '?') and its parameter when `v` is set,
// e.g. and_if(sql, params, "plan_id = ?", f.plan_id).
template <typename T>
void and_if(std::string& sql, Params& params, const char* clause, const std::optional<T>& v) {
  if (!v) return;
  sql += std::string(" AND ") + clause;
  params.emplace_back(*v);
}

// Appends LIMIT and OFFSET parameters (for a trailing "LIMIT ? OFFSET ?").
inline void page_params(Params& params, int limit, int offset) {
  params.emplace_back(static_cast<std::int64_t>(limit));
  params.emplace_back(static_cast<std::int64_t>(offset));
}

// A page of `SELECT columns FROM table where ORDER BY order LIMIT ? OFFSET ?`
// with the total count of `where`, each row read with `from`.
template <typename T, typename From>
Result<Page<T>> select_page(Db& db, const char* columns, const char* table,
                            const std::string& where, Params params, const char* order, int limit,
                            int offset, From from) {
  Page<T> page;
  WEIGE_ASSIGN(page.total, db.scalar(std::string("SELECT count(*) FROM ") + table + where, params));
  page_params(params, limit, offset);
  WEIGE_TRY(db.query(std::string("SELECT ") + columns + " FROM " + table + where + " ORDER BY " +
                         order + " LIMIT ? OFFSET ?",
                     params, [&](const Row& r) { page.items.push_back(from(r)); }));
  return page;
}

}  // namespace weige::store
