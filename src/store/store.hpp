// The Store: riskloop's durable state behind one small interface.
//
//   auto store = RL_TRY(Store::open({.url = "sqlite:var/riskloop.db"}));
//   RL_CHECK(store->transaction([&](Tx& tx) -> Status { ... }));
//
// Guarantees:
// - transaction(fn): fn's writes are committed durably (fsync) when it returns success, or not at
//   all. fn runs serially with every other write; concurrent callers are committed together (group
//   commit), each isolated by a savepoint, so one caller's failure never undoes another's work.
//   fn must not call back into the store.
// - read(fn): fn sees one consistent snapshot; it may run in parallel with writes and other reads.
// - Schema migrations are applied by open(), each in its own transaction, and recorded.
#pragma once

#include <functional>
#include <limits>
#include <memory>
#include <string>

#include "core/error.hpp"
#include "store/declared_schema.hpp"
#include "store/tx.hpp"

namespace riskloop::store {

struct StoreOptions {
  // "sqlite:PATH" (or a bare path) for the embedded default;
  // "postgresql://user@host:port/db" for PostgreSQL.
  std::string url = "sqlite:var/riskloop.db";
  // Most write callers committed in one group.
  int max_group = 256;
  // How long SQLite waits for a lock held by another process before failing.
  int busy_timeout_ms = 5000;
  // Create the database if it does not exist (false: fail with not_found).
  bool create = true;
  // Tables of declared record types, created (with their indexes) after the migrations when
  // missing; an existing one must match its declaration (app::declared_tables() lists them all).
  std::vector<TableSchema> declared_tables;
  // Apply migrations up to this number only, and create no declared table: a database as an
  // older release left it, for upgrade tests. Never set in production.
  int migrate_up_to = std::numeric_limits<int>::max();
};

class Store {
 public:
  virtual ~Store() = default;

  [[nodiscard]] static Result<std::unique_ptr<Store>> open(const StoreOptions& options);

  [[nodiscard]] virtual Status transaction(const std::function<Status(Tx&)>& fn) = 0;
  [[nodiscard]] virtual Status read(const std::function<Status(Tx&)>& fn) = 0;

  // Consistent online copy to `path` (which must not exist). SQLite only.
  [[nodiscard]] virtual Status backup_to(const std::string& path) = 0;

  // "sqlite" or "postgresql".
  virtual std::string kind() const = 0;
  // Applied migration numbers, for diagnostics and tests.
  [[nodiscard]] virtual Result<std::vector<int>> applied_migrations() = 0;
};

}  // namespace riskloop::store
