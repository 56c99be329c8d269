// Tx operations that are not per record type: unique-key lookups, journal, sessions, throttling.
#include "store/tx.hpp"

#include <array>
#include <cctype>

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
    "authenticated_at, signed_at";

SqlRow session_row(const Session& s) {
  return {s.token_hash,
          s.user_id,
          s.org_id,
          s.csrf_token,
          format_timestamp(s.created_at),
          format_timestamp(s.expires_at),
          format_timestamp(s.last_seen_at),
          format_timestamp(s.authenticated_at),
          s.signed_at ? format_timestamp(*s.signed_at) : std::string()};
}


// Response bodies are bytes; PostgreSQL TEXT takes neither NUL nor invalid UTF-8, so the body
// column holds them base64-encoded (RFC 4648, with padding).
constexpr std::string_view kBase64Alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string to_base64(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const auto n = (std::uint32_t(std::uint8_t(bytes[i])) << 16) |
                   (std::uint32_t(std::uint8_t(bytes[i + 1])) << 8) | std::uint8_t(bytes[i + 2]);
    for (int shift : {18, 12, 6, 0}) out.push_back(kBase64Alphabet[(n >> shift) & 63]);
  }
  if (const auto rest = bytes.size() - i; rest > 0) {
    std::uint32_t n = std::uint32_t(std::uint8_t(bytes[i])) << 16;
    if (rest == 2) n |= std::uint32_t(std::uint8_t(bytes[i + 1])) << 8;
    out.push_back(kBase64Alphabet[(n >> 18) & 63]);
    out.push_back(kBase64Alphabet[(n >> 12) & 63]);
    out.push_back(rest == 2 ? kBase64Alphabet[(n >> 6) & 63] : '=');
    out.push_back('=');
  }
  return out;
}

std::optional<std::string> from_base64(std::string_view text) {
  static const auto values = [] {
    std::array<int, 256> v{};
    v.fill(-1);
    for (std::size_t i = 0; i < kBase64Alphabet.size(); ++i)
      v[std::uint8_t(kBase64Alphabet[i])] = int(i);
    return v;
  }();
  if (text.size() % 4 != 0) return std::nullopt;
  std::string out;
  out.reserve(text.size() / 4 * 3);
  for (std::size_t i = 0; i < text.size(); i += 4) {
    const bool last = i + 4 == text.size();
    const int pad = last ? (text[i + 3] == '=') + (text[i + 2] == '=') : 0;
    std::uint32_t n = 0;
    for (int j = 0; j < 4; ++j) {
      const int v = j >= 4 - pad ? 0 : values[std::uint8_t(text[i + j])];
      if (v < 0) return std::nullopt;
      n = (n << 6) | std::uint32_t(v);
    }
    out.push_back(char((n >> 16) & 0xff));
    if (pad < 2) out.push_back(char((n >> 8) & 0xff));
    if (pad < 1) out.push_back(char(n & 0xff));
  }
  return out;
}

constexpr std::string_view kIdempotencyKeyWhere =
    "org_id = $1 AND principal = $2 AND method = $3 AND path = $4 AND idempotency_key = $5";

std::vector<SqlValue> scope_params(const IdempotencyScope& s) {
  return {s.org_id, s.principal, s.method, s.path, s.key};
}

