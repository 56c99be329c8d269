// A database written by the previous release (migrations 1 and 2: operational risk times as text)
// opens with this one: pending migrations apply, the declared tables check out, every record reads
// back as it was, and the journal is untouched and verifies.
#include "app/journal_writer.hpp"
#include "app/record_query.hpp"
#include "app/record_types.hpp"
#include "tests/contract/app_engine_fixture.hpp"

namespace riskloop::store {
namespace {

constexpr int kPreviousRelease = 2;  // the last migration of the release before declared types

// The users' language column (migration 13) that this release's code writes with every user.
// The tests write the previous release's accounts with this code, so they add that one column
// first, as migration 13 would; the upgrade then applies the migrations between.
constexpr int kUserLanguageMigration = 13;

class UpgradeContract : public AppEngineTest {
 protected:
  StoreOptions options() const override { return {.url = url_, .migrate_up_to = kPreviousRelease}; }

  void SetUp() override {
    AppEngineTest::SetUp();
    if (IsSkipped()) return;
    const bool postgres = GetParam() == "postgresql";
    ASSERT_TRUE(store_->transaction([&](Tx& tx) -> Status {
      RL_CHECK(tx.sql().execute(postgres ? "ALTER TABLE users ADD COLUMN language TEXT COLLATE \"C\" "
                                           "NOT NULL DEFAULT ''"
                                         : "ALTER TABLE users ADD COLUMN language TEXT NOT NULL "
                                           "DEFAULT ''"));
      const SqlValue params[] = {std::int64_t{kUserLanguageMigration}, "user_language"};
      RL_CHECK(tx.sql().execute(
          "INSERT INTO schema_migrations (number, name, applied_at) VALUES ($1, $2, "
          "CURRENT_TIMESTAMP)",
          params));
      return {};
    }));
  }
};

TEST_P(UpgradeContract, PreviousReleaseDatabaseUpgradesWithItsJournalUntouched) {
  EXPECT_EQ(*store_->applied_migrations(), (std::vector<int>{1, 2, kUserLanguageMigration}));
  std::vector<risk::OperationalRisk> written;
  std::string head_before;
  {
    auto app = app_on(*store_);
    auto op = *app->auth().operator_principal("upgrade-test", "", "");
    const auto boot = app->accounts().bootstrap(
        op, {"Acme Medical", "acme"}, {"admin@acme.example", "Ada Admin", "correct horse battery staple", Role::admin});
    ASSERT_TRUE(boot) << boot.error().message;
    op.org_id = boot->organization.header.id;
    for (int i = 0; i < 3; ++i) {
      risk::OperationalRisk r;
      r.title = "Supplier risk " + std::to_string(i);
      r.owner = "Purchasing lead";
      r.likelihood = 2;
      r.impact = 3;
      if (i != 1) r.due_date = clock_.now() + std::chrono::days(30 + i);
      const auto created = app->operational_risks().create(op, r);
      ASSERT_TRUE(created) << created.error().message;
      written.push_back(*created);
    }
    // (This release's verify reads tables the previous release did not have: the head is read
    // directly, and verified after the upgrade.)
    ASSERT_TRUE(store_->read([&](Tx& tx) -> Status {
      head_before = RL_TRY(tx.journal_head()).value().second;
      return {};
    }));
  }
  store_.reset();

  auto upgraded = Store::open({.url = url_, .declared_tables = app::declared_tables()});
  ASSERT_TRUE(upgraded) << upgraded.error().message;
  EXPECT_GT(upgraded->get()->applied_migrations()->size(), 2u);
  auto app = app_on(**upgraded);
  const auto report = app->journal().verify();
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_TRUE(report->ok) << report->problem;
  EXPECT_EQ(report->head_hash, head_before);
  auto op = *app->auth().operator_principal("upgrade-test", "", "");
  op.org_id = written.front().header.org_id;
  for (const auto& w : written) {
    const auto r = app->operational_risks().get(op, w.header.id);
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(formats::canonical_payload(*r), formats::canonical_payload(w));
  }
  // Times now compare as times on every engine.
  const auto q = app::parse_query<risk::OperationalRisk>({{"due_date.ge", "2026-12-26"}}, 50, 50);
  ASSERT_TRUE(q);
  const auto due = app->operational_risks().find(op, *q);
  ASSERT_TRUE(due) << due.error().message;
  ASSERT_EQ(due->items.size(), 1u);
  EXPECT_EQ(due->items[0].header.id, written[2].header.id);
}

// A database of the release before item refs (migration 7) with hazards in two files: migration 8
// gives them refs in creation order per file, leaves the journal as it was (it still verifies),
// and the counter goes on from there.
class RefUpgrade : public UpgradeContract {
 protected:
  StoreOptions options() const override { return {.url = url_, .migrate_up_to = 7}; }

