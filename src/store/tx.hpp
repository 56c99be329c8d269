// A unit of work on the store: typed record access, the journal, sessions. Obtained only inside
// Store::transaction or Store::read; never kept beyond the callback.
//
// Scoping: records owned by an organization can only be read or listed by naming that
// organization; a record of another organization is simply not found.
#pragma once

#include <algorithm>
#include <iterator>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/journal_entry.hpp"
#include "core/record.hpp"
#include "core/record_declaration.hpp"
#include "store/query.hpp"
#include "store/record_sql.hpp"
#include "store/sql_connection.hpp"

namespace riskloop::store {

struct Filter {
  std::string column;  // a field name of the record type (checked), never user text
  SqlValue value;
};

// A page of an organization's records in id order (ids are time-ordered, so: creation order).
struct ListQuery {
  std::vector<Filter> where;
  std::string after_id;  // cursor: the last id of the previous page
  int limit = 100;
};

struct JournalQuery {
  std::optional<Id> org_id;     // entries of one organization (global entries are never included)
  std::string entity;           // filter by entity type, "" = all
  std::string entity_id;        // filter by record id, "" = all
  std::string actor;            // filter by actor, "" = all
  Id refers_to;                 // entries about this record or naming it in a field or list, "" = all
  std::int64_t after_seq = 0;   // cursor
  int limit = 100;
};

struct Session {
  std::string token_hash;  // SHA-256 of the cookie value
  Id user_id;
  Id org_id;               // the organization the session currently works in
  std::string csrf_token;
  Timestamp created_at{};
  Timestamp expires_at{};
  Timestamp last_seen_at{};
  Timestamp authenticated_at{};  // last time the password was entered (signatures check it)
  std::optional<Timestamp> signed_at;  // the session's first signature (21 CFR 11.200(a)(1))
};

struct Throttle {
  std::string key;  // "account:<email>" or "address:<ip>"
  std::int64_t failures = 0;
  Timestamp window_start{};
  std::optional<Timestamp> locked_until;
};

// --- Idempotency-Key answers (docs/api.md; migration 003) -------------------------------------
// Who sent a key for which operation: a key means nothing outside this scope.
struct IdempotencyScope {
  Id org_id;
  std::string principal;  // Principal::actor: "user:<id>", "token:<id>"
  std::string method;     // "POST"
  std::string path;       // the request path as sent (ids included: one key, one resource)
  std::string key;        // the Idempotency-Key header value
};

// A response as stored for replay. Header names and content type are plain text here; the HTTP
// layer maps them back.
struct StoredResponse {
  int status = 0;
  std::string content_type;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;  // any bytes (kept base64-encoded in the table)
};

struct IdempotencyEntry {
  IdempotencyScope scope;
  std::string request_hash;               // what the key was first sent with (query and body)
  std::optional<StoredResponse> response;  // empty while the first request is in progress
  Timestamp created_at{};
  Timestamp expires_at{};  // in progress: end of the lease; done: end of retention
};

class Tx {
 public:
  explicit Tx(SqlConnection& connection) : db_(connection) {}

  // --- records owned by an organization ---------------------------------------------------
  template <Record T>
  Result<T> get(const Id& org, const Id& id) {
    static_assert(T::scope == Scope::organization, "use get_global for global records");
    const SqlValue params[] = {id, org};
    return one<T>(record_sql<T>().by_id, params, id);
  }

  // One page: at most q.limit (1..kMaxPageRows) records; a larger limit is a programming error.
  template <Record T>
  Result<std::vector<T>> list(const Id& org, const ListQuery& q) {
    static_assert(T::scope == Scope::organization, "use list_global for global records");
    return list_impl<T>(&org, q);
  }

  // Every record meeting the equality filters, read page by page: for reads that need the whole
  // set (a risk file's items, a product's shares). Memory grows with the result; bulk tables are
  // read with find() pages instead.
  template <Record T>
  Result<std::vector<T>> list_all(const Id& org, std::vector<Filter> where = {}) {
    static_assert(T::scope == Scope::organization);
    std::vector<T> out;
    ListQuery q{.where = std::move(where), .limit = kMaxPageRows};
    for (;;) {
      auto page = RL_TRY(list_impl<T>(&org, q));
      const bool more = page.size() == std::size_t(q.limit);
      if (!page.empty()) q.after_id = page.back().header.id;
      std::move(page.begin(), page.end(), std::back_inserter(out));
      if (!more) return out;
    }
  }

