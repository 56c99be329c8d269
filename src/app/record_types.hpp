// Every journaled record type, for verification and export. A new record type is added here.
#pragma once

#include "core/accounts.hpp"
#include "core/bulk_batch.hpp"
#include "core/process_measurement.hpp"
#include "core/product.hpp"
#include "core/quality/supplier.hpp"
#include "core/risk/migration_record.hpp"
#include "core/risk/operational_risk.hpp"
#include "core/risk/snapshot.hpp"
#include "core/signature.hpp"
#include "core/vigilance/complaint.hpp"
#include "core/vigilance/holiday.hpp"
#include "core/vigilance/registration.hpp"
#include "core/vigilance/reporting_rule.hpp"
#include "store/declared_schema.hpp"

namespace riskloop::app {

// Calls f.template operator()<T>() for each journaled record type T.
template <class F>
void for_each_record_type(F&& f) {
  f.template operator()<Organization>();
  f.template operator()<User>();
  f.template operator()<Membership>();
  f.template operator()<ApiToken>();
  f.template operator()<Share>();
  f.template operator()<Invitation>();
  f.template operator()<SecurityEvent>();
  f.template operator()<Product>();
  f.template operator()<risk::RiskPolicy>();
  f.template operator()<risk::RiskFile>();
  f.template operator()<risk::Hazard>();
  f.template operator()<risk::HazardousSituation>();
  f.template operator()<risk::Harm>();
  f.template operator()<risk::HazardSituationLink>();
  f.template operator()<risk::SituationHarm>();
  f.template operator()<risk::RiskControl>();
  f.template operator()<risk::ControlLink>();
  f.template operator()<risk::IntroducedHazard>();
  f.template operator()<risk::ResidualEstimate>();
  f.template operator()<risk::BenefitRisk>();
  f.template operator()<risk::OverallResidualRisk>();
  f.template operator()<risk::Review>();
  f.template operator()<risk::GateDecision>();
  f.template operator()<risk::OperationalRisk>();
  f.template operator()<risk::PolicyMigration>();
  f.template operator()<Signature>();
  f.template operator()<quality::Supplier>();
  f.template operator()<vigilance::Registration>();
  f.template operator()<vigilance::ReportingRule>();
  f.template operator()<vigilance::Holiday>();
  f.template operator()<vigilance::Complaint>();
  f.template operator()<BulkBatch>();
}

// The tables of every declared record type, for StoreOptions::declared_tables: Store::open
// creates those that are missing and checks the others against their declarations.
inline std::vector<store::TableSchema> declared_tables() {
  std::vector<store::TableSchema> out;
  for_each_record_type([&]<class T>() {
    if constexpr (DeclaredRecord<T>) out.push_back(store::table_schema<T>());
  });
  return out;
}

// Calls f.template operator()<T>() for each bulk record type T (core/bulk_record.hpp): rows
// covered by batch entries instead of entries of their own.
template <class F>
void for_each_bulk_record_type(F&& f) {
  f.template operator()<ProcessMeasurement>();
}

}  // namespace riskloop::app
