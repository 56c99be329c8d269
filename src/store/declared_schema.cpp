// DDL of declared record types, per engine (store/declared_schema.hpp).
#include "store/declared_schema.hpp"

namespace riskloop::store {

std::string reported_type(ColumnKind kind, Dialect d) {
  const bool pg = d == Dialect::postgresql;
  switch (kind) {
    case ColumnKind::integer:
      return pg ? "bigint" : "INTEGER";
    case ColumnKind::real:
      return pg ? "double precision" : "REAL";
    case ColumnKind::boolean:
      return pg ? "boolean" : "INTEGER";
    case ColumnKind::timestamp:
      return pg ? "timestamp with time zone" : "TEXT";
    case ColumnKind::text:
    case ColumnKind::list:
      return pg ? "text" : "TEXT";
  }
  return "TEXT";
}

namespace {

std::string ddl_type(ColumnKind kind, Dialect d) {
  if (d == Dialect::sqlite) return reported_type(kind, d);
  switch (kind) {
    case ColumnKind::integer:
      return "BIGINT";
    case ColumnKind::real:
      return "DOUBLE PRECISION";
    case ColumnKind::boolean:
      return "BOOLEAN";
    case ColumnKind::timestamp:
      return "TIMESTAMPTZ";
    case ColumnKind::text:
    case ColumnKind::list:
      return "TEXT COLLATE \"C\"";
  }
  return "TEXT";
}

std::string index_name(const TableSchema& t, const IndexSchema& i) {
  std::string name = t.table;
  for (const auto& c : i.columns)
    if (c != "org_id" && c != "id") name += "_" + c;
  return name + (i.unique ? "_key" : "_idx");
}

}  // namespace

std::string create_table_sql(const TableSchema& t, Dialect d) {
  std::string sql = "CREATE TABLE IF NOT EXISTS " + t.table + " (\n";
  for (const auto& c : t.columns) {
    sql += "  " + c.name + " " + ddl_type(c.kind, d);
    if (c.name == "id") sql += " PRIMARY KEY";
    if (!c.nullable) sql += " NOT NULL";
    if (c.name == "org_id") sql += " REFERENCES organizations (id)";
    if (!t.owner_column.empty() && c.name == t.owner_column)
      sql += " REFERENCES " + t.owner_table + " (id)";
    sql += ",\n";
  }
  sql.resize(sql.size() - 2);
  return sql + "\n)";
}

std::vector<std::string> create_index_sql(const TableSchema& t) {
  std::vector<IndexSchema> all = t.indexes;
  all.insert(all.begin(), IndexSchema{{"org_id", "id"}, false});
  std::vector<std::string> out;
  for (const auto& i : all) {
    std::string cols;
    for (const auto& c : i.columns) cols += (cols.empty() ? "" : ", ") + c;
    const std::string name = i.columns.size() == 2 && !i.unique && i.columns[1] == "id"
                                 ? t.table + "_org"
                                 : index_name(t, i);
    out.push_back(std::string("CREATE ") + (i.unique ? "UNIQUE " : "") + "INDEX IF NOT EXISTS " +
                  name + " ON " + t.table + " (" + cols + ")");
  }
  return out;
}

}  // namespace riskloop::store
