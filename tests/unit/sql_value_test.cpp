// Field values mapped to SQL values and back, lists included.
#include <gtest/gtest.h>

#include "core/role.hpp"
#include "store/sql_value.hpp"

namespace riskloop::store {
namespace {

struct Cell {
  std::int64_t severity = 0;
  Role owner = Role::auditor;
  bool accepted = false;
  template <class V, class Self>
  static void fields(V& v, Self& s) {
    v("severity", s.severity);
    v("owner", s.owner);
    v("accepted", s.accepted);
  }
};

TEST(SqlValue, ScalarsRoundTrip) {
  const auto t = *parse_timestamp("2026-03-04T05:06:07.089Z");
  Timestamp t2{};
  ASSERT_TRUE(from_sql(to_sql(t), t2));
  EXPECT_EQ(t, t2);
  Role r = Role::admin;
  ASSERT_TRUE(from_sql(to_sql(Role::vigilance), r));
  EXPECT_EQ(r, Role::vigilance);
  std::optional<double> d = 1.0;
  ASSERT_TRUE(from_sql(to_sql(std::optional<double>{}), d));
  EXPECT_FALSE(d);
  EXPECT_FALSE(from_sql(SqlValue{std::string("not-a-role")}, r));
}

TEST(SqlValue, ListsOfStructsRoundTripAsJsonText) {
  const std::vector<Cell> cells{{5, Role::risk_manager, true}, {1, Role::engineer, false}};
  const auto stored = to_sql(cells);
  ASSERT_TRUE(std::holds_alternative<std::string>(stored));
  std::vector<Cell> back;
  ASSERT_TRUE(from_sql(stored, back));
  ASSERT_EQ(back.size(), 2u);
  EXPECT_EQ(back[0].owner, Role::risk_manager);
  EXPECT_TRUE(back[0].accepted);
  EXPECT_EQ(back[1].severity, 1);
  std::vector<std::string> tags;
  ASSERT_TRUE(from_sql(to_sql(std::vector<std::string>{"a", "b\"c"}), tags));
  EXPECT_EQ(tags[1], "b\"c");
  EXPECT_FALSE(from_sql(SqlValue{std::string("{broken")}, back));
}

}  // namespace
}  // namespace riskloop::store