  // --- typed queries (store/query.hpp) ---------------------------------------------------
  // One keyset page of an organization's records. Declared types (core/record_declaration.hpp)
  // may be queried and ordered only by their indexed fields.
  template <Record T>
  Result<Page<T>> find(const Id& org, const Query& q) {
    static_assert(T::scope == Scope::organization);
    RL_CHECK(check_query_fields<T>(q.where, &q.order.field));
    const auto& rs = record_sql<T>();
    const auto sql = RL_TRY(page_sql(rs, T::table, &org, q));
    const auto rows = RL_TRY(db_.query(sql.text, sql.params));
    Page<T> page;
    const std::size_t take = std::min(rows.size(), std::size_t(q.limit));
    page.items.reserve(take);
    for (std::size_t i = 0; i < take; ++i) page.items.push_back(RL_TRY(from_row<T>(rows[i])));
    if (rows.size() > take) {
      const auto& last = rows[take - 1];
      const auto key = std::find(rs.columns.begin(), rs.columns.end(), q.order.field);
      page.next = Cursor{last[std::size_t(key - rs.columns.begin())], page.items.back().header.id};
    }
    return page;
  }

  // How many of an organization's records meet the conditions, without reading them.
  template <Record T>
  Result<std::int64_t> count(const Id& org, const std::vector<Condition>& where = {}) {
    RL_CHECK(check_query_fields<T>(where, nullptr));
    const auto sql = RL_TRY(count_sql(record_sql<T>(), T::table, &org, where, false));
    const auto rows = RL_TRY(db_.query(sql.text, sql.params));
    return rows.empty() ? 0 : sql_int(rows.front()[0]);
  }

  template <Record T>
  Result<bool> exists(const Id& org, const std::vector<Condition>& where) {
    RL_CHECK(check_query_fields<T>(where, nullptr));
    const auto sql = RL_TRY(count_sql(record_sql<T>(), T::table, &org, where, true));
    return !RL_TRY(db_.query(sql.text, sql.params)).empty();
  }

  // Rows per value of `field` (an indexed field), in the field's order with no value last.
  template <Record T>
  Result<std::vector<ValueCount>> count_by(const Id& org, const std::string& field,
                                           const std::vector<Condition>& where = {}) {
    RL_CHECK(check_query_fields<T>(where, &field));
    const auto sql = RL_TRY(count_by_sql(record_sql<T>(), T::table, &org, field, where));
    const auto rows = RL_TRY(db_.query(sql.text, sql.params));
    std::vector<ValueCount> out;
    out.reserve(rows.size());
    for (const auto& r : rows) out.push_back({r[0], sql_int(r[1])});
    return out;
  }

  // --- global records (organizations, users) ----------------------------------------------
  template <Record T>
  Result<T> get_global(const Id& id) {
    static_assert(T::scope == Scope::global);
    const SqlValue params[] = {id};
    return one<T>(record_sql<T>().by_id, params, id);
  }

  template <Record T>
  Result<std::vector<T>> list_global(const ListQuery& q) {
    static_assert(T::scope == Scope::global);
    return list_impl<T>(nullptr, q);
  }

  // Every row of a record type across all organizations, in id order: for integrity checks only.
  template <Record T>
  Result<std::vector<T>> scan(const std::string& after_id, int limit) {
    const auto& rs = record_sql<T>();
    const SqlValue params[] = {after_id};
    const auto rows = RL_TRY(db_.query("SELECT " + rs.select_list + " FROM " +
                                           std::string(T::table) + " WHERE id > $1 ORDER BY id LIMIT " +
                                           std::to_string(limit),
                                       params));
    std::vector<T> out;
    out.reserve(rows.size());
    for (const auto& row : rows) out.push_back(RL_TRY(from_row<T>(row)));
    return out;
  }

  // --- writes (callers journal them: see app/recorder.hpp) --------------------------------
  template <Record T>
  Status insert(const T& rec) {
    const auto row = to_row(rec);
    const auto changed = execute(record_sql<T>().insert, row);
    if (!changed) return tl::unexpected(changed.error());
    return {};
  }

  // Writes `rec` if the stored version is `expected_version`; conflict otherwise.
  template <Record T>
  Status update(const T& rec, std::int64_t expected_version) {
    auto row = to_row(rec);
    row.emplace_back(expected_version);
    const auto changed = RL_TRY(execute(record_sql<T>().update, row));
    if (changed == 0) return missing_or_conflict<T>(rec.header);
    return {};
  }

