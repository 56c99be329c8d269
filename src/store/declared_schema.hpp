// Tables of declared record types (core/record_declaration.hpp), generated for each engine rather
// than written twice by hand. Store::open creates a missing table and its indexes, and refuses to
// start when an existing table's columns differ from the declaration (a changed type needs a
// numbered migration; see docs/architecture.md).
//
// Column types:            SQLite     PostgreSQL
//   text, enum             TEXT       TEXT COLLATE "C" (byte order, as SQLite)
//   whole number           INTEGER    BIGINT
//   real number            REAL       DOUBLE PRECISION
//   yes/no                 INTEGER    BOOLEAN
//   time (UTC, ms)         TEXT       TIMESTAMPTZ
//   list                   TEXT       TEXT (JSON array)
#pragma once

#include <string>
#include <vector>

#include "core/field_types.hpp"
#include "core/record_declaration.hpp"

namespace riskloop::store {

enum class ColumnKind { text, integer, real, boolean, timestamp, list };

struct ColumnSchema {
  std::string name;
  ColumnKind kind = ColumnKind::text;
  bool nullable = false;
};

struct IndexSchema {
  std::vector<std::string> columns;  // org_id first for organization records, id last
  bool unique = false;
};

struct TableSchema {
  std::string table;
  std::vector<ColumnSchema> columns;  // header columns first, in field order
  std::vector<IndexSchema> indexes;
  std::string owner_column;  // "product_id" / "risk_file_id" for owned records, else ""
  std::string owner_table;   // "products" / "risk_files"
};

enum class Dialect { sqlite, postgresql };

std::string create_table_sql(const TableSchema& t, Dialect d);
std::vector<std::string> create_index_sql(const TableSchema& t);
// The SQL type name the engine reports for a column kind (pragma_table_info / information_schema).
std::string reported_type(ColumnKind kind, Dialect d);

namespace detail {

template <class X>
constexpr ColumnKind column_kind() {
  if constexpr (is_optional<X>::value) return column_kind<typename X::value_type>();
  else if constexpr (is_vector<X>::value) return ColumnKind::list;
  else if constexpr (std::is_same_v<X, bool>) return ColumnKind::boolean;
  else if constexpr (std::is_same_v<X, double>) return ColumnKind::real;
  else if constexpr (std::is_integral_v<X>) return ColumnKind::integer;
  else if constexpr (std::is_same_v<X, Timestamp>) return ColumnKind::timestamp;
  else return ColumnKind::text;  // text and enums (by name)
}

struct SchemaCollector {
  std::vector<ColumnSchema> columns;
  template <class X>
  void operator()(std::string_view name, const X&, unsigned = 0) {
    columns.push_back({std::string(name), column_kind<X>(), is_optional<X>::value});
  }
};

}  // namespace detail

template <DeclaredRecord T>
TableSchema table_schema() {
  static_assert(T::scope == Scope::organization, "declared records belong to an organization");
  TableSchema t;
  t.table = std::string(T::table);
  detail::SchemaCollector c;
  const T probe{};
  visit_record<T>(c, probe);
  t.columns = std::move(c.columns);
  if constexpr (T::declaration.owner == Owner::product) {
    t.owner_column = "product_id";
    t.owner_table = "products";
  } else if constexpr (T::declaration.owner == Owner::risk_file) {
    t.owner_column = "risk_file_id";
    t.owner_table = "risk_files";
  }
  for (const auto& index : T::declaration.indexes) {
    IndexSchema i{{"org_id"}, index.unique};
    for (const auto field : {index.first, index.second, index.third})
      if (!field.empty()) i.columns.emplace_back(field);
    if (!index.unique) i.columns.emplace_back("id");
    t.indexes.push_back(std::move(i));
  }
  return t;
}

}  // namespace riskloop::store
