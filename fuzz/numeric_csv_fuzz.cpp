// The analytics commands' CSV input: whatever the bytes, every cell of every row reads as a number,
// a count, a label or an error naming its row and column, and the reader stops at a bad row.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "formats/sheet/numeric_csv.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto csv = riskloop::formats::NumericCsv::open(text, {"N"});
  if (!csv) {
    if (csv.error().message.empty()) std::abort();
    return 0;
  }
  for (int rows = 0; rows < 10000; ++rows) {
    const auto more = csv->next();
    if (!more) {
      if (more.error().location.empty()) std::abort();
      return 0;
    }
    if (!*more) return 0;
    for (const auto* column : {"N", "E", "id"}) {
      if (auto n = csv->number(column); !n && n.error().location.find("row ") != 0) std::abort();
      if (auto k = csv->count(column); k && *k < 0) std::abort();
      (void)csv->label(column);
    }
  }
  return 0;
}
