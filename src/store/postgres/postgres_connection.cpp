// PostgreSQL engine: libpq, text-format parameters with typed numbers, cached prepared statements,
// and an advisory lock that serializes writers across app nodes (the journal is one hash chain).
#include "store/postgres/postgres_connection.hpp"

#include <libpq-fe.h>

#include <array>
#include <charconv>
#include <cstring>

namespace riskloop::store {

namespace {

// Built-in type OIDs (fixed in PostgreSQL's catalog, pg_type.dat).
constexpr Oid kBoolOid = 16;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kOidOid = 26;
constexpr Oid kFloat4Oid = 700;
constexpr Oid kFloat8Oid = 701;
constexpr Oid kNumericOid = 1700;
constexpr Oid kTimestamptzOid = 1184;

// Advisory lock keys, per database. Writers take the first for the length of a transaction; open()
// holds the second while it applies migrations. ASCII "rl-write" and "rl-migra".
constexpr const char* kWriteLockSql = "SELECT pg_advisory_xact_lock(8245015008852407397)";
constexpr const char* kMigrationLock = "SELECT pg_advisory_lock(8245014965751607905)";
constexpr const char* kMigrationUnlock = "SELECT pg_advisory_unlock(8245014965751607905)";

// Statements kept prepared per connection before the cache is emptied (at the next begin).
constexpr std::size_t kMaxCachedStatements = 1000;

// Unique and foreign-key violations: the SQLSTATEs the Store contract maps to conflict.
constexpr std::string_view kUniqueViolation = "23505";
constexpr std::string_view kForeignKeyViolation = "23503";

void ignore_notice(void*, const char*) {}

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ' || s.back() == '\t')) s.pop_back();
  return s;
}

// "user@host:port/dbname" of a connection URI, without its password.
std::string describe(const std::string& url) {
  char* parse_error = nullptr;
  PQconninfoOption* options = PQconninfoParse(url.c_str(), &parse_error);
  if (!options) {
    PQfreemem(parse_error);
    return "(unreadable connection URL)";
  }
  std::string user, host, port, dbname;
  for (PQconninfoOption* o = options; o->keyword; ++o) {
    if (!o->val) continue;
    const std::string_view key = o->keyword;
    if (key == "user")
      user = o->val;
    else if (key == "host")
      host = o->val;
    else if (key == "port")
      port = o->val;
    else if (key == "dbname")
      dbname = o->val;
  }
  PQconninfoFree(options);
  std::string out = user.empty() ? "" : user + "@";
  out += host.empty() ? "localhost" : host;
  if (!port.empty()) out += ":" + port;
  return out + "/" + dbname;
}

// `$k` values are sent as text. Integers and reals carry their type; text, yes/no and NULL are
// left for the server to infer from where they are used, as a quoted literal would be (yes/no is
// sent as "1" or "0", which BOOLEAN and the BIGINT columns of older tables both read).
char signature_of(const SqlValue& v) {
  if (std::holds_alternative<std::int64_t>(v)) return 'i';
  if (std::holds_alternative<double>(v)) return 'd';
  if (std::holds_alternative<bool>(v)) return 'b';
  return 'u';
}

Oid oid_of(char signature) {
  switch (signature) {
    case 'i':
      return kInt8Oid;
    case 'd':
      return kFloat8Oid;
    default:
      return 0;
  }
}

template <class Number>
std::string number_text(Number n) {
  std::array<char, 64> buffer;
  const auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), n);
  return std::string(buffer.data(), ec == std::errc() ? end : buffer.data());
}

template <class Number>
bool parse_number(std::string_view text, Number& out) {
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size();
}

// "2026-11-25 15:06:11.1234+00" (ISO style, UTC session) -> "2026-11-25T15:06:11.123Z", the one
// text form riskloop uses for times (core/time.hpp); anything else is left as it came.
std::string canonical_time(std::string_view pg) {
  if (pg.size() < 22 || pg[10] != ' ' || pg.substr(pg.size() - 3) != "+00") return std::string(pg);
  std::string out(pg.substr(0, 19));
  out[10] = 'T';
  std::string_view fraction = pg.substr(19, pg.size() - 22);
  if (!fraction.empty() && fraction.front() == '.') fraction.remove_prefix(1);
  std::string millis(fraction.substr(0, 3));
  millis.resize(3, '0');
  return out + "." + millis + "Z";
}

