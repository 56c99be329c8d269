// SqlConnection over one sqlite3 handle, with a cache of prepared statements.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "store/sql_connection.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace riskloop::store {

struct SqliteOpen {
  std::string path;
  bool create = false;
  bool read_only = false;
  int busy_timeout_ms = 5000;
};

class SqliteConnection final : public SqlConnection {
 public:
  [[nodiscard]] static Result<std::unique_ptr<SqliteConnection>> open(const SqliteOpen& options);
  ~SqliteConnection() override;

  Result<std::vector<SqlRow>> query(std::string_view sql, std::span<const SqlValue> params) override;
  Result<std::int64_t> execute(std::string_view sql, std::span<const SqlValue> params) override;
  Status execute_script(std::string_view sql) override;
  Status begin_write() override;
  Status begin_read() override;
  Status commit() override;
  Status rollback() override;

  sqlite3* handle() { return db_; }

 private:
  struct Statement {
    sqlite3_stmt* stmt = nullptr;
    std::vector<int> param_index;  // $k -> SQLite's parameter index
  };
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  Result<Statement*> prepare(std::string_view sql);
  Status bind(Statement& s, std::span<const SqlValue> params);
  Error error(std::string_view what) const;

  // Looked up by string_view: a hit costs no copy of the SQL text.
  struct TextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };

  sqlite3* db_;
  std::unordered_map<std::string, Statement, TextHash, std::equal_to<>> cache_;
};

}  // namespace riskloop::store
