// The Store contract: every engine must pass this same suite (tests/contract/README in docs/validation.md).
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "app/record_types.hpp"
#include "core/accounts.hpp"
#include "core/product.hpp"
#include "store/store.hpp"
#include "tests/contract/engine_fixture.hpp"

namespace riskloop::store {
namespace {

// The engines and the per-test database: tests/contract/engine_fixture.hpp.
using StoreContract = EngineTest;

TEST_P(StoreContract, InsertedRecordReadsBackEqual) {
  auto p = product(org_a_, "p1", "Stent");
  p.description = "multi\nline 'quoted' \"text\"; DROP TABLE products;--";
  p.header.created_at = *parse_timestamp("2026-01-01T00:00:00.001Z");
  ASSERT_TRUE(store_->transaction([&](Tx& tx) { return tx.insert(p); }));
  ASSERT_TRUE(store_->read([&](Tx& tx) -> Status {
    const auto got = RL_TRY(tx.get<Product>(org_a_, "p1"));
    EXPECT_EQ(got.name, "Stent");
    EXPECT_EQ(got.description, p.description);
    EXPECT_EQ(got.header.created_at, p.header.created_at);
    EXPECT_EQ(got.header.version, 1);
    return {};
  }));
}

TEST_P(StoreContract, RecordsOfAnotherOrganizationAreNotFound) {
  ASSERT_TRUE(store_->transaction([&](Tx& tx) { return tx.insert(product(org_a_, "p1", "A")); }));
  ASSERT_TRUE(store_->read([&](Tx& tx) -> Status {
    const auto got = tx.get<Product>(org_b_, "p1");
    EXPECT_FALSE(got);
    EXPECT_EQ(got.error().code, ErrorCode::not_found);
    const auto listed = RL_TRY(tx.list<Product>(org_b_, {}));
    EXPECT_TRUE(listed.empty());
    return {};
  }));
}

TEST_P(StoreContract, UpdateChecksTheExpectedVersion) {
  auto p = product(org_a_, "p1", "A");
  ASSERT_TRUE(store_->transaction([&](Tx& tx) { return tx.insert(p); }));
  p.name = "B";
  p.header.version = 2;
  ASSERT_TRUE(store_->transaction([&](Tx& tx) { return tx.update(p, 1); }));
  p.name = "C";
  p.header.version = 3;
  const auto stale = store_->transaction([&](Tx& tx) { return tx.update(p, 1); });
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::conflict);
  auto other_org = p;
  other_org.header.org_id = org_b_;
  const auto missing = store_->transaction([&](Tx& tx) { return tx.update(other_org, 2); });
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::not_found);
}

TEST_P(StoreContract, FailedTransactionLeavesNoTrace) {
  const auto r = store_->transaction([&](Tx& tx) -> Status {
    RL_CHECK(tx.insert(product(org_a_, "p1", "A")));
    return fail(ErrorCode::validation, "changed my mind");
  });
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "changed my mind");
  ASSERT_TRUE(store_->read([&](Tx& tx) -> Status {
    EXPECT_FALSE(tx.get<Product>(org_a_, "p1"));
    return {};
  }));
}

TEST_P(StoreContract, DuplicateUniqueKeyIsAConflict) {
  Organization dup;
  dup.header.id = "org-x";
  dup.name = "Dup";
  dup.slug = "a";
  const auto r = store_->transaction([&](Tx& tx) { return tx.insert(dup); });
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::conflict);
}

TEST_P(StoreContract, ListPagesInIdOrderWithFilters) {
  ASSERT_TRUE(store_->transaction([&](Tx& tx) -> Status {
    for (int i = 0; i < 5; ++i) {
      auto p = product(org_a_, "p" + std::to_string(i), "n");
      p.family = i % 2 ? "odd" : "even";
      RL_CHECK(tx.insert(p));
    }
    return {};
  }));
  ASSERT_TRUE(store_->read([&](Tx& tx) -> Status {
    auto page = RL_TRY(tx.list<Product>(org_a_, {.limit = 2}));
    EXPECT_EQ(page.size(), 2u);
    EXPECT_EQ(page[1].header.id, "p1");
    page = RL_TRY(tx.list<Product>(org_a_, {.after_id = "p1", .limit = 10}));
    EXPECT_EQ(page.size(), 3u);
    page = RL_TRY(tx.list<Product>(org_a_, {.where = {{"family", std::string("even")}}}));
    EXPECT_EQ(page.size(), 3u);
    return {};
  }));
}

