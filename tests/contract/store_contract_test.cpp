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

// The login throttle counts in one statement: concurrent attempts on two stores (two nodes) are
// each counted once, and exactly `limit` of them are allowed (issue 11).
TEST_P(StoreContract, ThrottleCountsEveryConcurrentAttemptOnce) {
  auto second = Store::open({.url = url_});
  ASSERT_TRUE(second) << second.error().message;
  const Timestamp now = *parse_timestamp("2026-12-02T10:00:00.000Z");
  const auto lock_until = now + std::chrono::minutes(15);
  constexpr int kLimit = 5, kEach = 20;
  std::atomic<int> allowed = 0, failures = 0;
  auto attempt = [&](Store& store) {
    for (int i = 0; i < kEach; ++i) {
      const auto r = store.transaction([&](Tx& tx) -> Status {
        const auto t = RL_TRY(tx.count_attempt("account:x@example.org", now,
                                               now - std::chrono::minutes(15), kLimit, lock_until));
        if (t.failures <= kLimit) ++allowed;
        return {};
      });
      if (!r) ++failures;
    }
  };
  std::thread a([&] { attempt(*store_); });
  std::thread b([&] { attempt(**second); });
  a.join();
  b.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(allowed, kLimit);
  ASSERT_TRUE(store_->transaction([&](Tx& tx) -> Status {
    const auto t = RL_TRY(tx.find_throttle("account:x@example.org"));
    EXPECT_TRUE(t);
    EXPECT_EQ(t->failures, 2 * kEach);
    EXPECT_EQ(t->locked_until, lock_until);
    // After the lock the count starts again; a success takes its count back.
    const auto later = lock_until + std::chrono::minutes(1);
    const auto fresh = RL_TRY(tx.count_attempt("account:x@example.org", later,
                                               later - std::chrono::minutes(15), kLimit,
                                               later + std::chrono::minutes(15)));
    EXPECT_EQ(fresh.failures, 1);
    EXPECT_FALSE(fresh.locked_until);
    RL_CHECK(tx.release_attempt("account:x@example.org", kLimit));
    EXPECT_EQ(RL_TRY(tx.find_throttle("account:x@example.org"))->failures, 0);
    // Rows whose window and lock are over are purged.
    const auto purged = RL_TRY(tx.purge_expired_logins(later + std::chrono::hours(1),
                                                       later, later + std::chrono::minutes(30)));
    EXPECT_EQ(purged, 1);
    EXPECT_FALSE(RL_TRY(tx.find_throttle("account:x@example.org")));
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

// --- Idempotency-Key answers ------------------------------------------------------------------

IdempotencyEntry claim_of(const Id& org, const std::string& key, const std::string& hash,
                          const std::string& at, std::chrono::minutes lease) {
  IdempotencyEntry e;
  e.scope = {org, "user:u1", "POST", "/api/v1/risk-files/f1/import", key};
  e.request_hash = hash;
  e.created_at = *parse_timestamp(at);
  e.expires_at = e.created_at + lease;
  return e;
}

TEST_P(StoreContract, IdempotencyKeyIsClaimedOnceThenReplaysItsStoredResponse) {
  const auto claim = claim_of(org_a_, "k1", "hash-1", "2026-01-01T00:00:00.000Z",
                              std::chrono::minutes(10));
  const auto now = claim.created_at;
  std::optional<IdempotencyEntry> got;
  auto claim_now = [&](const IdempotencyEntry& e) {
    return store_->transaction([&](Tx& tx) -> Status {
      got = RL_TRY(tx.claim_idempotency_key(e, now));
      return {};
    });
  };
  ASSERT_TRUE(claim_now(claim));
  EXPECT_FALSE(got) << "the first claim of a key is granted";

  // A second claim sees the first in progress, whatever body it came with.
  ASSERT_TRUE(claim_now(claim));
  ASSERT_TRUE(got);
  EXPECT_FALSE(got->response);
  EXPECT_EQ(got->request_hash, "hash-1");

  // The same key in another organization, or by another principal, is another key.
  auto other_org = claim;
  other_org.scope.org_id = org_b_;
  ASSERT_TRUE(claim_now(other_org));
  EXPECT_FALSE(got);
  auto other_principal = claim;
  other_principal.scope.principal = "token:t1";
  ASSERT_TRUE(claim_now(other_principal));
  EXPECT_FALSE(got);

  // Finishing stores any bytes (NUL and non-UTF-8 included) with status and headers.
  StoredResponse response{422, "application/json", {{"Location", "/x"}, {"ETag", "\"3\""}},
                          std::string("{\"a\":1}\0\xff\xfe end", 15)};
  const auto done_until = now + std::chrono::hours(24);
  EXPECT_FALSE(store_->transaction([&](Tx& tx) {
    return tx.finish_idempotency_key(claim.scope, "hash-other", response, done_until);
  })) << "only the claim's own request finishes it";
  ASSERT_TRUE(store_->transaction([&](Tx& tx) {
    return tx.finish_idempotency_key(claim.scope, "hash-1", response, done_until);
  }));
  ASSERT_TRUE(claim_now(claim));
  ASSERT_TRUE(got);
  ASSERT_TRUE(got->response);
  EXPECT_EQ(got->response->status, 422);
  EXPECT_EQ(got->response->content_type, "application/json");
  EXPECT_EQ(got->response->headers, response.headers);
  EXPECT_EQ(got->response->body, response.body);
  EXPECT_EQ(got->expires_at, done_until);

  // Release drops only an in-progress claim, never a stored answer.
  ASSERT_TRUE(store_->transaction(
      [&](Tx& tx) { return tx.release_idempotency_key(claim.scope, "hash-1"); }));
  ASSERT_TRUE(claim_now(claim));
  ASSERT_TRUE(got && got->response);
  ASSERT_TRUE(store_->transaction(
      [&](Tx& tx) { return tx.release_idempotency_key(other_org.scope, "hash-1"); }));
  ASSERT_TRUE(claim_now(other_org));
  EXPECT_FALSE(got) << "a released key can be claimed again";
}

TEST_P(StoreContract, ExpiredIdempotencyKeysAreTakenOverAndPurged) {
  const auto t0 = *parse_timestamp("2026-01-01T00:00:00.000Z");
  const auto stale = claim_of(org_a_, "stale", "h", "2026-01-01T00:00:00.000Z",
                              std::chrono::minutes(5));
  const auto live = claim_of(org_a_, "live", "h", "2026-01-01T00:00:00.000Z",
                             std::chrono::minutes(60));
  ASSERT_TRUE(store_->transaction([&](Tx& tx) -> Status {
    EXPECT_FALSE(RL_TRY(tx.claim_idempotency_key(stale, t0)));
    EXPECT_FALSE(RL_TRY(tx.claim_idempotency_key(live, t0)));
    return {};
  }));
  // After its lease an in-progress claim (its node died) is taken over by the next request.
  const auto later = t0 + std::chrono::minutes(6);
  auto retry = stale;
  retry.created_at = later;
  retry.expires_at = later + std::chrono::minutes(5);
  ASSERT_TRUE(store_->transaction([&](Tx& tx) -> Status {
    EXPECT_TRUE(RL_TRY(tx.claim_idempotency_key(live, later))) << "still within its lease";
    EXPECT_FALSE(RL_TRY(tx.claim_idempotency_key(retry, later))) << "taken over";
    return {};
  }));
  // The request that took over stores its answer, kept for its own retention time.
  EXPECT_TRUE(store_->transaction([&](Tx& tx) {
    return tx.finish_idempotency_key(retry.scope, "h", {200, "text/plain", {}, "ok"},
                                     later + std::chrono::hours(1));
  }));
  // Purge deletes what has expired by then and nothing else.
  std::int64_t purged = -1;
  ASSERT_TRUE(store_->transaction([&](Tx& tx) -> Status {
    purged = RL_TRY(tx.purge_idempotency_keys(t0 + std::chrono::minutes(61)));
    return {};
  }));
  EXPECT_EQ(purged, 1);  // "live" (its lease ended at 60 min); the finished one lives 1 h more
  ASSERT_TRUE(store_->read([&](Tx& tx) -> Status {
    const auto rows = RL_TRY(tx.sql().query(
        "SELECT idempotency_key FROM idempotency_keys ORDER BY idempotency_key"));
    EXPECT_EQ(rows.size(), 1u);
    if (!rows.empty()) {
      EXPECT_EQ(sql_text(rows[0][0]), "stale");
    }
    return {};
  }));
}

// Two nodes (two stores on one database) receive the same request at once: exactly one claim.
TEST_P(StoreContract, RacingClaimsOnTwoStoresGrantAKeyOnce) {
  auto second = Store::open({.url = url_});
  ASSERT_TRUE(second) << second.error().message;
  constexpr int kKeys = 20;
  constexpr int kThreadsPerStore = 3;
  const auto now = *parse_timestamp("2026-01-01T00:00:00.000Z");
  std::atomic<int> granted = 0, refused = 0, failures = 0;
  auto race = [&](Store& store) {
    for (int k = 0; k < kKeys; ++k) {
      const auto claim = claim_of(org_a_, "race-" + std::to_string(k), "h",
                                  "2026-01-01T00:00:00.000Z", std::chrono::minutes(10));
      const auto r = store.transaction([&](Tx& tx) -> Status {
        (RL_TRY(tx.claim_idempotency_key(claim, now)) ? refused : granted)++;
        return {};
      });
      if (!r) ++failures;
    }
  };
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreadsPerStore; ++i) {
    threads.emplace_back([&] { race(*store_); });
    threads.emplace_back([&] { race(**second); });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(granted, kKeys);
  EXPECT_EQ(refused, kKeys * (2 * kThreadsPerStore - 1));
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
