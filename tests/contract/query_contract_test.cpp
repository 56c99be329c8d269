// Declared record types on every engine: generated tables with real column types, and typed
// queries (conditions, order, keyset pages, counts) that give the same answers everywhere.
#include <algorithm>
#include <map>
#include <tuple>

#include "core/record_declaration.hpp"
#include "tests/contract/engine_fixture.hpp"

namespace riskloop {

enum class Shade { red, green, blue };

template <>
struct EnumNames<Shade> {
  static constexpr std::array<std::string_view, 3> names = {"red", "green", "blue"};
};

// A record type declared only for these tests, with a field of every kind.
inline constexpr IndexDecl kSpecimenIndexes[] = {
    {.first = "lot", .second = "measured_at"}, {.first = "label"},  {.first = "value"},
    {.first = "measured_at"},                  {.first = "passed"}, {.first = "shade"},
    {.first = "released_at"},                  {.first = "count"}};
inline constexpr std::string_view kSpecimenColumns[] = {"lot", "label"};

struct Specimen {
  static constexpr std::string_view entity = "specimen";
  static constexpr std::string_view table = "contract_specimens";
  static constexpr Scope scope = Scope::organization;
  static constexpr RecordDeclaration declaration{.path = "specimens",
                                                 .title = "specimen",
                                                 .plural = "specimens",
                                                 .indexes = kSpecimenIndexes,
                                                 .list_columns = kSpecimenColumns};
  RecordHeader header;
  std::string lot;
  std::string label;
  double value = 0;
  std::int64_t count = 0;
  bool passed = false;
  Timestamp measured_at{};
  std::optional<Timestamp> released_at;
  Shade shade = Shade::red;
  std::vector<std::string> tags;
  std::string note;  // not indexed: never queried

  template <class V, class Self>
  static void fields(V& v, Self& s) {
    v("lot", s.lot);
    v("label", s.label);
    v("value", s.value);
    v("count", s.count);
    v("passed", s.passed);
    v("measured_at", s.measured_at);
    v("released_at", s.released_at);
    v("shade", s.shade);
    v("tags", s.tags);
    v("note", s.note);
  }
  bool operator==(const Specimen& o) const {
    const auto key = [](const Specimen& s) {
      return std::tie(s.header.id, s.header.org_id, s.header.version, s.header.created_at,
                      s.header.updated_at, s.lot, s.label, s.value, s.count, s.passed,
                      s.measured_at, s.released_at, s.shade, s.tags, s.note);
    };
    return key(*this) == key(o);
  }
};

}  // namespace riskloop

namespace riskloop::store {
namespace {

Timestamp day(int d) {
  return Timestamp{std::chrono::milliseconds{1'790'000'000'000LL + d * 86'400'000LL + 123}};
}

class QueryContract : public EngineTest {
 protected:
  std::vector<TableSchema> declared_tables() const override {
    return {table_schema<Specimen>()};
  }

  // 40 specimens of org A: lots L0..L3, labels with a Chinese prefix for some, values with ties,
  // every fifth without a release time; and one of org B.
  void SetUp() override {
    EngineTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_TRUE(store_->transaction([&](Tx& tx) -> Status {
      for (int i = 0; i < 40; ++i) {
        Specimen s;
        s.header = {.id = "s" + std::string(i < 10 ? "0" : "") + std::to_string(i), .org_id = org_a_,
                    .created_at = day(0), .updated_at = day(0)};
        s.lot = "L" + std::to_string(i % 4);
        s.label = (i % 3 == 0 ? "支架-" : "stent-") + std::to_string(i);
        s.value = double(i % 7) / 4;
        s.count = i;
        s.passed = i % 2 == 0;
        s.measured_at = day(i);
        if (i % 5) s.released_at = day(i + 1);
        s.shade = Shade(i % 3);
        s.tags = {"t" + std::to_string(i % 2)};
        mine_.push_back(s);
        RL_CHECK(tx.insert(s));
      }
      Specimen other;
      other.header = {.id = "s99", .org_id = org_b_, .created_at = day(0), .updated_at = day(0)};
      other.lot = "L0";
      return tx.insert(other);
    }));
  }

  std::vector<Specimen> find_all(const Query& first) {
    std::vector<Specimen> out;
    Query q = first;
    for (int pages = 0; pages < 100; ++pages) {
      auto page = store_->read([&](Tx& tx) -> Status {
        auto p = RL_TRY(tx.find<Specimen>(org_a_, q));
        EXPECT_LE(p.items.size(), std::size_t(q.limit));
        out.insert(out.end(), p.items.begin(), p.items.end());
        q.after = p.next;
        return {};
      });
      EXPECT_TRUE(page) << page.error().message;
      if (!q.after) break;
    }
    return out;
  }

  static std::vector<std::string> ids(const std::vector<Specimen>& v) {
    std::vector<std::string> out;
    for (const auto& s : v) out.push_back(s.header.id);
    return out;
  }

