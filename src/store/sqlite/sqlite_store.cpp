// SQLite Store: migrations at open, reader connections on demand, online backup.
#include "store/sqlite/sqlite_store.hpp"

#include <sqlite3.h>
#include <sys/stat.h>

#include "store/sqlite/sqlite_connection.hpp"

namespace riskloop::store {

const std::vector<Migration>& sqlite_migrations();

namespace {

class SqliteStore final : public SqlStore {
 public:
  SqliteStore(std::unique_ptr<SqlConnection> writer, std::string path, const StoreOptions& o)
      : SqlStore(std::move(writer), o.max_group), path_(std::move(path)), options_(o) {}

  Status init() {
    RL_CHECK(migrate(sqlite_migrations(),
                     "CREATE TABLE IF NOT EXISTS schema_migrations (number INTEGER PRIMARY KEY, "
                     "name TEXT NOT NULL, applied_at TEXT NOT NULL)",
                     options_.migrate_up_to));
    if (options_.migrate_up_to != std::numeric_limits<int>::max()) return {};
    return ensure_declared(options_.declared_tables, Dialect::sqlite);
  }

  Status backup_to(const std::string& target) override {
    struct stat st;
    if (::stat(target.c_str(), &st) == 0)
      return fail(ErrorCode::conflict, "backup target " + target + " already exists");
    auto source = RL_TRY(open_reader());
    auto dest = RL_TRY(SqliteConnection::open({.path = target, .create = true}));
    sqlite3_backup* b = sqlite3_backup_init(dest->handle(), "main",
                                            static_cast<SqliteConnection&>(*source).handle(), "main");
    if (!b)
      return fail(ErrorCode::storage, std::string("backup failed: ") + sqlite3_errmsg(dest->handle()));
    const int rc = sqlite3_backup_step(b, -1);  // all pages in one step: one consistent snapshot
    sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE)
      return fail(ErrorCode::storage, std::string("backup failed: ") + sqlite3_errstr(rc));
    return {};
  }

  std::string kind() const override { return "sqlite"; }

 protected:
  Result<std::unique_ptr<SqlConnection>> open_reader() override {
    auto c = RL_TRY(SqliteConnection::open(
        {.path = path_, .read_only = true, .busy_timeout_ms = options_.busy_timeout_ms}));
    return std::unique_ptr<SqlConnection>(std::move(c));
  }

 private:
  std::string path_;
  StoreOptions options_;
};

}  // namespace

Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path, const StoreOptions& o) {
  auto writer = RL_TRY(SqliteConnection::open(
      {.path = path, .create = o.create, .busy_timeout_ms = o.busy_timeout_ms}));
  auto store = std::make_unique<SqliteStore>(std::move(writer), path, o);
  RL_CHECK(store->init());
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace riskloop::store
