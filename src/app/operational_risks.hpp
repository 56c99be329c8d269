// The operational risk register (mission 2 of the 1+2+3+4 frame): supplier, regulatory change,
// capacity, cybersecurity, key personnel... per organization, linked to the products they affect.
// A declared record type (core/risk/operational_risk.hpp): its use cases are the generic ones of
// app/record_service.hpp; what is its own is below.
#pragma once

#include "app/record_service.hpp"
#include "core/risk/operational_risk.hpp"

namespace riskloop::app {

// The affected products must exist in the organization.
template <>
struct RecordHooks<risk::OperationalRisk> {
  static Status before_write(store::Tx& tx, const Principal& who, const risk::OperationalRisk& r);
};

using OperationalRisks = RecordService<risk::OperationalRisk>;

}  // namespace riskloop::app
