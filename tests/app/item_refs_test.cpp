// Refs (H-001, HS-001, ...) and retirement of risk file items through the application layer.
#include "app/risk_exchange.hpp"
#include "tests/app/risk_fixture.hpp"

namespace riskloop::testing {
namespace {

class ItemRefs : public RiskTest {
 protected:
  risk::Hazard hazard(const std::string& title, const Id& file) {
    risk::HazardInput in;
    in.title = title;
    auto h = app_->hazards().create(admin_, file, in);
    EXPECT_TRUE(h) << h.error().message;
    return h ? *h : risk::Hazard{};
  }

  Id second_file() {
    auto in = file_input();
    in.title = "Second file";
    auto f = app_->files().create(admin_, in);
    EXPECT_TRUE(f) << f.error().message;
    return f->header.id;
  }

  std::vector<std::string> finding_ids() {
    const auto a = app_->files().assess(admin_, file_);
    EXPECT_TRUE(a);
    std::vector<std::string> ids;
    for (const auto& f : a->completeness) ids.push_back(f.item_id);
    return ids;
  }

  bool verifies() {
    const auto report = app_->journal().verify();
    return report && report->ok;
  }
};

TEST_F(ItemRefs, EachKindCountsFromOnePerFile) {
  const auto c = add_chain("burn", 1e-3, 0.1, 3);
  EXPECT_EQ(app_->hazards().get(admin_, c.hazard)->ref, "H-001");
  EXPECT_EQ(app_->situations().get(admin_, c.situation)->ref, "HS-001");
  EXPECT_EQ(app_->harms().get(admin_, c.harm)->ref, "HM-001");
  EXPECT_EQ(app_->situation_harms().get(admin_, c.pair)->ref, "R-001");
  const auto ctl = control(c, 1e-6, 0.1, 3);
  EXPECT_EQ(app_->controls().get(admin_, ctl)->ref, "RC-001");
  EXPECT_EQ(hazard("Second", file_).ref, "H-002");
  // Another file starts again at 1: refs are unique per file and kind, not per organization.
  EXPECT_EQ(hazard("Elsewhere", second_file()).ref, "H-001");
  EXPECT_TRUE(verifies());
}

TEST_F(ItemRefs, ARefIsStableAndNeverGivenAgain) {
  const auto first = hazard("First", file_);
  const auto second = hazard("Second", file_);
  // A change keeps the ref; the input has no way to set it.
  auto in = app::Hazards::input_of_record(second);
  in.title = "Second, renamed";
  const auto changed = app_->hazards().update(admin_, second.header.id, in, second.header.version);
  ASSERT_TRUE(changed) << changed.error().message;
  EXPECT_EQ(changed->ref, "H-002");
  // Removing the newest item does not free its number.
  ASSERT_TRUE(app_->hazards().remove(admin_, changed->header.id, changed->header.version));
  EXPECT_EQ(hazard("Third", file_).ref, "H-003");
  EXPECT_EQ(app_->hazards().get(admin_, first.header.id)->ref, "H-001");
}

TEST_F(ItemRefs, TheDatabaseRefusesASecondItemWithTheSameRef) {
  const auto h = hazard("First", file_);
  auto copy = h;
  copy.header.id = "dup-" + h.header.id;
  const auto stored = store_->transaction([&](store::Tx& tx) -> Status { return tx.insert(copy); });
  ASSERT_FALSE(stored);
  EXPECT_EQ(stored.error().code, ErrorCode::conflict);
}

TEST_F(ItemRefs, ImportedItemsGetNewRefsAndTheSheetShowsThem) {
  add_chain("burn", 1e-3, 0.1, 3);
  const auto sheet = app_->exchange().export_sheet(admin_, file_, app::SheetFormat::csv);
  ASSERT_TRUE(sheet) << sheet.error().message;
  EXPECT_NE(sheet->find("H-001"), std::string::npos);
  EXPECT_NE(sheet->find("R-001"), std::string::npos);
  const auto target = second_file();
  hazard("Taken before the import", target);
  // Import into a file that already has H-001: the sheet's refs are informational.
  const auto imported = app_->exchange().import_sheet(
      admin_, target, {.format = app::SheetFormat::csv, .content = *sheet});
  ASSERT_TRUE(imported) << imported.error().message;
  ASSERT_TRUE(imported->written);
  std::vector<std::string> refs;
  const auto hazards = app_->hazards().list(admin_, target, {.limit = 50});
  ASSERT_TRUE(hazards);
  for (const auto& h : *hazards) refs.push_back(h.ref);
  std::sort(refs.begin(), refs.end());
  EXPECT_EQ(refs, (std::vector<std::string>{"H-001", "H-002"}));
  EXPECT_TRUE(verifies());
}

TEST_F(ItemRefs, RetiringNeedsARationaleAndIsJournaledAndUndone) {
  const auto h = hazard("Obsolete", file_);
  const auto blank = app_->hazards().retire(admin_, h.header.id, "  ", h.header.version);
  ASSERT_FALSE(blank);
  EXPECT_EQ(blank.error().code, ErrorCode::validation);
  EXPECT_EQ(blank.error().location, "/rationale");
  EXPECT_EQ(app_->hazards()
                .retire(admin_, h.header.id, std::string(1001, 'x'), h.header.version)
                .error()
                .code,
            ErrorCode::validation);
  EXPECT_EQ(app_->hazards().retire(admin_, h.header.id, "gone", h.header.version + 1).error().code,
            ErrorCode::precondition);
  const auto before = journal_count();
  const auto retired = app_->hazards().retire(
      admin_, h.header.id, "Design change DC-12 removed the heater", h.header.version);
  ASSERT_TRUE(retired) << retired.error().message;
  EXPECT_EQ(retired->retired_rationale, "Design change DC-12 removed the heater");
  EXPECT_EQ(journal_count(), before + 1);
  const auto again = app_->hazards().retire(admin_, h.header.id, "again", retired->header.version);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::conflict);
  EXPECT_NE(again.error().message.find("H-001 is already retired"), std::string::npos);
  // Still listed and readable.
  EXPECT_EQ(app_->hazards().list(admin_, file_, {})->size(), 1u);
  const auto back = app_->hazards().reinstate(admin_, h.header.id, retired->header.version);
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_TRUE(back->retired_rationale.empty());
  EXPECT_EQ(app_->hazards().reinstate(admin_, h.header.id, back->header.version).error().code,
            ErrorCode::conflict);
  // Other organizations' ids are not found; auditors cannot retire.
  const auto auditor = member("auditor@acme.example", Role::auditor);
  EXPECT_EQ(app_->hazards().retire(auditor, h.header.id, "no", back->header.version).error().code,
            ErrorCode::forbidden);
  EXPECT_TRUE(verifies());
}

TEST_F(ItemRefs, RetiredItemsAndWhatOnlyTheyLeadToLeaveTheAssessment) {
  const auto c = add_chain("burn", 1e-3, 0.1, 4);  // unacceptable, uncontrolled: a finding
  const auto has = [&](const Id& id) {
    const auto ids = finding_ids();
    return std::find(ids.begin(), ids.end(), id) != ids.end();
  };
  ASSERT_TRUE(has(c.pair));
  const auto h = app_->hazards().get(admin_, c.hazard);
  ASSERT_TRUE(app_->hazards().retire(admin_, c.hazard, "no longer applies", h->header.version));
  // Its only situation, and that situation's risk, no longer count.
  EXPECT_FALSE(has(c.pair));
  const auto a = app_->files().assess(admin_, file_);
  ASSERT_EQ(a->risks.size(), 1u);
  EXPECT_TRUE(a->risks[0].retired);
  // A gate no longer names the risk.
  const auto gate = app_->files().check_gate(admin_, file_, risk::Stage::design);
  ASSERT_TRUE(gate);
  for (const auto& f : *gate) EXPECT_NE(f.item_id, c.pair) << f.message;
  // Reinstated, it counts again.
  const auto again = app_->hazards().get(admin_, c.hazard);
  ASSERT_TRUE(app_->hazards().reinstate(admin_, c.hazard, again->header.version));
  EXPECT_TRUE(has(c.pair));
}

TEST_F(ItemRefs, ARetiredRiskOrControlDoesNotCount) {
  const auto c = add_chain("burn", 1e-3, 0.1, 4);
  const auto pair = app_->situation_harms().get(admin_, c.pair);
  ASSERT_TRUE(
      app_->situation_harms().retire(admin_, c.pair, "merged into R-002", pair->header.version));
  const auto a = app_->files().assess(admin_, file_);
  EXPECT_TRUE(a->risks[0].retired);
  // The situation and harm now lead nowhere that counts: said as such.
  const auto ids = finding_ids();
  EXPECT_NE(std::find(ids.begin(), ids.end(), c.situation), ids.end());
}

}  // namespace
}  // namespace riskloop::testing
