// The process measurement CSV file (bulk imports): never fails, every problem an issue.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "formats/sheet/measurement_csv.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)riskloop::formats::read_measurement_csv(text);
  return 0;
}