SqlValue column_value(const PGresult* r, int row, int column, Oid type) {
  if (PQgetisnull(r, row, column)) return std::monostate{};
  const std::string_view text(PQgetvalue(r, row, column), std::size_t(PQgetlength(r, row, column)));
  switch (type) {
    case kInt2Oid:
    case kInt4Oid:
    case kInt8Oid:
    case kOidOid: {
      std::int64_t i = 0;
      if (parse_number(text, i)) return i;
      break;
    }
    case kNumericOid: {  // SUM and AVG of integers: whole numbers stay integers, as in SQLite
      std::int64_t i = 0;
      if (parse_number(text, i)) return i;
      double d = 0;
      if (parse_number(text, d)) return d;
      break;
    }
    case kFloat4Oid:
    case kFloat8Oid: {
      double d = 0;
      if (parse_number(text, d)) return d;
      break;
    }
    case kBoolOid:  // BOOLEAN columns of declared tables; it goes back as a parameter as it came
      return text == "t";
    case kTimestamptzOid:
      return canonical_time(text);
    default:
      break;
  }
  return std::string(text);
}

}  // namespace

void PostgresConnection::ResultDeleter::operator()(pg_result* r) const {
  PQclear(r);
}

Result<std::unique_ptr<PostgresConnection>> PostgresConnection::open(const std::string& url) {
  // Keywords before dbname are defaults: the URL's own values override them.
  const char* keywords[] = {"application_name", "client_encoding", "connect_timeout", "dbname",
                            nullptr};
  const char* values[] = {"riskloop", "UTF8", "10", url.c_str(), nullptr};
  pg_conn* conn = PQconnectdbParams(keywords, values, /*expand_dbname=*/1);
  if (!conn) return fail(ErrorCode::storage, "cannot connect to PostgreSQL: out of memory");
  std::unique_ptr<PostgresConnection> c(new PostgresConnection(conn));
  if (PQstatus(conn) != CONNECTION_OK)
    return fail(ErrorCode::storage, "cannot connect to PostgreSQL at " + describe(url) + ": " +
                                        trimmed(PQerrorMessage(conn)));
  RL_CHECK(c->prepare_session());
  return c;
}

PostgresConnection::~PostgresConnection() {
  PQfinish(conn_);
}

Status PostgresConnection::prepare_session() {
  // Server notices ("relation already exists, skipping") are not errors; keep them off stderr.
  PQsetNoticeProcessor(conn_, ignore_notice, nullptr);
  // Times are stored as text written by riskloop; this only fixes how the server prints its own
  // (schema_migrations.applied_at).
  RL_TRY(run_simple("SET TIME ZONE 'UTC'"));
  // TIMESTAMPTZ columns of declared tables print as ISO text, which column_value reads.
  RL_TRY(run_simple("SET DateStyle = 'ISO'"));
  return {};
}

Error PostgresConnection::error(std::string_view what, const pg_result* r) const {
  const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
  const char* primary = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  const std::string message = trimmed(primary ? primary : PQerrorMessage(conn_));
  if (state && state == kUniqueViolation)
    return {ErrorCode::conflict, "already exists (" + message + ")", {}};
  if (state && state == kForeignKeyViolation)
    return {
        ErrorCode::conflict, "refers to a record that does not exist, or is still referred to", {}};
  return {ErrorCode::storage, std::string(what) + ": " + message, {}};
}

Result<PostgresConnection::PgResult> PostgresConnection::run_simple(std::string_view sql) {
  const std::string text(sql);
  PgResult r(PQexec(conn_, text.c_str()));
  const auto status = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    return tl::unexpected(error("statement failed", r.get()));
  return r;
}

