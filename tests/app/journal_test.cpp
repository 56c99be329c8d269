// The journal: hash chain per docs/journal.md, one entry per change, verification.
#include "app/journal_writer.hpp"
#include "formats/digest/sha256.hpp"
#include "tests/app/app_fixture.hpp"

namespace riskloop::testing {
namespace {

TEST(JournalHash, FollowsTheSpecificationByHand) {
  JournalEntry e;
  e.seq = 1;
  e.at = *parse_timestamp("2026-11-25T15:06:11.123Z");
  e.actor = "cli:root";
  e.org_id = "";
  e.entity = "organization";
  e.entity_id = "o1";
  e.op = "create";
  e.payload = R"({"id":"o1","name":"Demo \"Medical\""})";
  e.prev_hash = std::string(kGenesisHash);
  // Written out from docs/journal.md section 3, not produced by the code under test.
  const std::string expected_input =
      R"({"actor":"cli:root","at":"2026-11-25T15:06:11.123Z","entity":"organization",)"
      R"("entity_id":"o1","op":"create","org_id":"","payload":{"id":"o1","name":"Demo \"Medical\""},)"
      R"("prev_hash":"0000000000000000000000000000000000000000000000000000000000000000","seq":1})";
  EXPECT_EQ(app::journal_hash_input(e), expected_input);
  EXPECT_EQ(app::journal_hash(e), formats::sha256_hex(expected_input));
  // A known SHA-256 vector keeps the digest itself honest.
  EXPECT_EQ(formats::sha256_hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

class Journal : public AppTest {};

TEST_F(Journal, EveryChangeIsOneEntryInTheSameTransaction) {
  const auto before = journal_count();
  auto p = app_->products().create(admin_, {"Stent", "Coronary", "S1", ""});
  ASSERT_TRUE(p);
  EXPECT_EQ(journal_count(), before + 1);
  ASSERT_TRUE(app_->products().update(admin_, p->header.id, {"Stent 2", "Coronary", "S1", ""}, 1));
  ASSERT_TRUE(app_->products().remove(admin_, p->header.id, 2));
  EXPECT_EQ(journal_count(), before + 3);

  const auto entries = app_->journal().page(admin_, {.entity = "product", .entity_id = p->header.id});
  ASSERT_TRUE(entries);
  ASSERT_EQ(entries->size(), 3u);
  EXPECT_EQ((*entries)[0].op, "create");
  EXPECT_EQ((*entries)[1].op, "update");
  EXPECT_EQ((*entries)[2].op, "delete");
  EXPECT_EQ((*entries)[1].actor, "user:" + admin_.user_id);
  EXPECT_NE((*entries)[1].payload.find("\"name\":\"Stent 2\""), std::string::npos);
  EXPECT_NE((*entries)[1].payload.find("\"version\":2"), std::string::npos);
}

TEST_F(Journal, RejectedChangesLeaveNoEntry) {
  const auto before = journal_count();
  EXPECT_FALSE(app_->products().create(admin_, {"", "", "", ""}));
  EXPECT_FALSE(app_->products().update(admin_, "no-such-id", {"x", "", "", ""}, 1));
  EXPECT_EQ(journal_count(), before);
}

TEST_F(Journal, VerifiesAndNamesTheFirstBadEntry) {
  for (int i = 0; i < 5; ++i)
    ASSERT_TRUE(app_->products().create(admin_, {"P" + std::to_string(i), "", "", ""}));
  auto report = app_->journal().verify();
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->ok) << report->problem;
  EXPECT_EQ(report->entries, journal_count());
  EXPECT_EQ(report->head_hash.size(), 64u);

  // Tamper with a stored product row behind the application's back.
  ASSERT_TRUE(store_->transaction([&](store::Tx& tx) -> Status {
    return tx.sql().execute("UPDATE products SET name = 'P9' WHERE name = 'P3'").map([](auto) {});
  }));
  report = app_->journal().verify();
  ASSERT_TRUE(report);
  EXPECT_FALSE(report->ok);
  EXPECT_EQ(report->problem, "the stored record differs from its last journaled state");
  EXPECT_EQ(report->bad_entity.rfind("product ", 0), 0u);
  const auto entries = app_->journal().page(admin_, {.entity = "product"});
  ASSERT_TRUE(entries);
  EXPECT_EQ(report->bad_seq, (*entries)[3].seq);
}

