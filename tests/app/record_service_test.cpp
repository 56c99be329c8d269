// The generic use cases of a declared record type (app/record_service.hpp) and the parsing of a
// person's query (app/record_query.hpp), shown on the operational risk register.
#include "app/record_query.hpp"
#include "app_fixture.hpp"

namespace riskloop::testing {
namespace {

using risk::OperationalRisk;
using risk::OperationalStatus;

class RecordServiceTest : public AppTest {
 protected:
  OperationalRisk risk(const std::string& title, std::int64_t likelihood = 2) {
    OperationalRisk r;
    r.title = title;
    r.owner = "Purchasing lead";
    r.likelihood = likelihood;
    r.impact = 3;
    return r;
  }

  app::OperationalRisks& service() { return app_->operational_risks(); }
};

TEST_F(RecordServiceTest, CreateReadUpdateDeleteAreJournaled) {
  const auto before = journal_count();
  auto in = risk("Single supplier of cobalt-chromium tubing");
  in.header.id = "chosen-by-the-caller";  // ignored: the store assigns identity
  const auto created = service().create(admin_, in);
  ASSERT_TRUE(created) << created.error().message;
  EXPECT_NE(created->header.id, "chosen-by-the-caller");
  EXPECT_EQ(created->header.org_id, org_);
  EXPECT_EQ(created->header.version, 1);
  EXPECT_EQ(journal_count(), before + 1);

  auto change = *created;
  change.likelihood = 4;
  const auto updated = service().update(admin_, created->header.id, change, 1);
  ASSERT_TRUE(updated) << updated.error().message;
  EXPECT_EQ(updated->header.version, 2);
  EXPECT_EQ(service().get(admin_, created->header.id)->likelihood, 4);
  EXPECT_EQ(journal_count(), before + 2);

  // Saving without a change writes nothing.
  const auto same = service().update(admin_, created->header.id, *updated, 2);
  ASSERT_TRUE(same);
  EXPECT_EQ(same->header.version, 2);
  EXPECT_EQ(journal_count(), before + 2);

  // A stale version is refused; the right one deletes.
  EXPECT_EQ(service().remove(admin_, created->header.id, 1).error().code, ErrorCode::precondition);
  ASSERT_TRUE(service().remove(admin_, created->header.id, 2));
  EXPECT_EQ(service().get(admin_, created->header.id).error().code, ErrorCode::not_found);
  EXPECT_EQ(journal_count(), before + 3);
}

TEST_F(RecordServiceTest, DeclaredLimitsAndOwnRulesAreChecked) {
  const auto before = journal_count();
  auto in = risk("  ");
  EXPECT_EQ(service().create(admin_, in).error().location, "/title");
  in = risk("Capacity", 9);
  const auto r = service().create(admin_, in);
  EXPECT_EQ(r.error().location, "/likelihood");
  EXPECT_NE(r.error().message.find("1 to 5"), std::string::npos) << r.error().message;
  in = risk(std::string(201, 'x'));
  EXPECT_EQ(service().create(admin_, in).error().location, "/title");
  in = risk("Capacity");
  in.status = OperationalStatus::in_treatment;
  EXPECT_EQ(service().create(admin_, in).error().location, "/treatment");
  EXPECT_EQ(journal_count(), before);  // nothing was written
}

TEST_F(RecordServiceTest, RolesAndTenantsAreEnforced) {
  const auto created = service().create(admin_, risk("Key person leaves"));
  ASSERT_TRUE(created);
  const auto auditor = member("audit@acme.example", Role::auditor);
  EXPECT_TRUE(service().get(auditor, created->header.id));
  EXPECT_EQ(service().create(auditor, risk("x")).error().code, ErrorCode::forbidden);
  EXPECT_EQ(service().remove(auditor, created->header.id, 1).error().code, ErrorCode::forbidden);
  const auto partner = member("partner@clinic.example", Role::partner);
  EXPECT_EQ(service().get(partner, created->header.id).error().code, ErrorCode::forbidden);
  EXPECT_EQ(service().find(partner, {}).error().code, ErrorCode::forbidden);

  // Another organization's id is simply not found.
  auto other = op_;
  auto boot = app_->accounts().bootstrap(other, {"Other Devices", "other"},
                                         {"admin@other.example", "Otto Admin", kPassword, Role::admin});
  ASSERT_TRUE(boot) << boot.error().message;
  const auto stranger = login("admin@other.example");
  EXPECT_EQ(service().get(stranger, created->header.id).error().code, ErrorCode::not_found);
  EXPECT_TRUE(service().find(stranger, {})->items.empty());
}

TEST_F(RecordServiceTest, FindFiltersSortsAndPages) {
  for (int i = 1; i <= 5; ++i) {
    auto in = risk("Risk " + std::to_string(i), i);
    in.status = i % 2 ? OperationalStatus::open : OperationalStatus::monitoring;
    if (i != 3) in.due_date = Timestamp{std::chrono::days(20000 + i)};
    ASSERT_TRUE(service().create(admin_, in));
  }
  auto q = app::parse_query<OperationalRisk>(
      {{"status", "open"}, {"sort", "-due_date"}, {"limit", "1"}}, 100, 500);
  ASSERT_TRUE(q) << q.error().message;
  std::vector<std::string> titles;
  for (int guard = 0; guard < 10; ++guard) {
    const auto page = service().find(admin_, *q);
    ASSERT_TRUE(page) << page.error().message;
    for (const auto& r : page->items) titles.push_back(r.title);
    if (!page->next) break;
    // The cursor travels as text, as it does through the API.
    q = app::parse_query<OperationalRisk>(
        {{"status", "open"}, {"sort", "-due_date"}, {"limit", "1"},
         {"after", app::encode_cursor(*page->next)}},
        100, 500);
    ASSERT_TRUE(q) << q.error().message;
  }
  EXPECT_EQ(titles, (std::vector<std::string>{"Risk 5", "Risk 1", "Risk 3"}));

  const auto count = service().count(admin_, {{"status", store::Match::equal, {std::string("monitoring")}}});
  EXPECT_EQ(*count, 2);
}

TEST_F(RecordServiceTest, QueryMistakesNameTheParameter) {
  const auto error_at = [](app::QueryParams params) {
    const auto q = app::parse_query<OperationalRisk>(params, 100, 500);
    EXPECT_FALSE(q);
    return q ? std::string() : q.error().location + ": " + q.error().message;
  };
  EXPECT_NE(error_at({{"status", "opn"}}).find("status: \"opn\" is not one of open"), std::string::npos);
  EXPECT_NE(error_at({{"owner", "x"}}).find("cannot filter or sort by \"owner\""), std::string::npos);
  EXPECT_NE(error_at({{"sort", "title"}}).find("sort: cannot"), std::string::npos);
  EXPECT_NE(error_at({{"due_date.lt", "tomorrow"}}).find("not a date"), std::string::npos);
  EXPECT_NE(error_at({{"due_date.around", "2026-01-01"}}).find("not a comparison"), std::string::npos);
  EXPECT_NE(error_at({{"limit", "501"}}).find("limit: must be a whole number from 1 to 500"),
            std::string::npos);
  EXPECT_NE(error_at({{"after", "%%%"}}).find("after: is not a cursor"), std::string::npos);
  EXPECT_NE(error_at({{"due_date.null", "maybe"}}).find("true or false"), std::string::npos);
}

TEST(RecordQuery, QueryableFieldsAreListedOnceEach) {
  constexpr IndexDecl indexes[] = {{.first = "lot_size"}, {.first = "lot"}, {.first = "lot_size", .second = "id"}};
  EXPECT_EQ(app::detail::query_fields_list(indexes), "id, lot_size, lot");
}

TEST_F(RecordServiceTest, CursorTextRoundTrips) {
  for (const store::SqlValue& key : {store::SqlValue{}, store::SqlValue{std::int64_t{-7}},
                                    store::SqlValue{2.5}, store::SqlValue{std::string("支架 \"x\"")},
                                    store::SqlValue{true}}) {
    const store::Cursor c{key, "id-1"};
    const auto back = app::decode_cursor(app::encode_cursor(c));
    ASSERT_TRUE(back) << back.error().message;
    EXPECT_EQ(back->key, key);
    EXPECT_EQ(back->id, "id-1");
  }
}

// A second declared type, with nothing but its declaration, its rules and its registration.
TEST_F(RecordServiceTest, SuppliersFollowTheirOwnRules) {
  auto suppliers = app_->records<quality::Supplier>();
  quality::Supplier s;
  s.name = "Tubing GmbH";
  s.country = "de";
  s.supplied_items = {"cobalt-chromium tubing"};
  s.status = quality::SupplierStatus::conditional;
  EXPECT_EQ(suppliers.create(admin_, s).error().location, "/country");
  s.country = "DE";
  EXPECT_EQ(suppliers.create(admin_, s).error().location, "/approved_on");
  s.approved_on = clock_.now();
  s.next_evaluation_due = clock_.now() + std::chrono::days(365);
  EXPECT_EQ(suppliers.create(admin_, s).error().location, "/conditions");
  s.conditions = "Lot release certificates with every delivery until the 2027 audit";
  const auto created = suppliers.create(admin_, s);
  ASSERT_TRUE(created) << created.error().message;
  const auto removed = suppliers.remove(admin_, created->header.id, 1);
  EXPECT_EQ(removed.error().code, ErrorCode::forbidden);
  EXPECT_NE(removed.error().message.find("stay on record"), std::string::npos);
  const auto auditor = member("audit@acme.example", Role::auditor);
  EXPECT_EQ(suppliers.create(auditor, s).error().code, ErrorCode::forbidden);
  const auto page = suppliers.find(auditor, {});
  ASSERT_TRUE(page);
  EXPECT_EQ(page->items.size(), 1u);
}

}  // namespace
}  // namespace riskloop::testing
