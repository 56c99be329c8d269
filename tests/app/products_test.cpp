// Products: validation, versions, tenant isolation, partner shares.
#include "tests/app/app_fixture.hpp"

namespace riskloop::testing {
namespace {

class Products : public AppTest {};

TEST_F(Products, ValidationNamesTheField) {
  auto r = app_->products().create(admin_, {"", "", "", ""});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().location, "/name");
  r = app_->products().create(admin_, {"ok", "", std::string(101, 'm'), ""});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().location, "/model");
  r = app_->products().create(admin_, {"ok\x01", "", "", ""});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "must be a single line of text");
}

TEST_F(Products, StaleVersionsAreRefused) {
  auto p = app_->products().create(admin_, {"Stent", "", "", ""});
  ASSERT_TRUE(p);
  ASSERT_TRUE(app_->products().update(admin_, p->header.id, {"Stent v2", "", "", ""}, 1));
  const auto stale = app_->products().update(admin_, p->header.id, {"Stent v3", "", "", ""}, 1);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::precondition);
  EXPECT_EQ(app_->products().get(admin_, p->header.id)->name, "Stent v2");
}

TEST_F(Products, AnotherOrganizationSeesNothing) {
  auto p = app_->products().create(admin_, {"Secret stent", "", "", ""});
  ASSERT_TRUE(p);
  const auto insider = member("eng@acme.example", Role::engineer);
  auto other = app_->accounts().create_organization(admin_, {"Competitor", "other"});
  ASSERT_TRUE(other);
  const auto outsider = [&] {
    auto op = op_;
    op.org_id = other->header.id;
    EXPECT_TRUE(app_->accounts().add_member(op, {"spy@other.example", "Spy", kPassword, Role::admin}));
    return login("spy@other.example");
  }();
  for (const auto& r : {app_->products().get(outsider, p->header.id),
                        app_->products().update(outsider, p->header.id, {"x", "", "", ""}, 1)}) {
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::not_found);
  }
  EXPECT_EQ(app_->products().remove(outsider, p->header.id, 1).error().code, ErrorCode::not_found);
  EXPECT_TRUE(app_->products().list(outsider, {})->empty());
  const auto m = app_->accounts().member(outsider, insider.user_id);
  ASSERT_FALSE(m);
  EXPECT_EQ(m.error().code, ErrorCode::not_found);
}

TEST_F(Products, PartnersSeeOnlyWhatIsSharedWithThem) {
  auto shared = app_->products().create(admin_, {"Alliance idea", "", "", ""});
  auto hidden = app_->products().create(admin_, {"Internal", "", "", ""});
  ASSERT_TRUE(shared && hidden);
  const auto partner = member("clinician@hospital.example", Role::partner);
  ASSERT_TRUE(app_->accounts().share(admin_, {"product", shared->header.id, partner.user_id}));
  const auto list = app_->products().list(partner, {});
  ASSERT_TRUE(list);
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ(list->front().name, "Alliance idea");
  EXPECT_EQ(app_->products().get(partner, hidden->header.id).error().code, ErrorCode::not_found);
  EXPECT_EQ(app_->journal().page(partner, {}).error().code, ErrorCode::forbidden);
  EXPECT_EQ(app_->accounts().members(partner, {}).error().code, ErrorCode::forbidden);
}

TEST_F(Products, DeletingAProductWithdrawsItsShares) {
  auto p = app_->products().create(admin_, {"Alliance idea", "", "", ""});
  const auto partner = member("clinician@hospital.example", Role::partner);
  ASSERT_TRUE(app_->accounts().share(admin_, {"product", p->header.id, partner.user_id}));
  ASSERT_TRUE(app_->products().remove(admin_, p->header.id, 1));
  EXPECT_TRUE(app_->accounts().shares(admin_, {})->empty());
  EXPECT_TRUE(app_->journal().verify()->ok);
}

}  // namespace
}  // namespace riskloop::testing

namespace riskloop::testing {
namespace {

// Text typed or pasted in decomposed form is stored, journaled and found in its composed form
// (NFC), in new records and changes alike; the journal still verifies.
TEST_F(Products, TextIsStoredInNormalizationFormC) {
  const std::string decomposed = "Cafe\xCC\x81 stent \xE6\x94\xAF\xE6\x9E\xB6";  // e + U+0301, 支架
  const std::string composed = "Caf\xC3\xA9 stent \xE6\x94\xAF\xE6\x9E\xB6";
  auto p = app_->products().create(admin_, {decomposed, "", "", "d\xCC\x81"});
  ASSERT_TRUE(p) << p.error().message;
  EXPECT_EQ(p->name, composed);
  EXPECT_EQ(app_->products().get(admin_, p->header.id)->name, composed);
  auto changed = app_->products().update(admin_, p->header.id, {"Ne\xCC\x81o", "", "", ""}, 1);
  ASSERT_TRUE(changed) << changed.error().message;
  EXPECT_EQ(app_->products().get(admin_, p->header.id)->name, "N\xC3\xA9o");
  EXPECT_TRUE(app_->journal().verify()->ok);
}

}  // namespace
}  // namespace riskloop::testing
