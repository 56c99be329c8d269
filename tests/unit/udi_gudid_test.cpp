// The GS1 parser on real device identifiers: every GS1 DI of the FDA GUDID excerpt in the shared
// data (../shared/data/gudid/gudid_identifiers.csv) is read as AI (01); exactly the identifiers
// listed in tests/data/udi/gudid_invalid_gs1_dis.txt (found independently) must be refused, each
// for its length or its check digit.
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "formats/udi/udi.hpp"

namespace riskloop::udi {
namespace {

std::vector<std::string> lines_of(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> out;
  if (!in) {
    ADD_FAILURE() << "cannot read " << path
                  << " (the shared data sets must be beside the source tree)";
    return out;
  }
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    out.push_back(line);
  }
  return out;
}

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> cells;
  std::stringstream ss(line);
  for (std::string cell; std::getline(ss, cell, ',');) cells.push_back(cell);
  return cells;
}

TEST(UdiGudid, FindsExactlyTheInvalidGs1DeviceIdentifiers) {
  const auto rows =
      lines_of(std::string(RISKLOOP_SHARED_DATA_DIR) + "/gudid/gudid_identifiers.csv");
  ASSERT_GT(rows.size(), 1u);
  ASSERT_EQ(rows[0].rfind("primary_di,device_id,device_id_type,issuing_agency", 0), 0u) << rows[0];
  std::vector<std::string> expected;
  for (const auto& line :
       lines_of(std::string(RISKLOOP_TEST_DATA_DIR) + "/udi/gudid_invalid_gs1_dis.txt"))
    if (!line.empty() && line[0] != '#') expected.push_back(line);
  ASSERT_FALSE(expected.empty());

  std::vector<std::string> refused;
  std::size_t gs1 = 0;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const auto cells = split(rows[i]);
    ASSERT_GE(cells.size(), 4u) << "row " << i + 1;
    if (cells[3] != "GS1") continue;
    ++gs1;
    const std::string code = "(01)" + cells[1];
    const auto r = parse_gs1(code);
    if (r) {
      EXPECT_EQ(r->di, cells[1]);
      continue;
    }
    refused.push_back(cells[1]);
    const auto& why = r.error().reason;
    EXPECT_TRUE(why.find("(GTIN-14 mod 10)") != std::string::npos ||
                why.find("needs exactly 14 digits") != std::string::npos)
        << cells[1] << ": " << r.error().message();
  }
  EXPECT_EQ(gs1, 13570u);
  EXPECT_EQ(refused, expected);
}

}  // namespace
}  // namespace riskloop::udi
