// CSV reading (hazard sheet imports): whatever the bytes, read_csv returns a sheet or a
// too_large error, and what it reads survives encode -> read unchanged.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "formats/sheet/csv_table.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto parsed = riskloop::formats::read_csv(text);
  if (!parsed) {
    if (parsed.error().code != riskloop::ErrorCode::too_large) std::abort();
    return 0;
  }
  if (!parsed->problems.empty() || parsed->sheet.columns.empty()) return 0;
  // A sheet read without problems is written and read back as the same cells. Rows are compared
  // without their trailing empty cells, which the writer pads.
  const auto again = riskloop::formats::read_csv(riskloop::formats::encode_csv(parsed->sheet));
  if (!again || !again->problems.empty() ||
      again->sheet.rows.size() != parsed->sheet.rows.size())
    std::abort();
  for (std::size_t r = 0; r < parsed->sheet.rows.size(); ++r) {
    const auto& a = parsed->sheet.rows[r].cells;
    const auto& b = again->sheet.rows[r].cells;
    for (std::size_t c = 0; c < a.size() || c < b.size(); ++c) {
      const std::string_view x = c < a.size() ? std::string_view(a[c]) : "";
      const std::string_view y = c < b.size() ? std::string_view(b[c]) : "";
      if (x != y) std::abort();
    }
  }
  return 0;
}
