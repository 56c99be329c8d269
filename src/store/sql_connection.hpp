// One connection to a SQL database: the seam between the generic store and each database engine.
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "store/sql_value.hpp"

namespace riskloop::store {

// SQL given to a connection uses $1, $2, ... placeholders (both SQLite and PostgreSQL read them).
// Errors: unique and foreign-key violations are ErrorCode::conflict, everything else ::storage.
class SqlConnection {
 public:
  virtual ~SqlConnection() = default;

  virtual Result<std::vector<SqlRow>> query(std::string_view sql,
                                            std::span<const SqlValue> params = {}) = 0;
  // Returns the number of rows changed.
  virtual Result<std::int64_t> execute(std::string_view sql,
                                       std::span<const SqlValue> params = {}) = 0;
  // Several statements without parameters (migrations).
  virtual Status execute_script(std::string_view sql) = 0;

  virtual Status begin_write() = 0;  // takes the write lock now
  virtual Status begin_read() = 0;   // a consistent snapshot for several reads
  virtual Status commit() = 0;
  virtual Status rollback() = 0;
};

}  // namespace riskloop::store