  std::vector<Specimen> mine_;
};

TEST_P(QueryContract, DeclaredTableHasTheEnginesOwnTypes) {
  ASSERT_TRUE(store_->read([&](Tx& tx) -> Status {
    const bool pg = store_->kind() == "postgresql";
    const auto rows = RL_TRY(tx.sql().query(
        pg ? "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = "
             "current_schema() AND table_name = 'contract_specimens'"
           : "SELECT name, type FROM pragma_table_info('contract_specimens')"));
    std::map<std::string, std::string> types;
    for (const auto& r : rows) types[sql_text(r[0])] = sql_text(r[1]);
    EXPECT_EQ(types.size(), 15u);
    EXPECT_EQ(types["measured_at"], pg ? "timestamp with time zone" : "TEXT");
    EXPECT_EQ(types["created_at"], pg ? "timestamp with time zone" : "TEXT");
    EXPECT_EQ(types["passed"], pg ? "boolean" : "INTEGER");
    EXPECT_EQ(types["count"], pg ? "bigint" : "INTEGER");
    EXPECT_EQ(types["value"], pg ? "double precision" : "REAL");
    return {};
  }));
}

TEST_P(QueryContract, RecordsReadBackEqualAndTenantsStayApart) {
  ASSERT_TRUE(store_->read([&](Tx& tx) -> Status {
    for (const auto& s : mine_) EXPECT_EQ(RL_TRY(tx.get<Specimen>(org_a_, s.header.id)), s);
    EXPECT_FALSE(tx.get<Specimen>(org_a_, "s99"));
    EXPECT_EQ(RL_TRY(tx.count<Specimen>(org_a_)), 40);
    EXPECT_EQ(RL_TRY(tx.count<Specimen>(org_b_)), 1);
    return {};
  }));
}

TEST_P(QueryContract, OpeningAgainKeepsTheTableAndAChangedDeclarationIsRefused) {
  store_.reset();
  auto again = Store::open({.url = url_, .declared_tables = declared_tables()});
  ASSERT_TRUE(again) << again.error().message;
  again->reset();
  auto changed = table_schema<Specimen>();
  changed.columns.back().kind = ColumnKind::integer;  // "note" is stored as text
  auto refused = Store::open({.url = url_, .declared_tables = {changed}});
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("contract_specimens"), std::string::npos)
      << refused.error().message;
  EXPECT_NE(refused.error().message.find("note"), std::string::npos) << refused.error().message;
}

TEST_P(QueryContract, ConditionsOfEveryKind) {
  const auto where = [&](std::vector<Condition> c) { return ids(find_all({.where = c, .limit = 100})); };
  const auto expected = [&](auto pred) {
    std::vector<std::string> out;
    for (const auto& s : mine_)
      if (pred(s)) out.push_back(s.header.id);
    return out;
  };
  EXPECT_EQ(where({{"lot", Match::equal, {std::string("L1")}}}),
            expected([](const Specimen& s) { return s.lot == "L1"; }));
  EXPECT_EQ(where({{"lot", Match::in, {std::string("L1"), std::string("L3")}}}),
            expected([](const Specimen& s) { return s.lot == "L1" || s.lot == "L3"; }));
  EXPECT_EQ(where({{"value", Match::greater_or_equal, {1.0}}, {"value", Match::less, {1.5}}}),
            expected([](const Specimen& s) { return s.value >= 1.0 && s.value < 1.5; }));
  EXPECT_EQ(where({{"count", Match::less_or_equal, {std::int64_t{3}}}}),
            expected([](const Specimen& s) { return s.count <= 3; }));
  EXPECT_EQ(where({{"measured_at", Match::greater, {format_timestamp(day(30))}}}),
            expected([](const Specimen& s) { return s.measured_at > day(30); }));
  EXPECT_EQ(where({{"passed", Match::equal, {true}}}),
            expected([](const Specimen& s) { return s.passed; }));
  EXPECT_EQ(where({{"shade", Match::equal, {std::string("blue")}}}),
            expected([](const Specimen& s) { return s.shade == Shade::blue; }));
  EXPECT_EQ(where({{"label", Match::prefix, {std::string("支架")}}}),
            expected([](const Specimen& s) { return s.label.rfind("支架", 0) == 0; }));
  EXPECT_EQ(where({{"label", Match::prefix, {std::string("stent-1")}}}),
            expected([](const Specimen& s) { return s.label.rfind("stent-1", 0) == 0; }));
  EXPECT_EQ(where({{"released_at", Match::is_null, {}}}),
            expected([](const Specimen& s) { return !s.released_at; }));
  EXPECT_EQ(where({{"released_at", Match::not_null, {}}, {"lot", Match::equal, {std::string("L2")}}}),
            expected([](const Specimen& s) { return s.released_at && s.lot == "L2"; }));
}

// Every order, walked in small pages, gives every row once, in (field, id) order with rows
// without a value last, ascending and descending.
TEST_P(QueryContract, KeysetPagesInEveryOrder) {
  const auto check = [&](const std::string& field, bool desc, auto key) {
    auto want = mine_;
    std::stable_sort(want.begin(), want.end(), [&](const Specimen& a, const Specimen& b) {
      const auto ka = key(a), kb = key(b);
      if (ka.has_value() != kb.has_value()) return ka.has_value();  // values first, none last
      if (ka && *ka != *kb) return desc ? *ka > *kb : *ka < *kb;
      return desc ? a.header.id > b.header.id : a.header.id < b.header.id;
    });
    const auto got = find_all({.order = {field, desc}, .limit = 7});
    EXPECT_EQ(ids(got), ids(want)) << field << (desc ? " descending" : " ascending");
  };
  for (const bool desc : {false, true}) {
    check("id", desc, [](const Specimen& s) { return std::optional<std::string>(s.header.id); });
    check("value", desc, [](const Specimen& s) { return std::optional<double>(s.value); });
    check("lot", desc, [](const Specimen& s) { return std::optional<std::string>(s.lot); });
    check("label", desc, [](const Specimen& s) { return std::optional<std::string>(s.label); });
    check("released_at", desc, [](const Specimen& s) { return s.released_at; });
    check("passed", desc, [](const Specimen& s) { return std::optional<bool>(s.passed); });
  }
}

TEST_P(QueryContract, PageSaysWhetherMoreFollow) {
  ASSERT_TRUE(store_->read([&](Tx& tx) -> Status {
    auto page = RL_TRY(tx.find<Specimen>(org_a_, {.limit = 40}));
    EXPECT_EQ(page.items.size(), 40u);
    EXPECT_FALSE(page.next) << "exactly 40 rows: nothing follows";
    page = RL_TRY(tx.find<Specimen>(org_a_, {.limit = 39}));
    EXPECT_TRUE(page.next);
    EXPECT_FALSE(tx.find<Specimen>(org_a_, {.limit = 0}));
    EXPECT_FALSE(tx.find<Specimen>(org_a_, {.limit = kMaxPageRows + 1}));
    return {};
  }));
}

TEST_P(QueryContract, CountsWithoutReadingRows) {
  ASSERT_TRUE(store_->read([&](Tx& tx) -> Status {
    EXPECT_EQ(RL_TRY(tx.count<Specimen>(org_a_, {{"passed", Match::equal, {false}}})), 20);
    EXPECT_TRUE(RL_TRY(tx.exists<Specimen>(org_a_, {{"lot", Match::equal, {std::string("L3")}}})));
    EXPECT_FALSE(RL_TRY(tx.exists<Specimen>(org_a_, {{"lot", Match::equal, {std::string("L9")}}})));
    const auto per_lot = RL_TRY(tx.count_by<Specimen>(org_a_, "lot"));
    EXPECT_EQ(per_lot.size(), 4u);
    for (std::size_t i = 0; i < per_lot.size(); ++i) {
      EXPECT_EQ(sql_text(per_lot[i].value), "L" + std::to_string(i));
      EXPECT_EQ(per_lot[i].count, 10);
    }
    const auto released = RL_TRY(tx.count_by<Specimen>(
        org_a_, "released_at", {{"measured_at", Match::less, {format_timestamp(day(10))}}}));
    EXPECT_EQ(released.size(), 9u);  // 8 dates, then the 2 without one
    EXPECT_TRUE(std::holds_alternative<std::monostate>(released.back().value));
    EXPECT_EQ(released.back().count, 2);
    EXPECT_EQ(sql_text(released.front().value), format_timestamp(day(2)));
    return {};
  }));
}

TEST_P(QueryContract, OnlyIndexedFieldsAreQueried) {
  ASSERT_TRUE(store_->read([&](Tx& tx) -> Status {
    const auto r = tx.find<Specimen>(org_a_, {.where = {{"note", Match::equal, {std::string("x")}}}});
    EXPECT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::internal);
    EXPECT_FALSE(tx.find<Specimen>(org_a_, {.order = {"note"}}));
    EXPECT_FALSE(tx.count_by<Specimen>(org_a_, "note"));
    EXPECT_FALSE(tx.find<Specimen>(org_a_, {.where = {{"lot", Match::in, {}}}}));
    return {};
  }));
}

// Tx::list never cuts a result short: a page larger than the maximum is refused, and list_all
// reads every page.
TEST_P(QueryContract, ListsAreNeverCappedSilently) {
  ASSERT_TRUE(store_->transaction([&](Tx& tx) -> Status {
    for (int i = 0; i < kMaxPageRows + 5; ++i) {
      Product p;
      p.header = {.id = "p" + std::to_string(100000 + i), .org_id = org_a_};
      p.name = "n";
      RL_CHECK(tx.insert(p));
    }
    return {};
  }));
  ASSERT_TRUE(store_->read([&](Tx& tx) -> Status {
    EXPECT_FALSE(tx.list<Product>(org_a_, {.limit = kMaxPageRows + 1}));
    EXPECT_EQ(RL_TRY(tx.list_all<Product>(org_a_)).size(), std::size_t(kMaxPageRows + 5));
    return {};
  }));
}

INSTANTIATE_TEST_SUITE_P(Engines, QueryContract, ::testing::ValuesIn(engines()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace riskloop::store
