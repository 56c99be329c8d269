// The engine-independent part of a Store: group commit of write transactions over one writer
// connection, a pool of reader connections, and migrations.
#pragma once

#include <condition_variable>
#include <deque>
#include <mutex>
#include <vector>

#include "store/store.hpp"

namespace riskloop::store {

struct Migration {
  int number;
  std::string name;
  std::string sql;
};

class SqlStore : public Store {
 public:
  Status transaction(const std::function<Status(Tx&)>& fn) override;
  Status read(const std::function<Status(Tx&)>& fn) override;
  Result<std::vector<int>> applied_migrations() override;

 protected:
  SqlStore(std::unique_ptr<SqlConnection> writer, int max_group);
  // Applies pending migrations on the writer connection.
  Status migrate(const std::vector<Migration>& migrations, std::string_view create_table_sql,
                 int up_to);
  // Creates the missing tables and indexes of declared record types in one transaction; fails
  // naming the table and column when an existing table differs from its declaration.
  Status ensure_declared(const std::vector<TableSchema>& tables, Dialect dialect);
  virtual Result<std::unique_ptr<SqlConnection>> open_reader() = 0;
  SqlConnection& writer() { return *writer_; }

 private:
  struct Job {
    const std::function<Status(Tx&)>* fn;
    Status result;
    bool done = false;
  };
  void run_group(std::vector<Job*>& group);
  static Result<std::vector<int>> migration_numbers(SqlConnection& db);

  std::unique_ptr<SqlConnection> writer_;
  int max_group_;

  std::mutex queue_mutex_;
  std::condition_variable queue_cv_;
  std::deque<Job*> queue_;
  bool leader_active_ = false;

  std::mutex readers_mutex_;
  std::vector<std::unique_ptr<SqlConnection>> idle_readers_;
};

}  // namespace riskloop::store
