// The application layer: every use case, authorized and validated, one transaction per command,
// its journal entries in the same transaction. HTTP and CLI call only this.
#pragma once

#include <memory>

#include "app/accounts.hpp"
#include "app/auth.hpp"
#include "app/idempotency.hpp"
#include "app/journal_reader.hpp"
#include "app/measurements.hpp"
#include "app/operational_risks.hpp"
#include "app/products.hpp"
#include "app/risk_exchange.hpp"
#include "app/risk_files.hpp"
#include "app/risk_items.hpp"

namespace riskloop::app {

// The item services of a risk file, one per item type.
using Hazards = RiskItems<risk::Hazard, risk::HazardInput>;
using Situations = RiskItems<risk::HazardousSituation, risk::HazardousSituationInput>;
using Harms = RiskItems<risk::Harm, risk::HarmInput>;
using HazardSituationLinks = RiskItems<risk::HazardSituationLink, risk::HazardSituationLinkInput>;
using SituationHarms = RiskItems<risk::SituationHarm, risk::SituationHarmInput>;
using Controls = RiskItems<risk::RiskControl, risk::RiskControlInput>;
using ControlLinks = RiskItems<risk::ControlLink, risk::ControlLinkInput>;
using IntroducedHazards = RiskItems<risk::IntroducedHazard, risk::IntroducedHazardInput>;
using ResidualEstimates = RiskItems<risk::ResidualEstimate, risk::ResidualEstimateInput>;
using Reviews = RiskItems<risk::Review, risk::ReviewInput>;

class App {
 public:
  App(store::Store& store, const Clock& clock, IdSource& ids, AppOptions options = {})
      : ctx_{store, clock, ids, options},
        accounts_(ctx_),
        auth_(ctx_),
        products_(ctx_),
        journal_(ctx_),
        policies_(ctx_),
        files_(ctx_),
        operational_(ctx_),
        hazards_(ctx_),
        situations_(ctx_),
        harms_(ctx_),
        hazard_situations_(ctx_),
        situation_harms_(ctx_),
        controls_(ctx_),
        control_links_(ctx_),
        introduced_hazards_(ctx_),
        residuals_(ctx_),
        reviews_(ctx_),
        exchange_(ctx_),
        idempotency_(ctx_),
        measurements_(ctx_) {}

  Accounts& accounts() { return accounts_; }
  Auth& auth() { return auth_; }
  Products& products() { return products_; }
  JournalReader& journal() { return journal_; }
  RiskPolicies& policies() { return policies_; }
  RiskFiles& files() { return files_; }
  OperationalRisks& operational_risks() { return operational_; }
  // The use cases of any declared record type (app/record_service.hpp); they hold nothing but
  // the context, so each call makes one.
  template <DeclaredRecord T>
  RecordService<T> records() {
    return RecordService<T>(ctx_);
  }
  Hazards& hazards() { return hazards_; }
  Situations& situations() { return situations_; }
  Harms& harms() { return harms_; }
  HazardSituationLinks& hazard_situations() { return hazard_situations_; }
  SituationHarms& situation_harms() { return situation_harms_; }
  Controls& controls() { return controls_; }
  ControlLinks& control_links() { return control_links_; }
  IntroducedHazards& introduced_hazards() { return introduced_hazards_; }
  ResidualEstimates& residual_estimates() { return residuals_; }
  Reviews& reviews() { return reviews_; }
  RiskExchange& exchange() { return exchange_; }
  IdempotencyKeys& idempotency() { return idempotency_; }
  Measurements& measurements() { return measurements_; }
  store::Store& store() { return ctx_.store; }
  const AppOptions& options() const { return ctx_.options; }
  const Clock& clock() const { return ctx_.clock; }

 private:
  AppContext ctx_;
  Accounts accounts_;
  Auth auth_;
  Products products_;
  JournalReader journal_;
  RiskPolicies policies_;
  RiskFiles files_;
  OperationalRisks operational_;
  Hazards hazards_;
  Situations situations_;
  Harms harms_;
  HazardSituationLinks hazard_situations_;
  SituationHarms situation_harms_;
  Controls controls_;
  ControlLinks control_links_;
  IntroducedHazards introduced_hazards_;
  ResidualEstimates residuals_;
  Reviews reviews_;
  RiskExchange exchange_;
  IdempotencyKeys idempotency_;
  Measurements measurements_;
};

// Production clock and ids (UUIDv7: time-ordered, random in the rest).
class SystemClock final : public Clock {
 public:
  Timestamp now() const override;
};
class UuidV7Source final : public IdSource {
 public:
  std::string next_id() override;
};

}  // namespace riskloop::app
