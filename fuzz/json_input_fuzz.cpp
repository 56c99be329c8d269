// JSON request bodies: parse_json_body (UTF-8, nesting, syntax), then decode_fields onto record
// types as the HTTP routes do (flat, nested, enum, time and list fields).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/product.hpp"
#include "core/quality/supplier.hpp"
#include "core/risk/analysis_chain.hpp"
#include "core/risk/operational_risk.hpp"
#include "core/risk/policy.hpp"
#include "formats/json/record_json.hpp"

namespace {

template <class T>
void decode_onto(const nlohmann::json& body) {
  T target{};
  if (riskloop::formats::decode_fields(body, target))
    (void)riskloop::formats::canonical_payload(target);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto body = riskloop::formats::parse_json_body(text);
  if (!body) return 0;
  decode_onto<riskloop::Product>(*body);
  decode_onto<riskloop::quality::Supplier>(*body);
  decode_onto<riskloop::risk::OperationalRisk>(*body);
  decode_onto<riskloop::risk::RiskPolicy>(*body);
  decode_onto<riskloop::risk::Hazard>(*body);
  return 0;
}
