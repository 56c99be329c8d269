// Builds the per-record-type SQL text.
#include "store/record_sql.hpp"

#include <algorithm>

namespace riskloop::store {

bool RecordSql::has_column(std::string_view name) const {
  return std::find(columns.begin(), columns.end(), name) != columns.end();
}

bool RecordSql::is_never_null(std::string_view name) const {
  return std::find(never_null.begin(), never_null.end(), name) != never_null.end();
}

RecordSql make_record_sql(std::string_view table_name, std::vector<std::string> columns,
                          bool scoped, std::vector<std::string> never_null) {
  RecordSql s;
  const std::string table(table_name);
  s.columns = std::move(columns);
  s.never_null = std::move(never_null);
  std::string placeholders;
  for (std::size_t i = 0; i < s.columns.size(); ++i) {
    s.select_list += (i ? ", " : "") + s.columns[i];
    placeholders += (i ? ", $" : "$") + std::to_string(i + 1);
  }
  s.insert = "INSERT INTO " + table + " (" + s.select_list + ") VALUES (" + placeholders + ")";

  // Parameters of update: the whole row in column order ($1 = id, $2 = org_id when scoped), then
  // the expected version.
  std::string sets;
  const std::size_t first_settable = scoped ? 2 : 1;
  for (std::size_t i = first_settable; i < s.columns.size(); ++i)
    sets += (sets.empty() ? "" : ", ") + s.columns[i] + " = $" + std::to_string(i + 1);
  const std::string key = scoped ? "id = $1 AND org_id = $2" : "id = $1";
  s.version_param = s.columns.size() + 1;
  s.update = "UPDATE " + table + " SET " + sets + " WHERE " + key +
             " AND version = $" + std::to_string(s.version_param);
  s.remove = "DELETE FROM " + table + " WHERE " + key + " AND version = $" + (scoped ? "3" : "2");
  s.by_id = "SELECT " + s.select_list + " FROM " + table + " WHERE " + key;
  return s;
}

}  // namespace riskloop::store
