// SQLite engine: WAL, synchronous=FULL, foreign keys, busy timeout, cached prepared statements.
#include "store/sqlite/sqlite_connection.hpp"

#include <sqlite3.h>

namespace riskloop::store {

Result<std::unique_ptr<SqliteConnection>> SqliteConnection::open(const SqliteOpen& o) {
  sqlite3* db = nullptr;
  int flags = SQLITE_OPEN_NOMUTEX | (o.read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE);
  if (o.create && !o.read_only) flags |= SQLITE_OPEN_CREATE;
  const int rc = sqlite3_open_v2(o.path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close_v2(db);
    if (rc == SQLITE_CANTOPEN)
      return fail(ErrorCode::not_found, "cannot open database " + o.path + ": " + message);
    return fail(ErrorCode::storage, "cannot open database " + o.path + ": " + message);
  }
  std::unique_ptr<SqliteConnection> c(new SqliteConnection(db));
  sqlite3_busy_timeout(db, o.busy_timeout_ms);
  sqlite3_extended_result_codes(db, 1);
  RL_CHECK(c->execute_script(
      "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; PRAGMA trusted_schema = OFF;"));
  if (!o.read_only) {
    const auto mode = RL_TRY(c->query("PRAGMA journal_mode = WAL", {}));
    if (mode.empty() || sql_text(mode[0][0]) != "wal")
      return fail(ErrorCode::storage, "cannot switch " + o.path + " to WAL mode");
    // For the writer, a page cache of 16 MB instead of 2: a batch of bulk rows (10,000 rows in
    // five B-trees) stays in memory until its commit instead of being spilled to the WAL and
    // read back. And a checkpoint once the WAL holds 16,384 pages (64 MB) instead of 1,000: not
    // after every bulk batch's commit, and each page rewritten by several batches is copied
    // back once. Commits stay durable as before (synchronous=FULL syncs the WAL at each one);
    // docs/benchmarks.md, bulk import 2026-12-02.
    RL_CHECK(c->execute_script("PRAGMA cache_size = -16384; PRAGMA wal_autocheckpoint = 16384;"));
  } else {
    RL_CHECK(c->execute_script("PRAGMA query_only = ON;"));
  }
  // A file that is not a database fails here rather than at first use.
  RL_CHECK(c->query("SELECT count(*) FROM sqlite_schema", {}));
  return c;
}

SqliteConnection::~SqliteConnection() {
  for (auto& [sql, s] : cache_) sqlite3_finalize(s.stmt);
  sqlite3_close_v2(db_);
}

Error SqliteConnection::error(std::string_view what) const {
  const int code = sqlite3_extended_errcode(db_);
  const std::string detail = sqlite3_errmsg(db_);
  switch (code) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      return {ErrorCode::conflict, "already exists (" + detail + ")", {}};
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      return {ErrorCode::conflict, "refers to a record that does not exist, or is still referred to", {}};
    default:
      return {ErrorCode::storage, std::string(what) + ": " + detail, {}};
  }
}

Result<SqliteConnection::Statement*> SqliteConnection::prepare(std::string_view sql) {
  auto it = cache_.find(sql);
  if (it != cache_.end()) return &it->second;
  Statement s;
  if (sqlite3_prepare_v3(db_, sql.data(), int(sql.size()), SQLITE_PREPARE_PERSISTENT, &s.stmt,
                         nullptr) != SQLITE_OK)
    return tl::unexpected(error("cannot prepare statement"));
  const int n = sqlite3_bind_parameter_count(s.stmt);
  for (int k = 1; k <= n; ++k) {
    const std::string name = "$" + std::to_string(k);
    const int index = sqlite3_bind_parameter_index(s.stmt, name.c_str());
    if (index == 0) break;
    s.param_index.push_back(index);
  }
  return &cache_.emplace(std::string(sql), s).first->second;
}

