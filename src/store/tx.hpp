// A unit of work on the store: typed record access, the journal, sessions. Obtained only inside
// Store::transaction or Store::read; never kept beyond the callback.
//
// Scoping: records owned by an organization can only be read or listed by naming that
// organization; a record of another organization is simply not found.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/journal_entry.hpp"
#include "core/record.hpp"
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
};

struct Throttle {
  std::string key;  // "account:<email>" or "address:<ip>"
  std::int64_t failures = 0;
  Timestamp window_start{};
  std::optional<Timestamp> locked_until;
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

  template <Record T>
  Result<std::vector<T>> list(const Id& org, const ListQuery& q) {
    static_assert(T::scope == Scope::organization, "use list_global for global records");
    return list_impl<T>(&org, q);
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
  // The token with this hash (any organization): callers check expiry and revocation.
  Result<std::optional<std::pair<Id, Id>>> api_token_by_hash(const std::string& token_hash);

  // --- journal ----------------------------------------------------------------------------
  // seq and hash of the last entry, or nullopt for an empty journal.
  Result<std::optional<std::pair<std::int64_t, std::string>>> journal_head();
  Status append_journal(const JournalEntry& entry);
  Result<std::vector<JournalEntry>> journal_page(const JournalQuery& q);
  Result<std::int64_t> journal_count();

  // --- sessions and login throttling (not journaled) -------------------------------------
  Status insert_session(const Session& s);
  Result<std::optional<Session>> find_session(const std::string& token_hash);
  Status update_session(const Session& s);
  Status delete_session(const std::string& token_hash);
  Status delete_user_sessions(const Id& user_id);
  Result<std::optional<Throttle>> find_throttle(const std::string& key);
  Status save_throttle(const Throttle& t);
  Status clear_throttle(const std::string& key);

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
    sql += " ORDER BY id LIMIT " + std::to_string(std::clamp(q.limit, 1, 100000));
    const auto rows = RL_TRY(db_.query(sql, params));
    std::vector<T> out;
    out.reserve(rows.size());
    for (const auto& row : rows) out.push_back(RL_TRY(from_row<T>(row)));
    return out;
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
