// The id table behind the risk file index: exact answers for hits, misses and repeats.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/risk/id_table.hpp"

namespace riskloop::risk {
namespace {

TEST(IdTable, FindsEveryKeyAndNothingElse) {
  std::vector<std::string> keys;
  for (int i = 0; i < 5000; ++i) keys.push_back("0197a-" + std::to_string(i * 7));
  keys.push_back("");  // an empty id is a key like any other
  const IdTable table(std::vector<std::string_view>(keys.begin(), keys.end()));
  EXPECT_EQ(table.size(), keys.size());
  for (std::size_t i = 0; i < keys.size(); ++i) EXPECT_EQ(table.find(keys[i]), i) << keys[i];
  EXPECT_EQ(table.find("0197a-1"), IdTable::npos);
  EXPECT_EQ(table.find("0197a-"), IdTable::npos);
  EXPECT_EQ(table.find("0197a-35 "), IdTable::npos);
}

TEST(IdTable, FindAllMatchesFind) {
  std::vector<std::string> keys, queries;
  for (int i = 0; i < 1000; ++i) keys.push_back("k" + std::to_string(i));
  for (int i = 0; i < 2000; ++i) queries.push_back("k" + std::to_string((i * 37) % 1500));
  const IdTable table(std::vector<std::string_view>(keys.begin(), keys.end()));
  const std::vector<std::string_view> q(queries.begin(), queries.end());
  std::vector<std::size_t> out(q.size());
  table.find_all(q, out);
  for (std::size_t i = 0; i < q.size(); ++i) EXPECT_EQ(out[i], table.find(q[i])) << q[i];
}

TEST(IdTable, RepeatedKeyKeepsItsFirstPosition) {
  const IdTable table(std::vector<std::string_view>{"a", "b", "a"});
  EXPECT_EQ(table.find("a"), 0u);
  EXPECT_EQ(table.find("b"), 1u);
}

TEST(IdTable, EmptyTableFindsNothing) {
  const IdTable table;
  EXPECT_EQ(table.find("a"), IdTable::npos);
  std::vector<std::size_t> out(1, 0);
  const std::vector<std::string_view> q{"a"};
  table.find_all(q, out);
  EXPECT_EQ(out[0], IdTable::npos);
}

TEST(IdTable, HashDependsOnEveryByte) {
  EXPECT_NE(hash_id("risk-00000001"), hash_id("risk-00000002"));
  EXPECT_NE(hash_id("abcdefgh"), hash_id(std::string_view("abcdefgh\0", 9)));
  EXPECT_NE(hash_id(""), hash_id(std::string_view("\0", 1)));
}

}  // namespace
}  // namespace riskloop::risk