Status SqliteConnection::bind(Statement& s, std::span<const SqlValue> params) {
  sqlite3_reset(s.stmt);
  sqlite3_clear_bindings(s.stmt);
  if (params.size() < s.param_index.size())
    return fail(ErrorCode::internal, "statement needs " + std::to_string(s.param_index.size()) +
                                         " parameters, got " + std::to_string(params.size()));
  for (std::size_t k = 0; k < s.param_index.size(); ++k) {
    const int i = s.param_index[k];
    const SqlValue& v = params[k];
    int rc = SQLITE_OK;
    if (const auto* p = std::get_if<std::int64_t>(&v)) rc = sqlite3_bind_int64(s.stmt, i, *p);
    else if (const auto* b = std::get_if<bool>(&v)) rc = sqlite3_bind_int(s.stmt, i, *b ? 1 : 0);
    else if (const auto* d = std::get_if<double>(&v)) rc = sqlite3_bind_double(s.stmt, i, *d);
    else if (const auto* t = std::get_if<std::string>(&v))
      rc = sqlite3_bind_text(s.stmt, i, t->data(), int(t->size()), SQLITE_STATIC);
    else rc = sqlite3_bind_null(s.stmt, i);
    if (rc != SQLITE_OK) return tl::unexpected(error("cannot bind parameter"));
  }
  return {};
}

Result<std::vector<SqlRow>> SqliteConnection::query(std::string_view sql,
                                                    std::span<const SqlValue> params) {
  Statement* s = RL_TRY(prepare(sql));
  RL_CHECK(bind(*s, params));
  std::vector<SqlRow> rows;
  const int columns = sqlite3_column_count(s->stmt);
  for (;;) {
    const int rc = sqlite3_step(s->stmt);
    if (rc == SQLITE_DONE) break;
    if (rc != SQLITE_ROW) {
      auto e = error("query failed");
      sqlite3_reset(s->stmt);
      return tl::unexpected(e);
    }
    SqlRow row;
    row.reserve(columns);
    for (int c = 0; c < columns; ++c) {
      switch (sqlite3_column_type(s->stmt, c)) {
        case SQLITE_INTEGER: row.emplace_back(std::int64_t{sqlite3_column_int64(s->stmt, c)}); break;
        case SQLITE_FLOAT: row.emplace_back(sqlite3_column_double(s->stmt, c)); break;
        case SQLITE_NULL: row.emplace_back(std::monostate{}); break;
        default: {
          const auto* text = reinterpret_cast<const char*>(sqlite3_column_blob(s->stmt, c));
          row.emplace_back(std::string(text ? text : "", sqlite3_column_bytes(s->stmt, c)));
        }
      }
    }
    rows.push_back(std::move(row));
  }
  sqlite3_reset(s->stmt);
  return rows;
}

Result<std::int64_t> SqliteConnection::execute(std::string_view sql,
                                               std::span<const SqlValue> params) {
  Statement* s = RL_TRY(prepare(sql));
  RL_CHECK(bind(*s, params));
  int rc;
  while ((rc = sqlite3_step(s->stmt)) == SQLITE_ROW) {
  }
  if (rc != SQLITE_DONE) {
    auto e = error("statement failed");
    sqlite3_reset(s->stmt);
    return tl::unexpected(e);
  }
  sqlite3_reset(s->stmt);
  return std::int64_t{sqlite3_changes64(db_)};
}

Status SqliteConnection::execute_script(std::string_view sql) {
  char* message = nullptr;
  const std::string text(sql);
  if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    auto e = error("script failed");
    sqlite3_free(message);
    return tl::unexpected(e);
  }
  return {};
}

Status SqliteConnection::begin_write() { return execute("BEGIN IMMEDIATE", {}).map([](auto) {}); }
Status SqliteConnection::begin_read() { return execute("BEGIN", {}).map([](auto) {}); }
Status SqliteConnection::commit() { return execute("COMMIT", {}).map([](auto) {}); }
Status SqliteConnection::rollback() {
  if (sqlite3_get_autocommit(db_)) return {};  // nothing open
  return execute("ROLLBACK", {}).map([](auto) {});
}

}  // namespace riskloop::store
