// Tx operations that are not per record type: unique-key lookups, journal, sessions, throttling.
#include "store/tx.hpp"

namespace riskloop::store {

namespace {

Result<std::optional<Id>> first_text(SqlConnection& db, std::string_view sql,
                                     std::span<const SqlValue> params) {
  const auto rows = RL_TRY(db.query(sql, params));
  if (rows.empty()) return std::optional<Id>{};
  return std::optional<Id>{sql_text(rows.front()[0])};
}

constexpr std::string_view kJournalColumns =
    "seq, at, actor, org_id, entity, entity_id, op, payload, prev_hash, hash";

Result<JournalEntry> journal_from_row(const SqlRow& r) {
  JournalEntry e;
  e.seq = sql_int(r[0]);
  const auto at = parse_timestamp(sql_text(r[1]));
  if (!at)
    return fail(ErrorCode::verification,
                "journal entry " + std::to_string(e.seq) + " has an unreadable time");
  e.at = *at;
  e.actor = sql_text(r[2]);
  e.org_id = sql_text(r[3]);
  e.entity = sql_text(r[4]);
  e.entity_id = sql_text(r[5]);
  e.op = sql_text(r[6]);
  e.payload = sql_text(r[7]);
  e.prev_hash = sql_text(r[8]);
  e.hash = sql_text(r[9]);
  return e;
}

constexpr std::string_view kSessionColumns =
    "token_hash, user_id, org_id, csrf_token, created_at, expires_at, last_seen_at, "
    "authenticated_at";

SqlRow session_row(const Session& s) {
  return {s.token_hash,
          s.user_id,
          s.org_id,
          s.csrf_token,
          format_timestamp(s.created_at),
          format_timestamp(s.expires_at),
          format_timestamp(s.last_seen_at),
          format_timestamp(s.authenticated_at)};
}

}  // namespace

Result<std::optional<Id>> Tx::user_id_by_email(const std::string& email) {
  const SqlValue p[] = {email};
  return first_text(db_, "SELECT id FROM users WHERE email = $1", p);
}

Result<std::optional<Id>> Tx::org_id_by_slug(const std::string& slug) {
  const SqlValue p[] = {slug};
  return first_text(db_, "SELECT id FROM organizations WHERE slug = $1", p);
}

Result<std::optional<Id>> Tx::membership_id(const Id& org, const Id& user) {
  const SqlValue p[] = {org, user};
  return first_text(db_, "SELECT id FROM memberships WHERE org_id = $1 AND user_id = $2", p);
}

Result<std::vector<Id>> Tx::user_org_ids(const Id& user) {
  const SqlValue p[] = {user};
  const auto rows =
      RL_TRY(db_.query("SELECT org_id FROM memberships WHERE user_id = $1 ORDER BY org_id", p));
  std::vector<Id> out;
  for (const auto& r : rows) out.push_back(sql_text(r[0]));
  return out;
}

Result<std::optional<std::pair<Id, Id>>> Tx::api_token_by_hash(const std::string& token_hash) {
  const SqlValue p[] = {token_hash};
  const auto rows = RL_TRY(db_.query("SELECT org_id, id FROM api_tokens WHERE token_hash = $1", p));
  if (rows.empty()) return std::optional<std::pair<Id, Id>>{};
  return std::optional<std::pair<Id, Id>>{{sql_text(rows[0][0]), sql_text(rows[0][1])}};
}

Result<std::optional<std::pair<std::int64_t, std::string>>> Tx::journal_head() {
  const auto rows = RL_TRY(db_.query("SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1"));
  if (rows.empty()) return std::optional<std::pair<std::int64_t, std::string>>{};
  return std::optional<std::pair<std::int64_t, std::string>>{
      {sql_int(rows[0][0]), sql_text(rows[0][1])}};
}

Status Tx::append_journal(const JournalEntry& e) {
  const SqlValue p[] = {e.seq,       format_timestamp(e.at), e.actor,     e.org_id, e.entity,
                        e.entity_id, e.op,                   e.payload,   e.prev_hash, e.hash};
  RL_CHECK(db_.execute("INSERT INTO journal (" + std::string(kJournalColumns) +
                           ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                       p));
  return {};
}

Result<std::vector<JournalEntry>> Tx::journal_page(const JournalQuery& q) {
  std::string sql = "SELECT " + std::string(kJournalColumns) + " FROM journal WHERE seq > $1";
  std::vector<SqlValue> params{q.after_seq};
  auto bind = [&](std::string_view column, const std::string& v) {
    params.emplace_back(v);
    sql += " AND " + std::string(column) + " = $" + std::to_string(params.size());
  };
  if (q.org_id) bind("org_id", *q.org_id);
  if (!q.entity.empty()) bind("entity", q.entity);
  if (!q.entity_id.empty()) bind("entity_id", q.entity_id);
  if (!q.actor.empty()) bind("actor", q.actor);
  sql += " ORDER BY seq LIMIT " + std::to_string(std::clamp(q.limit, 1, 100000));
  const auto rows = RL_TRY(db_.query(sql, params));
  std::vector<JournalEntry> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(RL_TRY(journal_from_row(r)));
  return out;
}

Result<std::int64_t> Tx::journal_count() {
  const auto rows = RL_TRY(db_.query("SELECT COUNT(*) FROM journal"));
  return sql_int(rows.at(0).at(0));
}

Status Tx::insert_session(const Session& s) {
  const auto row = session_row(s);
  RL_CHECK(db_.execute("INSERT INTO sessions (" + std::string(kSessionColumns) +
                           ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                       row));
  return {};
}

Result<std::optional<Session>> Tx::find_session(const std::string& token_hash) {
  const SqlValue p[] = {token_hash};
  const auto rows = RL_TRY(db_.query(
      "SELECT " + std::string(kSessionColumns) + " FROM sessions WHERE token_hash = $1", p));
  if (rows.empty()) return std::optional<Session>{};
  const auto& r = rows.front();
  Session s;
  s.token_hash = sql_text(r[0]);
  s.user_id = sql_text(r[1]);
  s.org_id = sql_text(r[2]);
  s.csrf_token = sql_text(r[3]);
  const auto t = [&](std::size_t i) { return parse_timestamp(sql_text(r[i])).value_or(Timestamp{}); };
  s.created_at = t(4);
  s.expires_at = t(5);
  s.last_seen_at = t(6);
  s.authenticated_at = t(7);
  return std::optional<Session>{std::move(s)};
}

Status Tx::update_session(const Session& s) {
  const auto row = session_row(s);
  RL_CHECK(db_.execute(
      "UPDATE sessions SET user_id = $2, org_id = $3, csrf_token = $4, created_at = $5, "
      "expires_at = $6, last_seen_at = $7, authenticated_at = $8 WHERE token_hash = $1",
      row));
  return {};
}

Status Tx::delete_session(const std::string& token_hash) {
  const SqlValue p[] = {token_hash};
  RL_CHECK(db_.execute("DELETE FROM sessions WHERE token_hash = $1", p));
  return {};
}

Status Tx::delete_user_sessions(const Id& user_id) {
  const SqlValue p[] = {user_id};
  RL_CHECK(db_.execute("DELETE FROM sessions WHERE user_id = $1", p));
  return {};
}

Result<std::optional<Throttle>> Tx::find_throttle(const std::string& key) {
  const SqlValue p[] = {key};
  const auto rows = RL_TRY(db_.query(
      "SELECT key, failures, window_start, locked_until FROM login_throttle WHERE key = $1", p));
  if (rows.empty()) return std::optional<Throttle>{};
  const auto& r = rows.front();
  Throttle t;
  t.key = sql_text(r[0]);
  t.failures = sql_int(r[1]);
  t.window_start = parse_timestamp(sql_text(r[2])).value_or(Timestamp{});
  if (std::holds_alternative<std::string>(r[3])) t.locked_until = parse_timestamp(sql_text(r[3]));
  return std::optional<Throttle>{std::move(t)};
}

Status Tx::save_throttle(const Throttle& t) {
  const SqlValue p[] = {t.key, t.failures, format_timestamp(t.window_start),
                        t.locked_until ? SqlValue{format_timestamp(*t.locked_until)} : SqlValue{}};
  RL_CHECK(db_.execute(
      "INSERT INTO login_throttle (key, failures, window_start, locked_until) "
      "VALUES ($1, $2, $3, $4) ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, "
      "window_start = excluded.window_start, locked_until = excluded.locked_until",
      p));
  return {};
}

Status Tx::clear_throttle(const std::string& key) {
  const SqlValue p[] = {key};
  RL_CHECK(db_.execute("DELETE FROM login_throttle WHERE key = $1", p));
  return {};
}

}  // namespace riskloop::store