TEST_P(StoreContract, JournalAppendsInOrder) {
  ASSERT_TRUE(store_->transaction([&](Tx& tx) -> Status {
    for (int i = 1; i <= 3; ++i) {
      JournalEntry e{i, Timestamp{}, "cli:test", org_a_, "product", "p", "create", "{}",
                     std::string(kGenesisHash), std::string(64, char('0' + i))};
      RL_CHECK(tx.append_journal(e));
    }
    return {};
  }));
  ASSERT_TRUE(store_->read([&](Tx& tx) -> Status {
    const auto head = RL_TRY(tx.journal_head());
    EXPECT_TRUE(head);
    EXPECT_EQ(head->first, 3);
    const auto page = RL_TRY(tx.journal_page({.org_id = org_a_, .after_seq = 1}));
    EXPECT_EQ(page.size(), 2u);
    EXPECT_EQ(page[0].seq, 2);
    return {};
  }));
}

TEST_P(StoreContract, JournalRefusesChangeAndDeletion) {
  ASSERT_TRUE(store_->transaction([&](Tx& tx) {
    return tx.append_journal({1, Timestamp{}, "cli:test", "", "organization", "x", "create", "{}",
                              std::string(kGenesisHash), std::string(64, 'a')});
  }));
  const auto upd = store_->transaction(
      [&](Tx& tx) { return tx.sql().execute("UPDATE journal SET actor = 'mallory'").map([](auto) {}); });
  EXPECT_FALSE(upd);
  const auto del = store_->transaction(
      [&](Tx& tx) { return tx.sql().execute("DELETE FROM journal").map([](auto) {}); });
  EXPECT_FALSE(del);
}

TEST_P(StoreContract, ConcurrentWritersAreAllCommitted) {
  constexpr int kThreads = 8, kEach = 40;
  std::atomic<int> failures = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        const auto id = "t" + std::to_string(t) + "-" + std::to_string(i);
        if (!store_->transaction([&](Tx& tx) { return tx.insert(product(org_a_, id, "n")); }))
          ++failures;
      }
    });
  // One writer in the middle fails; its group companions must still be committed.
  EXPECT_FALSE(store_->transaction(
      [&](Tx&) -> Status { return fail(ErrorCode::validation, "this one fails"); }));
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures, 0);
  ASSERT_TRUE(store_->read([&](Tx& tx) -> Status {
    EXPECT_EQ(RL_TRY(tx.list_all<Product>(org_a_)).size(),
              std::size_t(kThreads * kEach));
    return {};
  }));
}

// Two stores on one database stand for two app nodes (or processes): their writes take turns, so
// each append sees the head the other wrote and the journal stays one gapless chain.
TEST_P(StoreContract, TwoStoresOnOneDatabaseKeepOneJournalChain) {
  auto second = Store::open({.url = url_});
  ASSERT_TRUE(second) << second.error().message;
  constexpr int kEach = 25;
  std::atomic<int> failures = 0;
  auto append = [&](Store& store, const std::string& actor) {
    for (int i = 0; i < kEach; ++i) {
      const auto r = store.transaction([&](Tx& tx) -> Status {
        const auto head = RL_TRY(tx.journal_head());
        return tx.append_journal(
            {head ? head->first + 1 : 1, Timestamp{}, actor, org_a_, "product", "p", "create", "{}",
             head ? head->second : std::string(kGenesisHash), std::string(64, 'a')});
      });
      if (!r) ++failures;
    }
  };
  std::thread first_node([&] { append(*store_, "node:1"); });
  std::thread second_node([&] { append(**second, "node:2"); });
  first_node.join();
  second_node.join();
  EXPECT_EQ(failures, 0);
  ASSERT_TRUE(store_->read([&](Tx& tx) -> Status {
    EXPECT_EQ(RL_TRY(tx.journal_count()), 2 * kEach);
    const auto head = RL_TRY(tx.journal_head());
    EXPECT_TRUE(head);
    EXPECT_EQ(head->first, 2 * kEach);
    return {};
  }));
}

