// PostgreSQL Store: migrations at open under a lock, reader connections on demand.
#include "store/postgres/postgres_store.hpp"

#include "store/postgres/postgres_connection.hpp"

namespace riskloop::store {

const std::vector<Migration>& postgres_migrations();

namespace {

class PostgresStore final : public SqlStore {
 public:
  PostgresStore(std::unique_ptr<PostgresConnection> writer, std::string url, const StoreOptions& o)
      : SqlStore(std::move(writer), o.max_group), url_(std::move(url)),
        declared_(o.declared_tables), up_to_(o.migrate_up_to) {}

  Status init() {
    // Nodes starting together: the first applies the migrations, the others then find them done.
    auto& db = static_cast<PostgresConnection&>(writer());
    RL_CHECK(db.lock_migrations());
    Status migrated =
        migrate(postgres_migrations(),
                "CREATE TABLE IF NOT EXISTS schema_migrations (number BIGINT PRIMARY KEY, "
                "name TEXT NOT NULL, applied_at TEXT NOT NULL)",
                up_to_);
    if (migrated && up_to_ == std::numeric_limits<int>::max())
      migrated = ensure_declared(declared_, Dialect::postgresql);
    const Status unlocked = db.unlock_migrations();
    return migrated ? unlocked : migrated;
  }

  Status backup_to(const std::string&) override {
    return fail(ErrorCode::validation,
                "online backup is built in for SQLite stores only; back up a PostgreSQL store with "
                "pg_dump (or the server's own backup tools)");
  }

  std::string kind() const override { return "postgresql"; }

 protected:
  Result<std::unique_ptr<SqlConnection>> open_reader() override {
    auto c = RL_TRY(PostgresConnection::open(url_));
    return std::unique_ptr<SqlConnection>(std::move(c));
  }

 private:
  std::string url_;
  std::vector<TableSchema> declared_;
  int up_to_;
};

}  // namespace

Result<std::unique_ptr<Store>> open_postgres_store(const std::string& url,
                                                   const StoreOptions& options) {
  auto writer = RL_TRY(PostgresConnection::open(url));
  auto store = std::make_unique<PostgresStore>(std::move(writer), url, options);
  RL_CHECK(store->init());
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace riskloop::store
