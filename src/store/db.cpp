#include "store/db.h"

#include <algorithm>

namespace weige::store {

std::int64_t Row::i64(std::size_t i) const {
  const Value& v = cols_.at(i);
  if (auto p = std::get_if<std::int64_t>(&v)) return *p;
  if (auto p = std::get_if<double>(&v)) return static_cast<std::int64_t>(*p);
  if (auto p = std::get_if<std::string>(&v)) return std::stoll(*p);
  return 0;
}

double Row::f64(std::size_t i) const {
  const Value& v = cols_.at(i);
  if (auto p = std::get_if<double>(&v)) return *p;
  if (auto p = std::get_if<std::int64_t>(&v)) return static_cast<double>(*p);
  if (auto p = std::get_if<std::string>(&v)) return std::stod(*p);
  return 0;
}

std::string Row::text(std::size_t i) const {
  const Value& v = cols_.at(i);
  if (auto p = std::get_if<std::string>(&v)) return *p;
  if (auto p = std::get_if<Blob>(&v)) return p->bytes;
  if (auto p = std::get_if<std::int64_t>(&v)) return std::to_string(*p);
  if (auto p = std::get_if<double>(&v)) return std::to_string(*p);
  return {};
}

std::optional<std::int64_t> Row::opt_i64(std::size_t i) const {
  if (is_null(i)) return std::nullopt;
  return i64(i);
}

std::optional<double> Row::opt_f64(std::size_t i) const {
  if (is_null(i)) return std::nullopt;
  return f64(i);
}

Result<std::vector<Row>> Db::rows(std::string_view sql, const Params& params) {
  std::vector<Row> out;
  WEIGE_TRY(query(sql, params, [&](const Row& r) { out.push_back(r); }));
  return out;
}

Result<std::optional<Row>> Db::row(std::string_view sql, const Params& params) {
  std::optional<Row> out;
  WEIGE_TRY(query(sql, params, [&](const Row& r) {
    if (!out) out = r;
  }));
  return out;
}

Result<std::int64_t> Db::scalar(std::string_view sql, const Params& params) {
  WEIGE_ASSIGN(auto r, row(sql, params));
  if (!r) return Status::not_found("no row");
  return r->i64(0);
}

Status in_write_transaction(Db& db, const std::function<Status()>& body) {
  if (db.in_transaction()) return body();
  WEIGE_TRY(db.begin_write());
  Status s;
  try {
    s = body();
  } catch (...) {
    (void)db.rollback();
    throw;
  }
  if (!s.is_ok()) {
    (void)db.rollback();
    return s;
  }
  Status c = db.commit();
  if (!c.is_ok()) (void)db.rollback();
  return c;
}

namespace {
std::string values_sql(const std::string& head, std::size_t columns, std::size_t rows) {
  std::string one = in_list(columns);
  std::string sql = head + " VALUES ";
  sql.reserve(sql.size() + rows * (one.size() + 1));
  for (std::size_t i = 0; i < rows; ++i) {
    if (i) sql += ',';
    sql += one;
  }
  return sql;
}
}  // namespace

RowBatch::RowBatch(Db& db, std::string head, std::size_t columns, std::size_t rows_per_statement)
    : db_(db),
      head_(std::move(head)),
      columns_(columns),
      rows_per_statement_(std::max<std::size_t>(1, rows_per_statement)),
      full_sql_(values_sql(head_, columns_, rows_per_statement_)) {
  pending_.reserve(columns_ * rows_per_statement_);
}

Status RowBatch::add(Params row) {
  if (row.size() != columns_) {
    return Status::internal("RowBatch: a row has " + std::to_string(row.size()) + " values, not " +
                            std::to_string(columns_));
  }
  for (auto& v : row) pending_.push_back(std::move(v));
  if (pending_.size() == columns_ * rows_per_statement_) return flush();
  return {};
}

Status RowBatch::flush() {
  if (pending_.empty()) return {};
  std::size_t rows = pending_.size() / columns_;
  const std::string sql = rows == rows_per_statement_ ? full_sql_ : values_sql(head_, columns_, rows);
  WEIGE_TRY(db_.execute(sql, pending_).status());
  written_ += static_cast<std::int64_t>(rows);
  pending_.clear();
  return {};
}

std::string in_list(std::size_t n) {
  if (n == 0) return "(NULL)";
  std::string s = "(";
  for (std::size_t i = 0; i < n; ++i) s += i ? ",?" : "?";
  return s + ")";
}

}  // namespace weige::store
