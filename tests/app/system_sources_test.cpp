// The production id source: RFC 9562 UUIDv7 text, in creation order even within one millisecond.
#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "app/app.hpp"

namespace riskloop::testing {
namespace {

TEST(UuidV7Source, IdsAreVersion7AndCountUpInCreationOrder) {
  app::UuidV7Source ids;
  const std::regex form("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  std::string previous;
  std::set<std::string> seen;
  // Far more ids than a millisecond holds, so many share one.
  for (int i = 0; i < 100000; ++i) {
    auto id = ids.next_id();
    ASSERT_TRUE(std::regex_match(id, form)) << id;
    ASSERT_LT(previous, id) << "id " << i << " sorts before the one made before it";
    seen.insert(id);
    previous = std::move(id);
  }
  EXPECT_EQ(seen.size(), 100000u);
}

TEST(UuidV7Source, TheRandomPartDiffersBetweenMilliseconds) {
  app::UuidV7Source ids;
  // Two ids a millisecond apart share no random tail (a fixed seed would make them guessable).
  const auto a = ids.next_id();
  std::string b = a;
  while (b.substr(0, 13) == a.substr(0, 13)) b = ids.next_id();
  EXPECT_NE(a.substr(24), b.substr(24));
}

}  // namespace
}  // namespace riskloop::testing