Result<PostgresConnection::PgResult> PostgresConnection::run(std::string_view sql,
                                                             std::span<const SqlValue> params) {
  std::string key;
  key.reserve(params.size() + 1 + sql.size());
  for (const auto& p : params) key += signature_of(p);
  key += '|';
  key += sql;

  auto it = cache_.find(key);
  if (it == cache_.end()) {
    const std::string name = "riskloop_" + std::to_string(++next_statement_);
    std::vector<Oid> types;
    types.reserve(params.size());
    for (const auto& p : params) types.push_back(oid_of(signature_of(p)));
    const std::string text(sql);
    PgResult prepared(
        PQprepare(conn_, name.c_str(), text.c_str(), int(types.size()), types.data()));
    if (!prepared || PQresultStatus(prepared.get()) != PGRES_COMMAND_OK)
      return tl::unexpected(error("cannot prepare statement", prepared.get()));
    it = cache_.emplace(std::move(key), name).first;
  }

  // Text format throughout: libpq needs NUL-terminated strings, and PostgreSQL text cannot hold
  // NUL characters anyway.
  std::vector<std::string> numbers(params.size());
  std::vector<const char*> values(params.size(), nullptr);
  for (std::size_t k = 0; k < params.size(); ++k) {
    const SqlValue& v = params[k];
    if (const auto* i = std::get_if<std::int64_t>(&v)) {
      numbers[k] = number_text(*i);
      values[k] = numbers[k].c_str();
    } else if (const auto* d = std::get_if<double>(&v)) {
      numbers[k] = number_text(*d);  // shortest text that reads back as the same double
      values[k] = numbers[k].c_str();
    } else if (const auto* b = std::get_if<bool>(&v)) {
      values[k] = *b ? "1" : "0";
    } else if (const auto* t = std::get_if<std::string>(&v)) {
      if (t->find('\0') != std::string::npos)
        return fail(ErrorCode::validation, "parameter $" + std::to_string(k + 1) +
                                               " contains a NUL character, which text cannot hold");
      values[k] = t->c_str();
    }
  }
  PgResult r(PQexecPrepared(conn_, it->second.c_str(), int(values.size()), values.data(), nullptr,
                            nullptr, /*resultFormat=*/0));
  const auto status = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    return tl::unexpected(error("statement failed", r.get()));
  return r;
}

namespace {

// COPY text format: backslash escapes for the characters that delimit fields and rows.
void append_copy_text(std::string& out, std::string_view text) {
  for (char ch : text) {
    switch (ch) {
      case '\\': out += "\\\\"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      default: out.push_back(ch);
    }
  }
}

}  // namespace

Status PostgresConnection::copy_rows(std::string_view table, std::span<const std::string> columns,
                                     std::span<const SqlValue> values) {
  if (columns.empty() || values.size() % columns.size() != 0)
    return fail(ErrorCode::internal, "copy_rows: values do not fill whole rows");
  std::string sql = "COPY " + std::string(table) + " (";
  for (std::size_t c = 0; c < columns.size(); ++c) sql += (c ? ", " : "") + columns[c];
  sql += ") FROM STDIN";
  PgResult started(PQexec(conn_, sql.c_str()));
  if (!started || PQresultStatus(started.get()) != PGRES_COPY_IN)
    return tl::unexpected(error("cannot start copying rows", started.get()));

  std::string buffer;
  buffer.reserve(1 << 20);
  std::string failure;
  const auto send = [&]() {
    if (failure.empty() && PQputCopyData(conn_, buffer.data(), int(buffer.size())) != 1)
      failure = PQerrorMessage(conn_);
    buffer.clear();
  };
  for (std::size_t k = 0; k < values.size(); ++k) {
    const SqlValue& v = values[k];
    if (const auto* i = std::get_if<std::int64_t>(&v)) {
      buffer += number_text(*i);
    } else if (const auto* d = std::get_if<double>(&v)) {
      buffer += number_text(*d);
    } else if (const auto* t = std::get_if<std::string>(&v)) {
      if (t->find('\0') != std::string::npos && failure.empty())
        failure = "a text value contains a NUL character, which text cannot hold";
      append_copy_text(buffer, *t);
    } else {
      buffer += "\\N";
    }
    buffer.push_back((k + 1) % columns.size() == 0 ? '\n' : '\t');
    if (buffer.size() >= (1 << 20)) send();
  }
  if (!buffer.empty()) send();
  // Ending with an error message makes the server discard the rows.
  if (PQputCopyEnd(conn_, failure.empty() ? nullptr : failure.c_str()) != 1 && failure.empty())
    failure = PQerrorMessage(conn_);
  Status result;
  while (PGresult* raw = PQgetResult(conn_)) {
    PgResult r(raw);
    if (PQresultStatus(r.get()) != PGRES_COMMAND_OK && result)
      result = tl::unexpected(error("cannot copy rows", r.get()));
  }
  if (!failure.empty() && result) return fail(ErrorCode::storage, "cannot copy rows: " + trimmed(failure));
  return result;
}

