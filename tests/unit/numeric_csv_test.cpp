#include "formats/sheet/numeric_csv.hpp"

#include <gtest/gtest.h>

namespace riskloop::formats {
namespace {

TEST(NumericCsv, ReadsCellsByColumnName) {
  const std::string text = "var1,N,E\r\nstent,3, 1.25\r\n,,\r\n\"balloon, 2\",0,2e-1\r\n";
  auto csv = NumericCsv::open(text, {"var1", "N", "E"});
  ASSERT_TRUE(csv) << csv.error().message;
  ASSERT_TRUE(*csv->next());
  EXPECT_EQ(csv->row(), 2);
  EXPECT_EQ(csv->text("var1"), "stent");
  EXPECT_EQ(*csv->count("N"), 3);
  EXPECT_DOUBLE_EQ(*csv->number("E"), 1.25);
  ASSERT_TRUE(*csv->next());  // the empty row 3 is skipped
  EXPECT_EQ(csv->row(), 4);
  EXPECT_EQ(*csv->label("var1"), "balloon, 2");
  EXPECT_EQ(*csv->count("N"), 0);
  EXPECT_DOUBLE_EQ(*csv->number("E"), 0.2);
  EXPECT_FALSE(*csv->next());
}

TEST(NumericCsv, NamesTheMissingColumn) {
  auto csv = NumericCsv::open("var1,N\nx,1\n", {"var1", "N", "E"});
  ASSERT_FALSE(csv);
  EXPECT_EQ(csv.error().message, "row 1: the header has no column \"E\"");
}

TEST(NumericCsv, RefusesAColumnNamedTwice) {
  auto csv = NumericCsv::open("N,N\n1,2\n", {"N"});
  ASSERT_FALSE(csv);
  EXPECT_NE(csv.error().message.find("\"N\" is named twice"), std::string::npos);
}

TEST(NumericCsv, NamesRowAndColumnOfABadCell) {
  auto csv = NumericCsv::open("var1,N,E\na,1,1\nb,-2,x\nc,,1\nd,1.5,inf\n", {"N", "E"});
  ASSERT_TRUE(csv);
  ASSERT_TRUE(*csv->next());
  ASSERT_TRUE(*csv->next());
  EXPECT_EQ(csv->count("N").error().message, "row 3, column \"N\": \"-2\" is negative");
  EXPECT_EQ(csv->count("N").error().location, "row 3, column \"N\"");
  EXPECT_DOUBLE_EQ(*csv->number("N"), -2.0);
  EXPECT_EQ(csv->number("E").error().message, "row 3, column \"E\": \"x\" is not a number");
  ASSERT_TRUE(*csv->next());
  EXPECT_EQ(csv->count("N").error().message, "row 4, column \"N\": is empty; a count is needed");
  ASSERT_TRUE(*csv->next());
  EXPECT_EQ(csv->count("N").error().message, "row 5, column \"N\": \"1.5\" is not a whole number");
  EXPECT_FALSE(csv->number("E"));  // infinity is not a finite number
}

TEST(NumericCsv, StopsAtAnUnreadableRow) {
  auto csv = NumericCsv::open("a,b\n1,2\n\"3,4\n", {"a"});
  ASSERT_TRUE(csv);
  ASSERT_TRUE(*csv->next());
  auto next = csv->next();
  ASSERT_FALSE(next);
  EXPECT_EQ(next.error().code, ErrorCode::malformed);
  EXPECT_NE(next.error().message.find("row 3"), std::string::npos) << next.error().message;
}

}  // namespace
}  // namespace riskloop::formats
