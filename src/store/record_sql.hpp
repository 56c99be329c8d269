// SQL statements for a record type, derived once from its field list.
#pragma once

#include <string>
#include <vector>

#include "core/record.hpp"
#include "store/sql_value.hpp"

namespace riskloop::store {

struct RecordSql {
  std::vector<std::string> columns;  // in field order: id, [org_id], version, created_at, ...
  std::string select_list;           // "id, org_id, version, ..."
  std::string insert;                // INSERT ... VALUES ($1..$n)
  std::string update;                // UPDATE ... SET (all but id/org_id) WHERE id=$1 [AND org_id=$2] AND version=$k
  std::string remove;                // DELETE ... WHERE id=$1 [AND org_id=$2] AND version=$3
  std::string by_id;                 // SELECT ... WHERE id=$1 [AND org_id=$2]
  std::size_t version_param = 0;     // index ($n) of the expected version in `update`
  std::vector<std::string> never_null;  // columns that always hold a value (not optional fields)

  bool has_column(std::string_view name) const;
  bool is_never_null(std::string_view name) const;
};

// `never_null` names the columns known to hold a value in every row; any other column is treated
// as one that may be NULL (correct for any column, but its keyset pages cannot seek one range).
RecordSql make_record_sql(std::string_view table, std::vector<std::string> columns, bool scoped,
                          std::vector<std::string> never_null = {});

namespace detail {

struct ColumnNames {
  std::vector<std::string> names;
  std::vector<std::string> never_null;
  template <class X>
  void operator()(std::string_view name, const X&, unsigned = 0) {
    names.emplace_back(name);
    if constexpr (!is_optional<X>::value) never_null.emplace_back(name);
  }
};

struct RowWriter {
  SqlRow row;
  template <class X>
  void operator()(std::string_view, const X& v, unsigned = 0) {
    row.push_back(to_sql(v));
  }
};

struct RowReader {
  const SqlRow& row;
  std::size_t index = 0;
  std::string bad_column;
  std::vector<std::string> const* names = nullptr;
  template <class X>
  void operator()(std::string_view name, X& v, unsigned = 0) {
    const std::size_t i = index++;
    if (!bad_column.empty()) return;
    if (i >= row.size() || !from_sql(row[i], v)) bad_column = std::string(name);
  }
};

}  // namespace detail

template <Record T>
const RecordSql& record_sql() {
  static const RecordSql sql = [] {
    detail::ColumnNames names;
    const T probe{};
    visit_record<T>(names, probe);
    return make_record_sql(T::table, std::move(names.names), T::scope == Scope::organization,
                           std::move(names.never_null));
  }();
  return sql;
}

template <Record T>
SqlRow to_row(const T& rec) {
  detail::RowWriter w;
  visit_record<T>(w, rec);
  return std::move(w.row);
}

template <Record T>
Result<T> from_row(const SqlRow& row) {
  T rec{};
  detail::RowReader r{row};
  visit_record<T>(r, rec);
  if (!r.bad_column.empty())
    return fail(ErrorCode::storage,
                "stored row of " + std::string(T::table) + " has an unreadable value in column " +
                    r.bad_column);
  return rec;
}

}  // namespace riskloop::store
