#pragma once
// The one storage interface. Everything above the store speaks to a Db; the
// SQLite implementation (sqlite_db.cpp) is the embedded default and a
// PostgreSQL one can stand beside it. SQL written against Db is portable:
// '?' placeholders, RETURNING for generated ids, no engine-specific functions.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "domain/status.h"

namespace weige::store {

// Bytes bound as a BLOB (sealed personal data).
struct Blob {
  std::string bytes;
};

using Value = std::variant<std::nullptr_t, std::int64_t, double, std::string, Blob>;
using Params = std::vector<Value>;

// Helpers for optional values in parameter lists.
template <typename T>
Value opt(const std::optional<T>& v) {
  if (!v) return nullptr;
  return Value(*v);
}

class Row {
 public:
  explicit Row(std::vector<Value> cols) : cols_(std::move(cols)) {}
  std::size_t size() const { return cols_.size(); }
  bool is_null(std::size_t i) const { return std::holds_alternative<std::nullptr_t>(cols_.at(i)); }
  std::int64_t i64(std::size_t i) const;  // 0 for NULL
  double f64(std::size_t i) const;        // 0 for NULL
  std::string text(std::size_t i) const;  // "" for NULL; blobs as bytes
  std::optional<std::int64_t> opt_i64(std::size_t i) const;
  std::optional<double> opt_f64(std::size_t i) const;
  // For backends: refilled for each result row, so a query allocates the
  // row's column vector once, not once per row.
  std::vector<Value>& columns() { return cols_; }

 private:
  std::vector<Value> cols_;
};

class Db {
 public:
  virtual ~Db() = default;

  // Runs a script of statements without parameters (migrations).
  virtual Status exec_script(std::string_view sql) = 0;
  // Runs one statement, calling `each` per result row. Statements are prepared
  // once per connection and cached by their text.
  virtual Status query(std::string_view sql, const Params& params,
                       const std::function<void(const Row&)>& each) = 0;
  // Runs one statement that returns no rows; yields the number of rows changed.
  virtual Result<std::int64_t> execute(std::string_view sql, const Params& params) = 0;

  // Transactions. begin_write() takes the write lock at once (BEGIN IMMEDIATE
  // in SQLite) so a transaction never fails half-way for want of it.
  virtual Status begin_write() = 0;
  virtual Status commit() = 0;
  virtual Status rollback() = 0;
  virtual bool in_transaction() const = 0;

  // "sqlite" or "postgres".
  virtual std::string_view dialect() const = 0;

  // Convenience wrappers over query().
  Result<std::vector<Row>> rows(std::string_view sql, const Params& params = {});
  Result<std::optional<Row>> row(std::string_view sql, const Params& params = {});
  // For "INSERT ... RETURNING id" and "SELECT count(*)" alike: the first column
  // of the first row; kNotFound when there is no row.
  Result<std::int64_t> scalar(std::string_view sql, const Params& params = {});
};

// "(?,?,...,?)" with n placeholders, for "x IN (...)"; "(NULL)" for none,
// which matches nothing.
std::string in_list(std::size_t n);

// Inserts many rows with one multi-row "INSERT ... VALUES (...),(...)" per
// `rows_per_statement` rows instead of one statement per row. `head` is the
// statement up to VALUES ("INSERT INTO t (a, b)"); every added row has
// `columns` values. Call flush() at the end; the rows are written in order.
class RowBatch {
 public:
  RowBatch(Db& db, std::string head, std::size_t columns, std::size_t rows_per_statement = 256);
  Status add(Params row);
  Status flush();
  std::int64_t written() const { return written_; }

 private:
  Db& db_;
  std::string head_;
  std::size_t columns_;
  std::size_t rows_per_statement_;
  Params pending_;
  std::string full_sql_;  // the statement for a full batch, built once
  std::int64_t written_ = 0;
};

// Runs `body` inside a write transaction: commits when it returns OK, rolls
// back when it returns an error (or throws). Nested calls join the outer one.
Status in_write_transaction(Db& db, const std::function<Status()>& body);

}  // namespace weige::store
