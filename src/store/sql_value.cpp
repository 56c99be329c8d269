// SQL value <-> JSON scalar, for list fields stored as JSON text.
#include "store/sql_value.hpp"

namespace riskloop::store::detail {

nlohmann::json sql_to_json(const SqlValue& v) {
  if (const auto* i = std::get_if<std::int64_t>(&v)) return *i;
  if (const auto* b = std::get_if<bool>(&v)) return std::int64_t{*b ? 1 : 0};
  if (const auto* d = std::get_if<double>(&v)) return *d;
  if (const auto* t = std::get_if<std::string>(&v)) return *t;
  return nullptr;
}

SqlValue json_to_sql(const nlohmann::json& j) {
  if (j.is_number_integer()) return j.get<std::int64_t>();
  if (j.is_number()) return j.get<double>();
  if (j.is_string()) return j.get<std::string>();
  return {};
}

}  // namespace riskloop::store::detail
