// A small but complete risk file, entered through the application (see risk_records.hpp).
#include "tests/integration/risk_records.hpp"

#include <stdexcept>

#include "core/quality/supplier.hpp"
#include "core/vigilance/complaint.hpp"
#include "core/vigilance/holiday.hpp"
#include "core/vigilance/registration.hpp"
#include "core/vigilance/reporting_rule.hpp"

namespace riskloop::testing {
namespace {

template <class T>
T must(Result<T> r, const char* what) {
  if (!r) throw std::runtime_error(std::string(what) + ": " + r.error().message);
  return std::move(*r);
}

}  // namespace

RiskRecords make_risk_records(app::App& app, const app::Principal& who, const std::string& password,
                              const std::string& prefix) {
  RiskRecords ids;
  ids.product =
      must(app.products().create(who, {prefix + " device", "", "", ""}), "product").header.id;
  auto policy = must(app.policies().create(who, std::nullopt), "policy");
  policy =
      must(app.policies().approve(who, policy.header.id, {password, SignatureMeaning::approval},
                                  policy.header.version),
           "approve");
  ids.policy = policy.header.id;

  risk::RiskFileInput file;
  file.product_id = ids.product;
  file.title = prefix + " risk file";
  file.policy_id = policy.policy_id;
  file.policy_version = policy.policy_version;
  const Id f = must(app.files().create(who, file), "file").header.id;
  ids.file = f;

  ids.hazard =
      must(app.hazards().create(who, f, {.title = prefix + " hazard"}), "hazard").header.id;
  ids.situation =
      must(app.situations().create(who, f, {.title = prefix + " situation", .p1 = 0.01}),
           "situation")
          .header.id;
  ids.harm =
      must(app.harms().create(who, f, {.title = prefix + " harm", .severity_rank = 4}), "harm")
          .header.id;
  ids.hazard_situation =
      must(app.hazard_situations().create(who, f, {ids.hazard, ids.situation}), "link").header.id;
  ids.risk = must(app.situation_harms().create(
                      who, f, {.situation_id = ids.situation, .harm_id = ids.harm, .p2 = 0.5}),
                  "risk")
                 .header.id;
  ids.control =
      must(app.controls().create(who, f, {.title = prefix + " control"}), "control").header.id;
  ids.control_link =
      must(app.control_links().create(who, f, {ids.control, ids.risk}), "control link").header.id;
  const Id second_hazard =
      must(app.hazards().create(who, f, {.title = prefix + " introduced"}), "hazard").header.id;
  ids.introduced_hazard =
      must(app.introduced_hazards().create(who, f, {ids.control, second_hazard, "by design"}),
           "introduced hazard")
          .header.id;
  ids.residual = must(app.residual_estimates().create(who, f,
                                                      {.situation_harm_id = ids.risk,
                                                       .p1 = 1e-6,
                                                       .p2 = 0.5,
                                                       .severity_rank = 4,
                                                       .rationale = "after the control"}),
                      "residual")
                     .header.id;
  ids.review = must(app.reviews().create(who, f, {}), "review").header.id;
  ids.operational = must(app.operational_risks().create(
                             who, {.title = prefix + " supplier", .owner = "Purchasing"}),
                         "operational risk")
                        .header.id;
  quality::Supplier supplier;
  supplier.name = prefix + " tubing supplier";
  supplier.country = "DE";
  supplier.supplied_items = {"tubing"};
  ids.supplier = must(app.records<quality::Supplier>().create(who, supplier), "supplier").header.id;
  vigilance::Registration registration;
  registration.product_id = ids.product;
  registration.country = "CN";
  registration.authority = vigilance::Authority::nmpa;
  ids.registration =
      must(app.records<vigilance::Registration>().create(who, registration), "registration")
          .header.id;
  vigilance::ReportingRule rule;
  rule.jurisdiction = "EU";
  rule.regulation = "MDR";
  rule.event_class = prefix + " serious incident";
  rule.clock_start = "awareness";
  rule.deadline_value = 15;
  rule.deadline_unit = vigilance::DeadlineUnit::calendar_days;
  rule.citation = "MDR Art 87(3)";
  rule.rule_set = "test";
  ids.reporting_rule =
      must(app.records<vigilance::ReportingRule>().create(who, rule), "reporting rule").header.id;
  // One organization makes records under two prefixes: a date per prefix keeps (country, date)
  // unique.
  vigilance::Holiday holiday{.country = "CN",
                             .date = "2027-10-" + std::to_string(10 + prefix.size() % 10),
                             .name = prefix + " holiday"};
  vigilance::Complaint complaint;
  complaint.product_id = ids.product;
  complaint.received_on = *parse_timestamp("2026-12-01T08:00:00.000Z");
  complaint.reporter_name = prefix + " cath lab nurse";
  complaint.country = "CN";
  complaint.description = "Balloon did not deflate";
  ids.complaint = must(app.records<vigilance::Complaint>().create(who, complaint), "complaint")
                      .header.id;
  ids.holiday = must(app.records<vigilance::Holiday>().create(who, holiday), "holiday").header.id;
  return ids;
}

}  // namespace riskloop::testing
