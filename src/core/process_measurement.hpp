// Manufacturing process measurements for statistical process control: the first bulk record
// type (core/bulk_record.hpp). One row is one measured value of one characteristic of one lot.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/bulk_record.hpp"
#include "core/time.hpp"

namespace riskloop {

struct ProcessMeasurement {
  static constexpr std::string_view entity = "process_measurement";
  static constexpr std::string_view table = "process_measurements";
  static constexpr Scope scope = Scope::organization;

  Id id;
  Id org_id;
  std::int64_t source_row = 0;  // row number in the imported file (header = 1)
  Id product_id;
  std::string lot;
  std::string characteristic;   // e.g. "strut thickness"
  double value = 0;
  std::string unit;             // e.g. "um"
  Timestamp measured_at{};
  std::string station;          // measuring station or gauge; may be empty
  std::string operator_name;    // who measured; may be empty
  BulkPlacement placement;

  template <class V, class Self>
  static void fields(V& v, Self& s) {
    v("source_row", s.source_row);
    v("product_id", s.product_id);
    v("lot", s.lot);
    v("characteristic", s.characteristic);
    v("value", s.value);
    v("unit", s.unit);
    v("measured_at", s.measured_at);
    v("station", s.station);
    v("operator", s.operator_name);
  }
};

}  // namespace riskloop