  // A hazard as that release stored and journaled it (no ref, no retirement columns).
  static Status old_hazard(Tx& tx, const Id& org, const Id& file, const Id& id,
                           const std::string& title, Timestamp at) {
    risk::Hazard h;
    h.header = {id, org, 1, at, at};
    h.risk_file_id = file;
    h.title = title;
    const SqlValue row[] = {id, org, format_timestamp(at), file, title};
    RL_CHECK(tx.sql().execute(
        "INSERT INTO hazards (id, org_id, version, created_at, updated_at, risk_file_id, title, "
        "description, category, condition, mission, stage) VALUES ($1, $2, 1, $3, $3, $4, $5, '', "
        "'', 'normal_use', 'product_lifecycle', 'design')",
        row));
    return app::append_entry(tx, {.at = at,
                                  .actor = "cli:upgrade-test",
                                  .org_id = org,
                                  .entity = "hazard",
                                  .entity_id = id,
                                  .op = "create",
                                  .payload = formats::canonical_payload(h)});
  }
};

TEST_P(RefUpgrade, ExistingItemsGetRefsInCreationOrderAndTheJournalStillVerifies) {
  std::string head_before;
  Id org, file_a, file_b;
  {
    auto app = app_on(*store_);
    auto op = *app->auth().operator_principal("upgrade-test", "", "");
    const auto boot = app->accounts().bootstrap(
        op, {"Acme Medical", "acme"},
        {"admin@acme.example", "Ada Admin", "correct horse battery staple", Role::admin});
    ASSERT_TRUE(boot) << boot.error().message;
    org = boot->organization.header.id;
    // As the admin from the command line (--as): no session, whose table a later migration changes.
    const auto admin = app->auth().operator_principal("upgrade-test", org, "admin@acme.example");
    ASSERT_TRUE(admin) << admin.error().message;
    const auto& who = *admin;
    auto policy = app->policies().create(who, std::nullopt);
    ASSERT_TRUE(policy) << policy.error().message;
    policy = app->policies().approve(
        who, policy->header.id, {"correct horse battery staple", SignatureMeaning::approval}, 1);
    ASSERT_TRUE(policy) << policy.error().message;
    const auto product = app->products().create(who, {"Stent", "", "", ""});
    ASSERT_TRUE(product) << product.error().message;
    for (Id* file : {&file_a, &file_b}) {
      risk::RiskFileInput in;
      in.product_id = product->header.id;
      in.title = "File";
      in.policy_id = policy->policy_id;
      in.policy_version = policy->policy_version;
      const auto f = app->files().create(who, in);
      ASSERT_TRUE(f) << f.error().message;
      *file = f->header.id;
    }
    const auto t = clock_.now();
    using std::chrono::minutes;
    // Ids sort against creation order: the refs must follow the times.
    ASSERT_TRUE(store_->transaction([&](Tx& tx) -> Status {
      RL_CHECK(old_hazard(tx, org, file_a, "hz-c", "First", t));
      RL_CHECK(old_hazard(tx, org, file_a, "hz-b", "Second", t + minutes(1)));
      RL_CHECK(old_hazard(tx, org, file_a, "hz-a", "Third", t + minutes(2)));
      return old_hazard(tx, org, file_b, "hz-d", "Other file", t + minutes(3));
    }));
    ASSERT_TRUE(store_->read([&](Tx& tx) -> Status {
      head_before = RL_TRY(tx.journal_head()).value().second;
      return {};
    }));
  }
  store_.reset();

  auto upgraded = Store::open({.url = url_, .declared_tables = app::declared_tables()});
  ASSERT_TRUE(upgraded) << upgraded.error().message;
  auto app = app_on(**upgraded);
  const auto report = app->journal().verify();
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_TRUE(report->ok) << report->problem;
  EXPECT_EQ(report->head_hash, head_before);

  const auto admin =
      app->auth().login({"admin@acme.example", "correct horse battery staple", "acme"}, "::1");
  ASSERT_TRUE(admin) << admin.error().message;
  const auto& who = admin->principal;
  const auto ref = [&](const Id& id) { return app->hazards().get(who, id).value().ref; };
  EXPECT_EQ(ref("hz-c"), "H-001");
  EXPECT_EQ(ref("hz-b"), "H-002");
  EXPECT_EQ(ref("hz-a"), "H-003");
  EXPECT_EQ(ref("hz-d"), "H-001");
  // The counters start after the backfilled refs.
  risk::HazardInput in;
  in.title = "New";
  EXPECT_EQ(app->hazards().create(who, file_a, in).value().ref, "H-004");
  EXPECT_EQ(app->hazards().create(who, file_b, in).value().ref, "H-002");
  // A backfilled ref enters the journal with the item's next change; all still verifies.
  auto changed = app::Hazards::input_of_record(app->hazards().get(who, "hz-b").value());
  changed.title = "Second, renamed";
  EXPECT_EQ(app->hazards().update(who, "hz-b", changed, 1).value().ref, "H-002");
  const auto again = app->journal().verify();
  ASSERT_TRUE(again);
  EXPECT_TRUE(again->ok) << again->problem;
}

INSTANTIATE_TEST_SUITE_P(Engines, RefUpgrade, ::testing::ValuesIn(engines()),
                         [](const auto& info) { return info.param; });

INSTANTIATE_TEST_SUITE_P(Engines, UpgradeContract, ::testing::ValuesIn(engines()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace riskloop::store
