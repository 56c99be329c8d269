// URL query strings: query_pairs (every declared record type's list route), query_param (the
// other routes), then the record query parser on the pairs, for the declared record types.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "app/record_query.hpp"
#include "app/record_types.hpp"
#include "http/record_routes.hpp"
#include "http/router.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view query(reinterpret_cast<const char*>(data), size);
  for (const char* name : {"after", "limit", "name", "lot"})
    (void)riskloop::http::query_param(query, name);
  const auto pairs = riskloop::http::query_pairs(query);
  if (!pairs) return 0;
  riskloop::app::for_each_record_type([&]<class T>() {
    if constexpr (riskloop::DeclaredRecord<T>) (void)riskloop::app::parse_query<T>(*pairs, 50, 500);
  });
  return 0;
}
