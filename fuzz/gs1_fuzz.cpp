// GS1 element strings (formats/udi): the human-readable and raw forms, with and without a
// symbology identifier, through parse_gs1 and the dispatching parse.
#include <cstddef>
#include <cstdint>

#include "udi_invariants.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const riskloop::udi::ParseOptions options{.reference_year = 2026};
  check_udi_result(riskloop::udi::parse_gs1(text, options), text);
  check_udi_result(riskloop::udi::parse(text, options), text);
  return 0;
}
