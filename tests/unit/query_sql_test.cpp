// SQL text of typed queries (store/query.hpp): parameters for every value, keyset conditions, and
// the upper bound that turns a prefix into an index range.
#include <gtest/gtest.h>

#include "store/query.hpp"

namespace riskloop::store {
namespace {

TEST(PrefixUpperBound, RaisesTheLastCodePoint) {
  EXPECT_EQ(prefix_upper_bound("abc"), "abd");
  EXPECT_EQ(prefix_upper_bound("支架"), "支枷");  // U+67B6 -> U+67B7
  EXPECT_EQ(prefix_upper_bound("a\U0010FFFF"), "b");
  EXPECT_EQ(prefix_upper_bound("\U0010FFFF"), "");
  EXPECT_EQ(prefix_upper_bound("x\uD7FF"), "x\uE000");  // past the surrogates
  EXPECT_EQ(prefix_upper_bound("\x7F"), "\u0080");
  EXPECT_EQ(prefix_upper_bound(""), "");
}

TEST(PageSql, EveryValueIsAParameterAndTheCursorFollowsTheOrder) {
  const auto rs = make_record_sql("things", {"id", "org_id", "version", "lot", "due"}, true);
  const std::string org = "org-1";
  const auto sql = page_sql(rs, "things", &org,
                            {.where = {{"lot", Match::in, {std::string("a"), std::string("b")}},
                                       {"lot", Match::prefix, {std::string("L'; DROP")}}},
                             .order = {"due", true},
                             .after = Cursor{std::string("2026-01-01T00:00:00.000Z"), "id-9"},
                             .limit = 5});
  ASSERT_TRUE(sql) << sql.error().message;
  EXPECT_EQ(sql->text,
            "SELECT id, org_id, version, lot, due FROM things WHERE org_id = $1 AND lot IN ($2, $3) "
            "AND (lot >= $4 AND lot < $5) AND (due < $7 OR (due = $7 AND id < $6) OR due IS NULL) "
            "ORDER BY due DESC NULLS LAST, id DESC LIMIT 6");
  EXPECT_EQ(sql->params.size(), 7u);
  EXPECT_EQ(std::get<std::string>(sql->params[3]), "L'; DROP");
}

TEST(PageSql, AFieldThatAlwaysHoldsAValuePagesByRowValue) {
  const auto rs =
      make_record_sql("things", {"id", "org_id", "lot", "due"}, true, {"id", "org_id", "lot", "due"});
  const std::string org = "org-1";
  const auto sql = page_sql(rs, "things", &org,
                            {.where = {{"lot", Match::equal, {std::string("a")}}},
                             .order = {"due"},
                             .after = Cursor{std::string("2026-01-01T00:00:00.000Z"), "id-9"},
                             .limit = 50});
  ASSERT_TRUE(sql) << sql.error().message;
  EXPECT_EQ(sql->text,
            "SELECT id, org_id, lot, due FROM things WHERE org_id = $1 AND lot = $2 "
            "AND (due, id) > ($3, $4) ORDER BY due ASC, id ASC LIMIT 51");
  const auto down = page_sql(rs, "things", &org,
                             {.order = {"due", true}, .after = Cursor{std::string("k"), "i"}});
  ASSERT_TRUE(down);
  EXPECT_NE(down->text.find("(due, id) < ($2, $3) ORDER BY due DESC, id DESC"), std::string::npos)
      << down->text;
}

TEST(PageSql, UnknownFieldsAndBadLimitsAreRefused) {
  const auto rs = make_record_sql("things", {"id", "org_id", "lot"}, true);
  const std::string org = "o";
  EXPECT_FALSE(page_sql(rs, "things", &org, {.where = {{"lot; --", Match::equal, {std::string()}}}}));
  EXPECT_FALSE(page_sql(rs, "things", &org, {.order = {"nope"}}));
  EXPECT_FALSE(page_sql(rs, "things", &org, {.limit = 0}));
  const auto wrong = page_sql(rs, "things", &org, {.where = {{"lot", Match::equal, {}}}});
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().code, ErrorCode::validation);
}

}  // namespace
}  // namespace riskloop::store
