// Group commit (leader/follower, as in LevelDB's write path) and the reader pool.
#include "store/sql_store.hpp"

#include <algorithm>
#include <exception>
#include <tuple>

namespace riskloop::store {

SqlStore::SqlStore(std::unique_ptr<SqlConnection> writer, int max_group)
    : writer_(std::move(writer)), max_group_(std::max(1, max_group)) {}

namespace {

Status run_guarded(const std::function<Status(Tx&)>& fn, Tx& tx) {
  try {
    return fn(tx);
  } catch (const std::exception& e) {
    return fail(ErrorCode::internal, std::string("unexpected exception: ") + e.what());
  } catch (...) {
    return fail(ErrorCode::internal, "unexpected exception");
  }
}

}  // namespace

Status SqlStore::transaction(const std::function<Status(Tx&)>& fn) {
  Job job{&fn, {}, false};
  std::unique_lock lock(queue_mutex_);
  queue_.push_back(&job);
  queue_cv_.wait(lock, [&] { return job.done || !leader_active_; });
  if (job.done) return job.result;

  // This caller leads: it commits every job queued so far (its own included) as one group.
  leader_active_ = true;
  std::vector<Job*> group;
  while (!queue_.empty() && group.size() < std::size_t(max_group_)) {
    group.push_back(queue_.front());
    queue_.pop_front();
  }
  lock.unlock();
  run_group(group);
  lock.lock();
  for (Job* j : group) j->done = true;
  leader_active_ = false;
  queue_cv_.notify_all();
  return job.result;
}

void SqlStore::run_group(std::vector<Job*>& group) {
  auto fail_all = [&](const Error& e) {
    for (Job* j : group) j->result = tl::unexpected(e);
  };
  if (auto begun = writer_->begin_write(); !begun) return fail_all(begun.error());
  Tx tx(*writer_);
  bool any_ok = false;
  for (Job* j : group) {
    if (auto sp = writer_->execute("SAVEPOINT job"); !sp) {
      j->result = tl::unexpected(sp.error());
      continue;
    }
    j->result = run_guarded(*j->fn, tx);
    if (j->result) {
      any_ok = true;
      if (auto r = writer_->execute("RELEASE SAVEPOINT job"); !r) j->result = tl::unexpected(r.error());
    } else {
      (void)writer_->execute("ROLLBACK TO SAVEPOINT job");
      (void)writer_->execute("RELEASE SAVEPOINT job");
    }
  }
  if (!any_ok) {
    (void)writer_->rollback();
    return;
  }
  if (auto committed = writer_->commit(); !committed) {
    (void)writer_->rollback();
    for (Job* j : group)
      if (j->result) j->result = tl::unexpected(committed.error());
  }
}

Status SqlStore::read(const std::function<Status(Tx&)>& fn) {
  std::unique_ptr<SqlConnection> conn;
  {
    std::lock_guard lock(readers_mutex_);
    if (!idle_readers_.empty()) {
      conn = std::move(idle_readers_.back());
      idle_readers_.pop_back();
    }
  }
  if (!conn) conn = RL_TRY(open_reader());
  Status result = conn->begin_read();
  if (result) {
    Tx tx(*conn);
    result = run_guarded(fn, tx);
    auto ended = conn->rollback();  // reads change nothing; ending the snapshot is enough
    if (result && !ended) result = ended;
  }
  std::lock_guard lock(readers_mutex_);
  idle_readers_.push_back(std::move(conn));
  return result;
}

Status SqlStore::migrate(const std::vector<Migration>& migrations,
                         std::string_view create_table_sql, int up_to) {
  RL_CHECK(writer_->execute_script(create_table_sql));
  const auto applied = RL_TRY(migration_numbers(*writer_));
  for (const auto& m : migrations) {
    if (m.number > up_to) break;
    if (std::find(applied.begin(), applied.end(), m.number) != applied.end()) continue;
    RL_CHECK(writer_->begin_write());
    auto step = [&]() -> Status {
      RL_CHECK(writer_->execute_script(m.sql));
      const SqlValue params[] = {std::int64_t{m.number}, m.name};
      RL_CHECK(writer_->execute(
          "INSERT INTO schema_migrations (number, name, applied_at) VALUES ($1, $2, "
          "CURRENT_TIMESTAMP)",
          params));
      return writer_->commit();
    }();
    if (!step) {
      (void)writer_->rollback();
      return fail(step.error().code,
                  "migration " + std::to_string(m.number) + " (" + m.name + ") failed: " +
                      step.error().message);
    }
  }
  return {};
}

namespace {

// Columns of an existing table as (name, reported type, nullable), in order; empty if none.
Result<std::vector<std::tuple<std::string, std::string, bool>>> table_columns(
    SqlConnection& db, const std::string& table, Dialect dialect) {
  const SqlValue params[] = {table};
  const auto rows = RL_TRY(db.query(
      dialect == Dialect::sqlite
          ? "SELECT name, type, \"notnull\" = 0 FROM pragma_table_info($1) ORDER BY cid"
          : "SELECT column_name, data_type, is_nullable = 'YES' FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position",
      params));
  std::vector<std::tuple<std::string, std::string, bool>> out;
  for (const auto& r : rows) out.emplace_back(sql_text(r[0]), sql_text(r[1]), sql_int(r[2]) != 0);
  return out;
}

Status check_columns(const TableSchema& t, Dialect dialect,
                     const std::vector<std::tuple<std::string, std::string, bool>>& found) {
  const auto differs = [&](const std::string& what) {
    return fail(ErrorCode::storage, "table " + t.table + " does not match its declaration: " +
                                        what + " (a changed record type needs a migration)");
  };
  if (found.size() != t.columns.size())
    return differs("it has " + std::to_string(found.size()) + " columns, the declaration " +
                   std::to_string(t.columns.size()));
  for (std::size_t i = 0; i < found.size(); ++i) {
    const auto& [name, type, nullable] = found[i];
    const auto& want = t.columns[i];
    if (name != want.name)
      return differs("column " + std::to_string(i + 1) + " is " + name + ", declared " + want.name);
    if (type != reported_type(want.kind, dialect))
      return differs("column " + name + " is " + type + ", declared " +
                     reported_type(want.kind, dialect));
    if (nullable != want.nullable && name != "id")
      return differs("column " + name + (nullable ? " allows" : " does not allow") + " NULL");
  }
  return {};
}

}  // namespace

Status SqlStore::ensure_declared(const std::vector<TableSchema>& tables, Dialect dialect) {
  if (tables.empty()) return {};
  RL_CHECK(writer_->begin_write());
  auto step = [&]() -> Status {
    for (const auto& t : tables) {
      const auto found = RL_TRY(table_columns(*writer_, t.table, dialect));
      if (found.empty())
        RL_CHECK(writer_->execute_script(create_table_sql(t, dialect)));
      else
        RL_CHECK(check_columns(t, dialect, found));
      for (const auto& index : create_index_sql(t)) RL_CHECK(writer_->execute_script(index));
    }
    return writer_->commit();
  }();
  if (!step) (void)writer_->rollback();
  return step;
}

Result<std::vector<int>> SqlStore::migration_numbers(SqlConnection& db) {
  const auto rows = RL_TRY(db.query("SELECT number FROM schema_migrations ORDER BY number"));
  std::vector<int> out;
  for (const auto& r : rows) out.push_back(int(sql_int(r[0])));
  return out;
}

Result<std::vector<int>> SqlStore::applied_migrations() {
  std::vector<int> out;
  RL_CHECK(read([&](Tx& tx) -> Status {
    out = RL_TRY(migration_numbers(tx.sql()));
    return {};
  }));
  return out;
}

}  // namespace riskloop::store