Result<IdempotencyEntry> idempotency_from_row(const IdempotencyScope& scope, const SqlRow& r) {
  IdempotencyEntry e;
  e.scope = scope;
  e.request_hash = sql_text(r[0]);
  const auto created = parse_timestamp(sql_text(r[6]));
  const auto expires = parse_timestamp(sql_text(r[7]));
  const auto unreadable = [&](std::string_view what) {
    return fail(ErrorCode::storage, "the stored answer for Idempotency-Key \"" + scope.key +
                                        "\" has an unreadable " + std::string(what));
  };
  if (!created || !expires) return unreadable("time");
  e.created_at = *created;
  e.expires_at = *expires;
  if (sql_text(r[1]) == "done") {
    StoredResponse resp;
    resp.status = static_cast<int>(sql_int(r[2]));
    resp.content_type = sql_text(r[3]);
    const auto headers = nlohmann::json::parse(sql_text(r[4]), nullptr, false);
    if (!headers.is_array()) return unreadable("header list");
    for (const auto& h : headers) {
      if (!h.is_array() || h.size() != 2 || !h[0].is_string() || !h[1].is_string())
        return unreadable("header list");
      resp.headers.emplace_back(h[0].get<std::string>(), h[1].get<std::string>());
    }
    auto body = from_base64(sql_text(r[5]));
    if (!body) return unreadable("body");
    resp.body = std::move(*body);
    e.response = std::move(resp);
  }
  return e;
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

Result<std::vector<std::pair<Id, Id>>> Tx::pending_invitations(const Id& user) {
  const SqlValue p[] = {user};
  const auto rows = RL_TRY(db_.query(
      "SELECT org_id, id FROM invitations WHERE user_id = $1 AND status = 'pending' ORDER BY id",
      p));
  std::vector<std::pair<Id, Id>> out;
  for (const auto& r : rows) out.emplace_back(sql_text(r[0]), sql_text(r[1]));
  return out;
}

Result<std::optional<Id>> Tx::invitation_org(const Id& invitation) {
  const SqlValue p[] = {invitation};
  return first_text(db_, "SELECT org_id FROM invitations WHERE id = $1", p);
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
  if (!q.refers_to.empty()) {
    // Ids are letters, digits and dashes, so they are safe inside a LIKE pattern; a payload is
    // canonical JSON, so a field or list element holding the id reads exactly "<id>".
    if (!std::all_of(q.refers_to.begin(), q.refers_to.end(),
                     [](char ch) { return std::isalnum(static_cast<unsigned char>(ch)) || ch == '-'; }))
      return fail(ErrorCode::validation, "must be a record id (letters, digits and dashes), got \"" +
                                             q.refers_to + "\"",
                  "?refers_to");
    params.emplace_back(q.refers_to);
    const auto id = "$" + std::to_string(params.size());
    params.emplace_back("%\"" + q.refers_to + "\"%");
    sql += " AND (entity_id = " + id + " OR payload LIKE $" + std::to_string(params.size()) + ")";
  }
  sql += " ORDER BY seq LIMIT " + std::to_string(std::clamp(q.limit, 1, 100000));
  const auto rows = RL_TRY(db_.query(sql, params));
  std::vector<JournalEntry> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(RL_TRY(journal_from_row(r)));
  return out;
}

namespace {

// The entry of `j` (an alias of journal) that is the last of its record.
constexpr std::string_view kIsLastOfItsRecord =
    "j.seq = (SELECT max(seq) FROM journal WHERE entity = j.entity AND entity_id = j.entity_id)";

std::string journal_columns_of(std::string_view alias) {
  std::string out;
  for (std::string_view rest = kJournalColumns; !rest.empty();) {
    const auto comma = rest.find(", ");
    out += std::string(out.empty() ? "" : ", ") + std::string(alias) + "." +
           std::string(rest.substr(0, comma));
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 2);
  }
  return out;
}

}  // namespace

Result<std::vector<JournalEntry>> Tx::last_journal_entries(std::string_view entity,
                                                           std::span<const Id> ids) {
  std::vector<JournalEntry> out;
  if (ids.empty()) return out;
  std::vector<SqlValue> params{std::string(entity)};
  std::string list;
  for (const auto& id : ids) {
    params.emplace_back(id);
    list += (list.empty() ? "$" : ", $") + std::to_string(params.size());
  }
  const auto rows = RL_TRY(db_.query("SELECT " + journal_columns_of("j") +
                                         " FROM journal j WHERE j.entity = $1 AND j.entity_id IN (" +
                                         list + ") AND " + std::string(kIsLastOfItsRecord) +
                                         " ORDER BY j.seq",
                                     params));
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(RL_TRY(journal_from_row(r)));
  return out;
}

Result<std::optional<JournalEntry>> Tx::first_journaled_without_row(std::string_view entity,
                                                                    std::string_view table) {
  const SqlValue params[] = {std::string(entity)};
  const auto rows = RL_TRY(db_.query(
      "SELECT " + journal_columns_of("j") + " FROM journal j WHERE j.entity = $1 AND j.op <> "
          "'delete' AND " + std::string(kIsLastOfItsRecord) + " AND NOT EXISTS (SELECT 1 FROM " +
          std::string(table) + " t WHERE t.id = j.entity_id) ORDER BY j.seq LIMIT 1",
      params));
  if (rows.empty()) return std::optional<JournalEntry>{};
  return std::optional<JournalEntry>{RL_TRY(journal_from_row(rows.front()))};
}

Result<std::int64_t> Tx::journal_count() {
  const auto rows = RL_TRY(db_.query("SELECT COUNT(*) FROM journal"));
  return sql_int(rows.at(0).at(0));
}