TEST_F(Journal, DetectsChangedPayloadAndHash) {
  ASSERT_TRUE(app_->products().create(admin_, {"A", "", "", ""}));
  ASSERT_TRUE(app_->products().create(admin_, {"B", "", "", ""}));
  ASSERT_TRUE(store_->transaction([&](store::Tx& tx) -> Status {
    RL_CHECK(tx.sql().execute_script("DROP TRIGGER journal_no_update;"));
    return tx.sql().execute("UPDATE journal SET payload = replace(payload, '\"A\"', '\"Z\"')").map([](auto) {});
  }));
  auto report = app_->journal().verify();
  ASSERT_TRUE(report);
  EXPECT_FALSE(report->ok);
  EXPECT_EQ(report->problem, "its hash does not match its content");
  EXPECT_EQ(report->bad_entity.rfind("product ", 0), 0u);
}

TEST_F(Journal, DetectsRowsWithoutEntriesAndMissingRows) {
  auto p = app_->products().create(admin_, {"A", "", "", ""});
  ASSERT_TRUE(p);
  ASSERT_TRUE(store_->transaction([&](store::Tx& tx) -> Status {
    return tx.sql().execute("DELETE FROM products").map([](auto) {});
  }));
  auto report = app_->journal().verify();
  ASSERT_TRUE(report);
  EXPECT_FALSE(report->ok);
  EXPECT_EQ(report->problem, "the journal says it exists, but it is not stored");
  EXPECT_EQ(report->bad_entity, "product " + p->header.id);
}

TEST_F(Journal, FiltersByTheRecordAnEntryIsAboutOrNames) {
  auto stent = app_->products().create(admin_, {"Stent", "Coronary", "S1", ""});
  auto balloon = app_->products().create(admin_, {"Balloon", "Coronary", "B1", ""});
  ASSERT_TRUE(stent && balloon);
  ASSERT_TRUE(app_->products().update(admin_, stent->header.id, {"Stent II", "Coronary", "S1", ""}, 1));
  const auto about = [&](const std::string& id) {
    const auto entries = app_->journal().page(admin_, {.refers_to = id, .limit = 100});
    EXPECT_TRUE(entries) << (entries ? "" : entries.error().message);
    std::vector<std::string> ops;
    for (const auto& e : entries.value_or(std::vector<JournalEntry>{}))
      ops.push_back(e.entity + ":" + e.entity_id + ":" + e.op);
    return ops;
  };
  EXPECT_EQ(about(stent->header.id),
            (std::vector<std::string>{"product:" + stent->header.id + ":create",
                                      "product:" + stent->header.id + ":update"}));
  EXPECT_EQ(about(balloon->header.id).size(), 1u);
  // Not an id: refused by name, never matched as a pattern.
  const auto bad = app_->journal().page(admin_, {.refers_to = "%", .limit = 10});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::validation);
  EXPECT_EQ(bad.error().location, "?refers_to");
}

TEST_F(Journal, VerifyNamesARecordWhoseLastEntryIsADeleteButIsStillStored) {
  auto p = app_->products().create(admin_, {"Kept", "", "", ""});
  ASSERT_TRUE(p);
  ASSERT_TRUE(app_->products().remove(admin_, p->header.id, 1));
  // Put the row back behind the journal's back.
  ASSERT_TRUE(store_->transaction([&](store::Tx& tx) -> Status { return tx.insert(*p); }));
  const auto report = app_->journal().verify();
  ASSERT_TRUE(report);
  EXPECT_FALSE(report->ok);
  EXPECT_EQ(report->problem, "the journal says it was deleted, but it is stored");
  EXPECT_EQ(report->bad_entity, "product " + p->header.id);
}

TEST_F(Journal, SecretsNeverAppearInTheJournal) {
  auto t = app_->accounts().create_token(admin_, {"script", 30});
  ASSERT_TRUE(t);
  bool leaked = false;
  ASSERT_TRUE(app_->journal().export_all(op_, [&](const JournalEntry& e) -> Status {
    if (e.payload.find(t->secret) != std::string::npos || e.payload.find("$argon2id") != std::string::npos)
      leaked = true;
    return {};
  }));
  EXPECT_FALSE(leaked);
}

}  // namespace
}  // namespace riskloop::testing
