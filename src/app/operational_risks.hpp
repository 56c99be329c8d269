// The operational risk register (mission 2 of the 1+2+3+4 frame): supplier, regulatory change,
// capacity, cybersecurity, key personnel... per organization, linked to the products they affect.
#pragma once

#include <optional>
#include <vector>

#include "app/accounts.hpp"
#include "core/risk/operational_risk.hpp"

namespace riskloop::app {

class OperationalRisks {
 public:
  explicit OperationalRisks(AppContext& ctx) : ctx_(ctx) {}

  Result<risk::OperationalRisk> create(const Principal& who, const risk::OperationalRiskInput& in);
  Result<risk::OperationalRisk> get(const Principal& who, const Id& id);
  Result<std::vector<risk::OperationalRisk>> list(const Principal& who, const Page& page);
  Result<risk::OperationalRisk> update(const Principal& who, const Id& id,
                                       const risk::OperationalRiskInput& in,
                                       std::optional<std::int64_t> expected_version);
  Status remove(const Principal& who, const Id& id, std::optional<std::int64_t> expected_version);

 private:
  AppContext& ctx_;
};

}  // namespace riskloop::app