  // insert and update for a row made beforehand (to_row(rec), or the same values encoded
  // together with the record's journal payload: app/record_encoding.hpp).
  template <Record T>
  Status insert_row(const SqlRow& row) {
    const auto changed = execute(record_sql<T>().insert, row);
    if (!changed) return tl::unexpected(changed.error());
    return {};
  }
  template <Record T>
  Status update_row(const RecordHeader& header, SqlRow row, std::int64_t expected_version) {
    row.emplace_back(expected_version);
    const auto changed = RL_TRY(execute(record_sql<T>().update, row));
    if (changed == 0) return missing_or_conflict<T>(header);
    return {};
  }

  template <Record T>
  Status remove(const T& rec) {
    std::vector<SqlValue> params{rec.header.id};
    if constexpr (T::scope == Scope::organization) params.emplace_back(rec.header.org_id);
    params.emplace_back(rec.header.version);
    const auto changed = RL_TRY(execute(record_sql<T>().remove, params));
    if (changed == 0) return missing_or_conflict<T>(rec.header);
    return {};
  }

  // --- lookups by a unique key ------------------------------------------------------------
  Result<std::optional<Id>> user_id_by_email(const std::string& email);
  Result<std::optional<Id>> org_id_by_slug(const std::string& slug);
  // The membership of a user in an organization, if any.
  Result<std::optional<Id>> membership_id(const Id& org, const Id& user);
  // Organizations a user belongs to.
  Result<std::vector<Id>> user_org_ids(const Id& user);
  // Pending invitations of a user, in any organization: (org_id, id) pairs, oldest first.
  Result<std::vector<std::pair<Id, Id>>> pending_invitations(const Id& user);
  // The organization of an invitation, if it exists.
  Result<std::optional<Id>> invitation_org(const Id& invitation);
  // The token with this hash (any organization): callers check expiry and revocation.
  Result<std::optional<std::pair<Id, Id>>> api_token_by_hash(const std::string& token_hash);

  // --- journal ----------------------------------------------------------------------------
  // seq and hash of the last entry, or nullopt for an empty journal.
  Result<std::optional<std::pair<std::int64_t, std::string>>> journal_head();
  Status append_journal(const JournalEntry& entry);
  Result<std::vector<JournalEntry>> journal_page(const JournalQuery& q);
  Result<std::int64_t> journal_count();
  // The last entry of each record in `ids` of type `entity` that has one, in seq order.
  Result<std::vector<JournalEntry>> last_journal_entries(std::string_view entity,
                                                         std::span<const Id> ids);
  // The first record (in seq order of its last entry) of type `entity` whose last entry is not a
  // delete but which has no row in `table`.
  Result<std::optional<JournalEntry>> first_journaled_without_row(std::string_view entity,
                                                                  std::string_view table);

  // --- sessions and login throttling (not journaled) -------------------------------------
  Status insert_session(const Session& s);
  Result<std::optional<Session>> find_session(const std::string& token_hash);
  Status update_session(const Session& s);
  Status delete_session(const std::string& token_hash);
  // Notes the session's first signature (later ones leave the time as it is).
  Status mark_session_signed(const std::string& token_hash, Timestamp at);
  Status delete_user_sessions(const Id& user_id);
  Result<std::optional<Throttle>> find_throttle(const std::string& key);
  Status save_throttle(const Throttle& t);
  Status clear_throttle(const std::string& key);
  // Counts one attempt under `key` in a single statement (check and increment cannot be split by
  // a racing request or node) and returns the row as it is afterwards. The count starts again at
  // 1 when the row's window began before `window_floor` or its lock has run out; the attempt that
  // reaches `limit` sets locked_until to `lock_until`; later ones leave the lock as it is. The
  // attempt is allowed when the returned failures are at most `limit`.
  Result<Throttle> count_attempt(const std::string& key, Timestamp now, Timestamp window_floor,
                                 std::int64_t limit, Timestamp lock_until);
  // Takes back one counted attempt (it succeeded), and the lock when the count is below `limit`.
  Status release_attempt(const std::string& key, std::int64_t limit);
  // Deletes sessions that have expired (at `now`, or idle since before `idle_floor`) and throttle
  // rows whose window and lock are over; returns how many rows went.
  Result<std::int64_t> purge_expired_logins(Timestamp now, Timestamp idle_floor,
                                            Timestamp window_floor);