Result<std::vector<SqlRow>> PostgresConnection::query(std::string_view sql,
                                                      std::span<const SqlValue> params) {
  const PgResult r = RL_TRY(run(sql, params));
  const int rows = PQntuples(r.get());
  const int columns = PQnfields(r.get());
  std::vector<Oid> types;
  for (int c = 0; c < columns; ++c) types.push_back(PQftype(r.get(), c));
  std::vector<SqlRow> out;
  out.reserve(std::size_t(rows));
  for (int i = 0; i < rows; ++i) {
    SqlRow row;
    row.reserve(types.size());
    for (int c = 0; c < columns; ++c)
      row.push_back(column_value(r.get(), i, c, types[std::size_t(c)]));
    out.push_back(std::move(row));
  }
  return out;
}

Result<std::int64_t> PostgresConnection::execute(std::string_view sql,
                                                 std::span<const SqlValue> params) {
  const PgResult r = RL_TRY(run(sql, params));
  std::int64_t changed = 0;
  (void)parse_number(std::string_view(PQcmdTuples(r.get())), changed);  // "" for utility statements
  return changed;
}

Status PostgresConnection::execute_script(std::string_view sql) {
  // The simple query protocol runs several statements in one call (and one implicit transaction
  // when none is open).
  const std::string text(sql);
  PgResult r(PQexec(conn_, text.c_str()));
  const auto status = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_EMPTY_QUERY)
    return tl::unexpected(error("script failed", r.get()));
  return {};
}

Status PostgresConnection::ensure_ready() {
  // Between transactions: reconnect after a lost connection (server restart, failover), and keep
  // the server-side statement cache bounded.
  if (PQstatus(conn_) == CONNECTION_BAD) {
    cache_.clear();
    PQreset(conn_);
    if (PQstatus(conn_) != CONNECTION_OK)
      return fail(ErrorCode::storage,
                  "lost the connection to PostgreSQL: " + trimmed(PQerrorMessage(conn_)));
    RL_CHECK(prepare_session());
  }
  if (cache_.size() > kMaxCachedStatements) {
    RL_TRY(run_simple("DEALLOCATE ALL"));
    cache_.clear();
  }
  return {};
}

Status PostgresConnection::begin(const char* sql) {
  RL_CHECK(ensure_ready());
  auto begun = run_simple(sql);
  // A connection that died while idle is noticed only now; nothing has happened yet, so one
  // reconnect and retry is safe.
  if (!begun && PQstatus(conn_) == CONNECTION_BAD) {
    RL_CHECK(ensure_ready());
    begun = run_simple(sql);
  }
  if (!begun) return tl::unexpected(begun.error());
  return {};
}

Status PostgresConnection::begin_write() {
  // READ COMMITTED, not REPEATABLE READ: a snapshot taken before the lock is granted would miss
  // the journal entries of the writer we waited for.
  RL_CHECK(begin("BEGIN ISOLATION LEVEL READ COMMITTED"));
  if (auto locked = run_simple(kWriteLockSql); !locked) {
    (void)rollback();
    return tl::unexpected(locked.error());
  }
  return {};
}

Status PostgresConnection::begin_read() {
  return begin("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
}

Status PostgresConnection::commit() {
  auto committed = run_simple("COMMIT");
  if (!committed && PQstatus(conn_) == CONNECTION_BAD)
    return fail(ErrorCode::storage,
                "lost the connection to PostgreSQL while committing: the changes may or may not "
                "have been saved");
  const PgResult r = RL_TRY(std::move(committed));
  // COMMIT of a transaction in which a statement failed succeeds as a ROLLBACK.
  if (std::strcmp(PQcmdStatus(r.get()), "COMMIT") != 0)
    return fail(ErrorCode::storage,
                "the transaction was rolled back because a statement in it had failed");
  return {};
}

Status PostgresConnection::rollback() {
  const auto state = PQtransactionStatus(conn_);
  // Nothing open, or the connection is gone (the server has rolled back already).
  if (state == PQTRANS_IDLE || state == PQTRANS_UNKNOWN) return {};
  RL_TRY(run_simple("ROLLBACK"));
  return {};
}

Status PostgresConnection::lock_migrations() {
  RL_CHECK(ensure_ready());
  RL_TRY(run_simple(kMigrationLock));
  return {};
}

Status PostgresConnection::unlock_migrations() {
  RL_TRY(run_simple(kMigrationUnlock));
  return {};
}

}  // namespace riskloop::store
