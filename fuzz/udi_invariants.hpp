// What every UDI parse must hold, whatever the input: views inside the input, error positions
// at most its length, dates that exist, and a JSON rendering that serializes.
#pragma once

#include <cstdlib>
#include <string_view>

#include <nlohmann/json.hpp>

#include "formats/udi/udi.hpp"

inline void udi_require(bool holds) {
  if (!holds) std::abort();
}

inline bool udi_inside(std::string_view part, std::string_view text) {
  return part.empty() ||
         (part.data() >= text.data() && part.data() + part.size() <= text.data() + text.size());
}

inline void check_udi_result(const riskloop::udi::ParseResult& r, std::string_view text) {
  using namespace riskloop::udi;
  if (!r) {
    udi_require(r.error().position <= text.size());
    udi_require(!r.error().reason.empty());
    (void)to_json(r.error()).dump();
    return;
  }
  for (auto v : {r->di, r->lot, r->serial, r->labeler, r->product})
    udi_require(udi_inside(v, text));
  for (const auto& e : r->elements()) {
    udi_require(udi_inside(e.value, text));
    udi_require(e.position <= text.size());
  }
  for (const auto& d : {r->expiry, r->production_date})
    if (d) udi_require(d->month >= 1 && d->month <= 12 && d->day >= 1 && d->day <= 31);
  (void)to_json(*r).dump();  // throws on bytes that are not UTF-8: values are ASCII
}