  // --- Idempotency-Key answers (not journaled: a cache of responses, like sessions) -------
  // Claims `entry.scope` for a request in progress (entry.response is ignored) unless a live
  // entry (expires_at > now) holds it: returns nullopt when claimed (a new row, or one whose
  // time was up taken over), else the live entry, whose request_hash the caller compares. Racing
  // claims on any number of stores over one database: exactly one gets nullopt.
  Result<std::optional<IdempotencyEntry>> claim_idempotency_key(const IdempotencyEntry& entry,
                                                                Timestamp now);
  // Stores the response of a claimed key (same request_hash) and keeps it until `expires_at`.
  // not_found when the claim is no longer there (taken over after its lease ran out).
  Status finish_idempotency_key(const IdempotencyScope& scope, const std::string& request_hash,
                                const StoredResponse& response, Timestamp expires_at);
  // Drops an in-progress claim (the request did not finish; a retry runs it again). Finished
  // entries are left alone.
  Status release_idempotency_key(const IdempotencyScope& scope, const std::string& request_hash);
  // Deletes every entry whose expires_at is at or before `now`; returns how many.
  Result<std::int64_t> purge_idempotency_keys(Timestamp now);

  // --- risk file item numbers (not journaled: the items that take them are) ------------------
  // The next number of item kind `kind` (an entity name) in risk file `file_id`: 1, 2, 3, ...
  // The counter only grows, so a number is never handed out twice, even after its item was
  // removed. Writers are serialized (one SQLite writer; the journal's advisory lock on
  // PostgreSQL), and the items' unique (risk_file_id, ref) index refuses a duplicate regardless.
  Result<std::int64_t> next_item_number(const Id& file_id, std::string_view kind);

  // Raw access for store-internal aggregate queries and verification scans.
  SqlConnection& sql() { return db_; }

 private:
  Result<std::int64_t> execute(const std::string& sql, std::span<const SqlValue> params) {
    return db_.execute(sql, params);
  }

  template <Record T>
  Result<T> one(const std::string& sql, std::span<const SqlValue> params, const Id& id) {
    const auto rows = RL_TRY(db_.query(sql, params));
    if (rows.empty())
      return fail(ErrorCode::not_found, std::string(T::entity) + " " + id + " does not exist");
    return from_row<T>(rows.front());
  }

  template <Record T>
  Result<std::vector<T>> list_impl(const Id* org, const ListQuery& q) {
    const auto& rs = record_sql<T>();
    std::string sql = "SELECT " + rs.select_list + " FROM " + std::string(T::table) + " WHERE 1=1";
    std::vector<SqlValue> params;
    auto bind = [&](const std::string& column, SqlValue v) {
      params.push_back(std::move(v));
      sql += " AND " + column + " = $" + std::to_string(params.size());
    };
    if (org) bind("org_id", *org);
    for (const auto& f : q.where) {
      if (!rs.has_column(f.column))
        return fail(ErrorCode::internal, "no column " + f.column + " in " + std::string(T::table));
      bind(f.column, f.value);
    }
    if (!q.after_id.empty()) {
      params.emplace_back(q.after_id);
      sql += " AND id > $" + std::to_string(params.size());
    }
    if (q.limit < 1 || q.limit > kMaxPageRows)
      return fail(ErrorCode::internal, "a page of " + std::string(T::table) + " must hold 1 to " +
                                           std::to_string(kMaxPageRows) + " rows, not " +
                                           std::to_string(q.limit));
    sql += " ORDER BY id LIMIT " + std::to_string(q.limit);
    const auto rows = RL_TRY(db_.query(sql, params));
    std::vector<T> out;
    out.reserve(rows.size());
    for (const auto& row : rows) out.push_back(RL_TRY(from_row<T>(row)));
    return out;
  }

  // Declared types answer queries only on their indexed fields, so every query has an index.
  template <Record T>
  static Status check_query_fields(const std::vector<Condition>& where, const std::string* order) {
    if constexpr (DeclaredRecord<T>) {
      const auto check = [](const std::string& field) -> Status {
        if (!is_query_field<T>(field))
          return fail(ErrorCode::internal, std::string(T::entity) + " has no index on " + field);
        return {};
      };
      for (const auto& c : where) RL_CHECK(check(c.field));
      if (order) RL_CHECK(check(*order));
    }
    return {};
  }

  template <Record T>
  Status missing_or_conflict(const RecordHeader& h) {
    std::vector<SqlValue> params{h.id};
    if constexpr (T::scope == Scope::organization) params.emplace_back(h.org_id);
    const auto rows = RL_TRY(db_.query(record_sql<T>().by_id, params));
    if (rows.empty())
      return fail(ErrorCode::not_found, std::string(T::entity) + " " + h.id + " does not exist");
    return fail(ErrorCode::conflict,
                std::string(T::entity) + " " + h.id +
                    " was changed by someone else; reload it and apply your change again");
  }

  SqlConnection& db_;
};

}  // namespace riskloop::store