Status Tx::insert_session(const Session& s) {
  const auto row = session_row(s);
  RL_CHECK(db_.execute("INSERT INTO sessions (" + std::string(kSessionColumns) +
                           ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
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
  if (!sql_text(r[8]).empty()) s.signed_at = t(8);
  return std::optional<Session>{std::move(s)};
}

Status Tx::update_session(const Session& s) {
  const auto row = session_row(s);
  RL_CHECK(db_.execute(
      "UPDATE sessions SET user_id = $2, org_id = $3, csrf_token = $4, created_at = $5, "
      "expires_at = $6, last_seen_at = $7, authenticated_at = $8, signed_at = $9 "
      "WHERE token_hash = $1",
      row));
  return {};
}

Status Tx::mark_session_signed(const std::string& token_hash, Timestamp at) {
  const SqlValue p[] = {token_hash, format_timestamp(at)};
  RL_CHECK(db_.execute(
      "UPDATE sessions SET signed_at = $2 WHERE token_hash = $1 AND signed_at = ''", p));
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

namespace {

Throttle throttle_from_row(const SqlRow& r) {
  Throttle t;
  t.key = sql_text(r[0]);
  t.failures = sql_int(r[1]);
  t.window_start = parse_timestamp(sql_text(r[2])).value_or(Timestamp{});
  if (std::holds_alternative<std::string>(r[3])) t.locked_until = parse_timestamp(sql_text(r[3]));
  return t;
}

}  // namespace

Result<std::optional<Throttle>> Tx::find_throttle(const std::string& key) {
  const SqlValue p[] = {key};
  const auto rows = RL_TRY(db_.query(
      "SELECT key, failures, window_start, locked_until FROM login_throttle WHERE key = $1", p));
  if (rows.empty()) return std::optional<Throttle>{};
  return std::optional<Throttle>{throttle_from_row(rows.front())};
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

Result<Throttle> Tx::count_attempt(const std::string& key, Timestamp now, Timestamp window_floor,
                                   std::int64_t limit, Timestamp lock_until) {
  const SqlValue p[] = {key, format_timestamp(now), format_timestamp(window_floor), limit,
                        format_timestamp(lock_until)};
  // Times are fixed-width ISO 8601 UTC text, which compares as time does.
  static const std::string fresh =
      "((login_throttle.locked_until IS NOT NULL AND login_throttle.locked_until <= $2) OR "
      "(login_throttle.locked_until IS NULL AND login_throttle.window_start < $3))";
  static const std::string sql =
      "INSERT INTO login_throttle (key, failures, window_start, locked_until) VALUES ($1, 1, $2, "
      "CASE WHEN 1 >= $4 THEN $5 ELSE NULL END) ON CONFLICT (key) DO UPDATE SET "
      "failures = CASE WHEN " + fresh + " THEN 1 ELSE login_throttle.failures + 1 END, "
      "window_start = CASE WHEN " + fresh + " THEN $2 ELSE login_throttle.window_start END, "
      "locked_until = CASE WHEN " + fresh + " THEN (CASE WHEN 1 >= $4 THEN $5 ELSE NULL END) "
      "WHEN login_throttle.locked_until IS NOT NULL THEN login_throttle.locked_until "
      "WHEN login_throttle.failures + 1 >= $4 THEN $5 ELSE NULL END "
      "RETURNING key, failures, window_start, locked_until";
  const auto rows = RL_TRY(db_.query(sql, p));
  if (rows.empty()) return fail(ErrorCode::internal, "the login throttle returned no row");
  return throttle_from_row(rows.front());
}

Status Tx::release_attempt(const std::string& key, std::int64_t limit) {
  const SqlValue p[] = {key, limit};
  RL_CHECK(db_.execute(
      "UPDATE login_throttle SET failures = failures - 1, locked_until = CASE WHEN failures - 1 "
      ">= $2 THEN locked_until ELSE NULL END WHERE key = $1 AND failures > 0",
      p));
  return {};
}

Result<std::int64_t> Tx::next_item_number(const Id& file_id, std::string_view kind) {
  const SqlValue p[] = {file_id, std::string(kind)};
  const auto rows = RL_TRY(db_.query(
      "INSERT INTO risk_item_counters (risk_file_id, kind, last_number) VALUES ($1, $2, 1) "
      "ON CONFLICT (risk_file_id, kind) DO UPDATE SET "
      "last_number = risk_item_counters.last_number + 1 RETURNING last_number",
      p));
  if (rows.empty()) return fail(ErrorCode::internal, "the item counter returned no number");
  return sql_int(rows.front()[0]);
}

Result<std::int64_t> Tx::purge_expired_logins(Timestamp now, Timestamp idle_floor,
                                              Timestamp window_floor) {
  const SqlValue sessions[] = {format_timestamp(now), format_timestamp(idle_floor)};
  auto n = RL_TRY(db_.execute(
      "DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at < $2", sessions));
  const SqlValue throttles[] = {format_timestamp(now), format_timestamp(window_floor)};
  n += RL_TRY(db_.execute(
      "DELETE FROM login_throttle WHERE (locked_until IS NULL OR locked_until <= $1) AND "
      "window_start < $2",
      throttles));
  return n;
}

Status Tx::clear_throttle(const std::string& key) {
  const SqlValue p[] = {key};
  RL_CHECK(db_.execute("DELETE FROM login_throttle WHERE key = $1", p));
  return {};
}

Result<std::optional<IdempotencyEntry>> Tx::claim_idempotency_key(const IdempotencyEntry& entry,
                                                                  Timestamp now) {
  auto params = scope_params(entry.scope);
  params.emplace_back(entry.request_hash);
  params.emplace_back(format_timestamp(entry.created_at));
  params.emplace_back(format_timestamp(entry.expires_at));
  // A claim is a unique row: of two racing inserts one wins, the other does nothing (on
  // PostgreSQL it waits for the winner's commit first), then reads the winner's row below.
  const std::string insert =
      "INSERT INTO idempotency_keys (org_id, principal, method, path, idempotency_key, "
      "request_hash, state, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, "
      "'in_progress', $7, $8) ON CONFLICT DO NOTHING";
  // A row whose time is up (a node died mid-request, or retention ended) is taken over; the
  // condition on expires_at makes the takeover itself race-free.
  const std::string take_over =
      "UPDATE idempotency_keys SET request_hash = $6, state = 'in_progress', status = NULL, "
      "content_type = NULL, headers = NULL, body = NULL, created_at = $7, expires_at = $8 WHERE " +
      std::string(kIdempotencyKeyWhere) + " AND expires_at <= $9";
  auto take_over_params = params;
  take_over_params.emplace_back(format_timestamp(now));
  const auto key_params = scope_params(entry.scope);
  const std::string select =
      "SELECT request_hash, state, status, content_type, headers, body, created_at, expires_at "
      "FROM idempotency_keys WHERE " + std::string(kIdempotencyKeyWhere);
  // The row found by the insert may vanish before it is read (released or purged by another
  // node): then the key is free again; try once more.
  for (int attempt = 0; attempt < 3; ++attempt) {
    if (RL_TRY(db_.execute(insert, params)) == 1) return std::optional<IdempotencyEntry>{};
    if (RL_TRY(db_.execute(take_over, take_over_params)) == 1)
      return std::optional<IdempotencyEntry>{};
    const auto rows = RL_TRY(db_.query(select, key_params));
    if (!rows.empty())
      return std::optional<IdempotencyEntry>{RL_TRY(idempotency_from_row(entry.scope, rows[0]))};
  }
  return fail(ErrorCode::conflict, "Idempotency-Key \"" + entry.scope.key +
                                       "\" is being claimed and released by other requests; "
                                       "retry the request");
}

Status Tx::finish_idempotency_key(const IdempotencyScope& scope, const std::string& request_hash,
                                  const StoredResponse& response, Timestamp expires_at) {
  nlohmann::json headers = nlohmann::json::array();
  for (const auto& [name, value] : response.headers) headers.push_back({name, value});
  auto params = scope_params(scope);
  params.emplace_back(request_hash);
  params.emplace_back(std::int64_t{response.status});
  params.emplace_back(response.content_type);
  params.emplace_back(headers.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  params.emplace_back(to_base64(response.body));
  params.emplace_back(format_timestamp(expires_at));
  const auto changed = RL_TRY(db_.execute(
      "UPDATE idempotency_keys SET state = 'done', status = $7, content_type = $8, headers = $9, "
      "body = $10, expires_at = $11 WHERE " + std::string(kIdempotencyKeyWhere) +
          " AND request_hash = $6 AND state = 'in_progress'",
      params));
  if (changed == 0)
    return fail(ErrorCode::not_found, "Idempotency-Key \"" + scope.key +
                                          "\" is no longer claimed by this request; its lease "
                                          "ran out and another request took it over");
  return {};
}

Status Tx::release_idempotency_key(const IdempotencyScope& scope,
                                   const std::string& request_hash) {
  auto params = scope_params(scope);
  params.emplace_back(request_hash);
  RL_CHECK(db_.execute("DELETE FROM idempotency_keys WHERE " + std::string(kIdempotencyKeyWhere) +
                           " AND request_hash = $6 AND state = 'in_progress'",
                       params));
  return {};
}

Result<std::int64_t> Tx::purge_idempotency_keys(Timestamp now) {
  const SqlValue p[] = {format_timestamp(now)};
  return db_.execute("DELETE FROM idempotency_keys WHERE expires_at <= $1", p);
}

}  // namespace riskloop::store
