// SqlConnection over one libpq connection, with a cache of server-side prepared statements.
#pragma once

#include <memory>
#include <string>
#include <unordered_map>

#include "store/sql_connection.hpp"

struct pg_conn;
struct pg_result;

namespace riskloop::store {

class PostgresConnection final : public SqlConnection {
 public:
  // `url`: a libpq connection URI ("postgresql://user@host:port/db?..."). Failure to connect is
  // ErrorCode::storage; the message names user, host, port and database but never a password.
  [[nodiscard]] static Result<std::unique_ptr<PostgresConnection>> open(const std::string& url);
  ~PostgresConnection() override;
  PostgresConnection(const PostgresConnection&) = delete;
  PostgresConnection& operator=(const PostgresConnection&) = delete;

  Result<std::vector<SqlRow>> query(std::string_view sql,
                                    std::span<const SqlValue> params) override;
  Result<std::int64_t> execute(std::string_view sql, std::span<const SqlValue> params) override;
  Status execute_script(std::string_view sql) override;
  // READ COMMITTED plus a transaction-level advisory lock: one writer at a time across every
  // process using the database, and each statement after the lock sees all earlier commits.
  Status begin_write() override;
  // REPEATABLE READ READ ONLY: one snapshot for the whole read.
  Status begin_read() override;
  // Fails (storage) when the server rolled back instead, i.e. a statement in it had failed.
  Status commit() override;
  Status rollback() override;

  // Appends rows to `table` with COPY FROM STDIN (text format): `values` holds the rows one after
  // the other, columns.size() values each. Many times faster than INSERT for bulk rows.
  Status copy_rows(std::string_view table, std::span<const std::string> columns,
                   std::span<const SqlValue> values);

  // Holds or releases the migration lock (session level): schema changes by several processes
  // starting at once happen one after the other.
  Status lock_migrations();
  Status unlock_migrations();

 private:
  struct ResultDeleter {
    void operator()(pg_result* r) const;
  };
  using PgResult = std::unique_ptr<pg_result, ResultDeleter>;

  explicit PostgresConnection(pg_conn* conn) : conn_(conn) {}
  Status prepare_session();
  Status ensure_ready();
  Status begin(const char* sql);
  Result<PgResult> run(std::string_view sql, std::span<const SqlValue> params);
  Result<PgResult> run_simple(std::string_view sql);
  Error error(std::string_view what, const pg_result* result) const;

  pg_conn* conn_;
  // Statement name by parameter type signature + SQL text (types are fixed at prepare time).
  std::unordered_map<std::string, std::string> cache_;
  std::size_t next_statement_ = 0;
};

}  // namespace riskloop::store
