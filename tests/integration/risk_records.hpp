// One record of every risk kind in an organization (policy, file, each item type, a review, an
// operational risk, a supplier), made through the application: what the HTTP tests need to know exists.
#pragma once

#include <string>

#include "app/app.hpp"

namespace riskloop::testing {

struct RiskRecords {
  std::string product;
  std::string policy;  // record id of version 1, approved
  std::string file;
  std::string hazard, situation, harm, hazard_situation, risk;
  std::string control, control_link, introduced_hazard, residual, review;
  std::string operational;
  std::string supplier;
  std::string registration;  // of the product, in CN
  std::string reporting_rule;
  std::string holiday;
  std::string complaint;  // about the product
};

// As `who` (a person whose password is `password`: approving the policy is signed). Titles start
// with `prefix`, so a test can look for them in answers that must not show them.
RiskRecords make_risk_records(app::App& app, const app::Principal& who, const std::string& password,
                              const std::string& prefix);

}  // namespace riskloop::testing
