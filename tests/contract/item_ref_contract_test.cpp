// Item refs under concurrency, on every engine: two nodes (two stores on one database) creating
// hazards in the same risk file at the same time never hand out a number twice, and none is lost.
#include <thread>

#include "tests/contract/app_engine_fixture.hpp"

namespace riskloop::store {
namespace {

class ItemRefContract : public AppEngineTest {};

TEST_P(ItemRefContract, ConcurrentCreatesGetDistinctConsecutiveRefs) {
  constexpr const char* kPassword = "correct horse battery staple";
  auto app = app_on(*store_);
  auto op = *app->auth().operator_principal("contract-test", "", "");
  const auto boot = app->accounts().bootstrap(
      op, {"Acme Medical", "acme"}, {"admin@acme.example", "Ada Admin", kPassword, Role::admin});
  ASSERT_TRUE(boot) << boot.error().message;
  const auto admin = app->auth().login({"admin@acme.example", kPassword, "acme"}, "::1");
  ASSERT_TRUE(admin) << admin.error().message;
  const auto who = admin->principal;
  auto policy = app->policies().create(who, std::nullopt);
  ASSERT_TRUE(policy) << policy.error().message;
  policy = app->policies().approve(who, policy->header.id,
                                   {kPassword, SignatureMeaning::approval, "admin@acme.example"}, 1);
  ASSERT_TRUE(policy) << policy.error().message;
  const auto product = app->products().create(who, {"Stent", "", "", ""});
  ASSERT_TRUE(product) << product.error().message;
  risk::RiskFileInput in;
  in.product_id = product->header.id;
  in.title = "File";
  in.policy_id = policy->policy_id;
  in.policy_version = policy->policy_version;
  const auto file = app->files().create(who, in);
  ASSERT_TRUE(file) << file.error().message;

  // A second node on the same database; each node writes from two threads.
  auto other_store = Store::open({.url = url_, .declared_tables = app::declared_tables()});
  ASSERT_TRUE(other_store) << other_store.error().message;
  auto other = app_on(**other_store);
  constexpr int kPerThread = 8;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (app::App* node : {app.get(), other.get(), app.get(), other.get()})
    threads.emplace_back([&, node] {
      risk::HazardInput h;
      h.title = "Concurrent";
      for (int i = 0; i < kPerThread; ++i)
        if (!node->hazards().create(who, file->header.id, h)) ++failures;
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);

  const auto hazards = app->hazards().list(who, file->header.id, {.limit = 100});
  ASSERT_TRUE(hazards) << hazards.error().message;
  std::vector<std::string> refs;
  for (const auto& h : *hazards) refs.push_back(h.ref);
  std::sort(refs.begin(), refs.end());
  std::vector<std::string> expected;
  for (int n = 1; n <= 4 * kPerThread; ++n) expected.push_back(risk::format_ref("H", n));
  EXPECT_EQ(refs, expected);
}

INSTANTIATE_TEST_SUITE_P(Engines, ItemRefContract, ::testing::ValuesIn(engines()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace riskloop::store
