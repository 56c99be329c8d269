// Appending bulk rows: COPY on PostgreSQL, multi-row INSERT elsewhere.
#include "store/bulk_rows.hpp"

#include "store/postgres/postgres_connection.hpp"

namespace riskloop::store {

namespace {

// INSERT INTO table (columns) VALUES ($1..$k), (...) for `count` rows.
std::string insert_sql(std::string_view table, std::span<const std::string> columns,
                       std::size_t count) {
  std::string sql = "INSERT INTO " + std::string(table) + " (";
  for (std::size_t c = 0; c < columns.size(); ++c) sql += (c ? ", " : "") + columns[c];
  sql += ") VALUES ";
  std::size_t param = 0;
  for (std::size_t r = 0; r < count; ++r) {
    sql += r ? ",(" : "(";
    for (std::size_t c = 0; c < columns.size(); ++c)
      sql += (c ? ",$" : "$") + std::to_string(++param);
    sql += ')';
  }
  return sql;
}

}  // namespace

Status append_rows(Tx& tx, std::string_view table, std::span<const std::string> columns,
                   std::span<const SqlValue> values) {
  if (columns.empty() || values.size() % columns.size() != 0)
    return fail(ErrorCode::internal, "append_rows: values do not fill whole rows");
  if (auto* postgres = dynamic_cast<PostgresConnection*>(&tx.sql()))
    return postgres->copy_rows(table, columns, values);
  // SQLite allows 32,766 parameters per statement; 250 rows keep well below for any bulk type.
  constexpr std::size_t kRowsPerStatement = 250;
  const std::size_t rows = values.size() / columns.size();
  const std::string full = insert_sql(table, columns, kRowsPerStatement);
  for (std::size_t start = 0; start < rows; start += kRowsPerStatement) {
    const std::size_t n = std::min(kRowsPerStatement, rows - start);
    const auto chunk = values.subspan(start * columns.size(), n * columns.size());
    RL_CHECK(tx.sql().execute(n == kRowsPerStatement ? full : insert_sql(table, columns, n), chunk));
  }
  return {};
}

}  // namespace riskloop::store
