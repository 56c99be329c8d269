// XLSX reading (hazard sheet imports): the ZIP container, its parts' XML, shared strings and
// cell references. Small caps keep each run fast; the limits' own tests use the defaults.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "formats/xlsx/xlsx_table_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  riskloop::formats::XlsxReadOptions options;
  options.max_part_bytes = 4u << 20;
  options.max_inflated_bytes = 8u << 20;
  options.limits.max_cells = 100'000;
  options.limits.max_text_bytes = 4u << 20;
  (void)riskloop::formats::read_xlsx_bytes(bytes, options);
  return 0;
}
