// A database written by the previous release (migrations 1 and 2: operational risk times as text)
// opens with this one: pending migrations apply, the declared tables check out, every record reads
// back as it was, and the journal is untouched and verifies.
#include "app/app.hpp"
#include "app/record_query.hpp"
#include "app/record_types.hpp"
#include "tests/app/app_fixture.hpp"
#include "tests/contract/engine_fixture.hpp"

namespace riskloop::store {
namespace {

constexpr int kPreviousRelease = 2;  // the last migration of the release before declared types

class UpgradeContract : public EngineTest {
 protected:
  StoreOptions options() const override { return {.url = url_, .migrate_up_to = kPreviousRelease}; }
  bool seed_organizations() const override { return false; }

  std::unique_ptr<app::App> app_on(Store& s) {
    return std::make_unique<app::App>(s, clock_, ids_,
                                      app::AppOptions{.password_cost = app::PasswordCost::minimal});
  }

  testing::ManualClock clock_;
  testing::CountingIds ids_;
};

TEST_P(UpgradeContract, PreviousReleaseDatabaseUpgradesWithItsJournalUntouched) {
  EXPECT_EQ(*store_->applied_migrations(), (std::vector<int>{1, 2}));
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

INSTANTIATE_TEST_SUITE_P(Engines, UpgradeContract, ::testing::ValuesIn(engines()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace riskloop::store