// A database restart or failover drops the store's connections; the next transaction reconnects.
TEST_P(StoreContract, ReconnectsAfterTheServerDroppedTheConnection) {
  if (GetParam() == "sqlite") GTEST_SKIP() << "an embedded database has no connection to lose";
  ASSERT_TRUE(store_->read([](Tx&) -> Status { return {}; }));  // a reader in the pool as well
  const std::string kill_ours =
      "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity WHERE pid <> pg_backend_pid() "
      "AND datname = current_database() AND application_name = '" + schema_ + "'";
  ASSERT_TRUE(on_server(kill_ours));
  EXPECT_TRUE(store_->transaction([&](Tx& tx) { return tx.insert(product(org_a_, "p1", "A")); }));
  EXPECT_TRUE(store_->read([&](Tx& tx) -> Status {
    EXPECT_TRUE(tx.get<Product>(org_a_, "p1"));
    return {};
  }));
}

TEST_P(StoreContract, SessionsRoundTrip) {
  User u;
  u.header.id = "u1";
  u.email = "u@example.org";
  u.display_name = "U";
  u.password_hash = "x";
  ASSERT_TRUE(store_->transaction([&](Tx& tx) { return tx.insert(u); }));
  Session s{"h1", "u1", org_a_, "csrf", *parse_timestamp("2026-01-01T00:00:00.000Z"),
            *parse_timestamp("2026-01-01T08:00:00.000Z"), *parse_timestamp("2026-01-01T00:00:00.000Z"),
            *parse_timestamp("2026-01-01T00:00:00.000Z")};
  ASSERT_TRUE(store_->transaction([&](Tx& tx) { return tx.insert_session(s); }));
  ASSERT_TRUE(store_->read([&](Tx& tx) -> Status {
    const auto got = RL_TRY(tx.find_session("h1"));
    EXPECT_TRUE(got);
    EXPECT_EQ(got->expires_at, s.expires_at);
    EXPECT_EQ(got->org_id, org_a_);
    EXPECT_FALSE(RL_TRY(tx.find_session("h2")));
    return {};
  }));
  ASSERT_TRUE(store_->transaction([&](Tx& tx) { return tx.delete_session("h1"); }));
  ASSERT_TRUE(store_->read([&](Tx& tx) -> Status {
    EXPECT_FALSE(RL_TRY(tx.find_session("h1")));
    return {};
  }));
}

TEST_P(StoreContract, MigrationsAreRecorded) {
  const auto applied = store_->applied_migrations();
  ASSERT_TRUE(applied);
  ASSERT_FALSE(applied->empty());
  EXPECT_EQ(applied->front(), 1);
}

// Every journaled record type has a table whose columns are exactly its field list, so the
// generic row mapping and the migrations of each engine cannot drift apart.
TEST_P(StoreContract, TablesMatchRecordFieldLists) {
  int types = 0;
  app::for_each_record_type([&]<class T>() {
    ++types;
    const auto& rs = record_sql<T>();
    const std::string table(T::table);
    const auto columns = store_->read([&](Tx& tx) -> Status {
      // Every field is a column...
      RL_CHECK(tx.sql().query("SELECT " + rs.select_list + " FROM " + table + " WHERE 1 = 0"));
      // ...and there is no other column.
      const std::string count_sql =
          store_->kind() == "sqlite"
              ? "SELECT count(*) FROM pragma_table_info('" + table + "')"
              : "SELECT count(*) FROM information_schema.columns WHERE table_schema = "
                "current_schema() AND table_name = '" + table + "'";
      const auto rows = RL_TRY(tx.sql().query(count_sql));
      EXPECT_EQ(sql_int(rows.at(0).at(0)), std::int64_t(rs.columns.size())) << table;
      return {};
    });
    EXPECT_TRUE(columns) << table << ": " << columns.error().message;
  });
  EXPECT_GT(types, 20);
}

INSTANTIATE_TEST_SUITE_P(Engines, StoreContract, ::testing::ValuesIn(engines()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace riskloop::store
