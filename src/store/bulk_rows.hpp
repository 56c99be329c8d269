// SQL access to bulk rows (core/bulk_record.hpp): batch inserts, pages of an organization's rows,
// and scans in leaf order for verification and proofs. Free functions over a Tx, so bulk types
// need nothing from the record repository.
#pragma once

#include <algorithm>
#include <optional>
#include <span>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "core/bulk_record.hpp"
#include "store/record_sql.hpp"
#include "store/tx.hpp"

namespace riskloop::store {

struct BulkFilter {
  std::string column;  // a column of the bulk type (checked), never user text
  std::string value;
};

namespace detail {

template <BulkRecord T>
const std::vector<std::string>& bulk_columns() {
  static const std::vector<std::string> columns = [] {
    ColumnNames names;
    const T probe{};
    visit_bulk_row<T>(names, probe);
    return std::move(names.names);
  }();
  return columns;
}

template <BulkRecord T>
const std::string& bulk_select_list() {
  static const std::string list = [] {
    std::string out;
    for (const auto& c : bulk_columns<T>()) out += (out.empty() ? "" : ", ") + c;
    return out;
  }();
  return list;
}

// RowReader that moves text out of the query's rows instead of copying it: verify and proofs
// read rows by the million, each with several ids and hashes as text.
struct RowTaker {
  SqlRow& row;
  std::size_t index = 0;
  std::string bad_column;
  template <class X>
  void operator()(std::string_view name, X& v, unsigned = 0) {
    const std::size_t i = index++;
    if (!bad_column.empty()) return;
    if constexpr (std::is_same_v<X, std::string>)
      if (i < row.size())
        if (auto* text = std::get_if<std::string>(&row[i])) {
          v = std::move(*text);
          return;
        }
    if (i >= row.size() || !from_sql(row[i], v)) bad_column = std::string(name);
  }
};

template <BulkRecord T>
Result<std::vector<T>> bulk_rows_from(std::vector<SqlRow> rows) {
  std::vector<T> out;
  out.reserve(rows.size());
  for (auto& row : rows) {
    T rec{};
    RowTaker r{row};
    visit_bulk_row<T>(r, rec);
    if (!r.bad_column.empty())
      return fail(ErrorCode::storage, "stored row of " + std::string(T::table) +
                                          " has an unreadable value in column " + r.bad_column);
    out.push_back(std::move(rec));
  }
  return out;
}

}  // namespace detail

// Appends rows to `table` the fastest way the engine has: COPY on PostgreSQL, multi-row INSERT
// statements (each prepared once per connection) on SQLite. `values` holds the rows one after the
// other, columns.size() values each.
Status append_rows(Tx& tx, std::string_view table, std::span<const std::string> columns,
                   std::span<const SqlValue> values);

namespace detail {
// RowWriter that moves text fields out of the row instead of copying them.
struct RowMover {
  SqlRow row;
  template <class X>
  void operator()(std::string_view, X& v, unsigned = 0) {
    if constexpr (std::is_same_v<X, std::string>)
      row.emplace_back(std::move(v));
    else
      row.push_back(to_sql(v));
  }
};
}  // namespace detail

// Inserts `rows` with their placement set. Their text fields are moved into the statement's
// parameters: the rows are left with empty strings.
template <BulkRecord T>
Status insert_bulk_rows(Tx& tx, std::span<T> rows) {
  detail::RowMover w;
  w.row.reserve(rows.size() * detail::bulk_columns<T>().size());
  for (auto& row : rows) visit_bulk_row<T>(w, row);
  return append_rows(tx, T::table, detail::bulk_columns<T>(), w.row);
}

// One row of an organization; not_found otherwise.
template <BulkRecord T>
Result<T> get_bulk_row(Tx& tx, const Id& org, const Id& id) {
  const SqlValue params[] = {id, org};
  auto rows = RL_TRY(tx.sql().query("SELECT " + detail::bulk_select_list<T>() + " FROM " +
                                        std::string(T::table) + " WHERE id = $1 AND org_id = $2",
                                    params));
  if (rows.empty())
    return fail(ErrorCode::not_found, std::string(T::entity) + " " + id + " does not exist");
  return std::move(RL_TRY(detail::bulk_rows_from<T>(std::move(rows))).front());
}

// A page of an organization's rows in id order (import order), after `after_id`, with equality
// filters on named columns.
template <BulkRecord T>
Result<std::vector<T>> list_bulk_rows(Tx& tx, const Id& org, std::span<const BulkFilter> where,
                                      const std::string& after_id, int limit) {
  const auto& columns = detail::bulk_columns<T>();
  std::string sql = "SELECT " + detail::bulk_select_list<T>() + " FROM " + std::string(T::table) +
                    " WHERE org_id = $1";
  std::vector<SqlValue> params{org};
  for (const auto& f : where) {
    if (std::find(columns.begin(), columns.end(), f.column) == columns.end())
      return fail(ErrorCode::internal, "no column " + f.column + " in " + std::string(T::table));
    params.emplace_back(f.value);
    sql += " AND " + f.column + " = $" + std::to_string(params.size());
  }
  if (!after_id.empty()) {
    params.emplace_back(after_id);
    sql += " AND id > $" + std::to_string(params.size());
  }
  sql += " ORDER BY id LIMIT " + std::to_string(std::clamp(limit, 1, 100000));
  return detail::bulk_rows_from<T>(RL_TRY(tx.sql().query(sql, params)));
}

// Rows stored under `batch_id` in leaf order, from leaf index `from` on (any organization: for
// verification and proofs, which name the batch).
template <BulkRecord T>
Result<std::vector<T>> batch_rows(Tx& tx, const Id& batch_id, std::int64_t from, int limit) {
  const SqlValue params[] = {batch_id, from};
  return detail::bulk_rows_from<T>(RL_TRY(tx.sql().query(
      "SELECT " + detail::bulk_select_list<T>() + " FROM " + std::string(T::table) +
          " WHERE batch_id = $1 AND leaf_index >= $2 ORDER BY leaf_index, id LIMIT " +
          std::to_string(limit),
      params)));
}

// The first row (in id order) whose batch is not a stored batch of its type, if any.
template <BulkRecord T>
Result<std::optional<T>> first_row_without_batch(Tx& tx) {
  const SqlValue params[] = {std::string(T::entity)};
  const auto rows = RL_TRY(detail::bulk_rows_from<T>(RL_TRY(tx.sql().query(
      "SELECT " + detail::bulk_select_list<T>() + " FROM " + std::string(T::table) +
          " r WHERE NOT EXISTS (SELECT 1 FROM bulk_batches b WHERE b.id = r.batch_id AND "
          "b.record_type = $1 AND b.org_id = r.org_id) ORDER BY id LIMIT 1",
      params))));
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

}  // namespace riskloop::store
