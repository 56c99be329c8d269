// Risk-file tests over HTTP: an admin token, and helpers that build an approved policy, a product,
// a risk file and one hazard -> situation -> harm chain through the API itself.
#pragma once

#include <string>

#include "tests/integration/http_fixture.hpp"

namespace riskloop::testing {

class HttpRiskTest : public HttpTest {
 protected:
  void SetUp() override {
    HttpTest::SetUp();
    auth_ = bearer(token("admin@a.example", "org-a"));
  }

  // Signed with the API token auth_ of `signer_`: both components every time (11.200(a)(1)).
  nlohmann::json signature(const std::string& password = kPassword,
                           const std::string& meaning = "approval") const {
    return {{"email", signer_}, {"password", password}, {"meaning", meaning}};
  }

  // POST `body` to `url`; expects `status` and returns the answer's JSON.
  nlohmann::json post_ok(const std::string& url, const nlohmann::json& body, int status = 201) {
    auto c = client();
    const auto r = c.post(url, body, auth_);
    EXPECT_EQ(r.status, status) << url << ": " << r.body;
    return r.json();
  }
  std::string create(const std::string& url, const nlohmann::json& body) {
    const auto j = post_ok(url, body);
    return j.contains("id") ? j["id"].get<std::string>() : std::string();
  }

  // The default 5 x 5 policy, approved: its record (version 1).
  nlohmann::json approved_policy() {
    auto c = client();
    const auto draft = c.request("POST", "/api/v1/risk-policies", {}, auth_);
    EXPECT_EQ(draft.status, 201) << draft.body;
    const auto id = draft.json()["id"].get<std::string>();
    const auto approved = c.post("/api/v1/risk-policies/" + id + "/approve",
                                 {{"signature", signature()}}, auth_ + if_match(1));
    EXPECT_EQ(approved.status, 200) << approved.body;
    return approved.json();
  }

  // A risk file pinning `policy`, with every plan section written.
  std::string risk_file(const nlohmann::json& policy, const std::string& title = "Stent file") {
    if (product_.empty()) product_ = create("/api/v1/products", {{"name", "Stent"}});
    nlohmann::json body = {{"product_id", product_},
                           {"title", title},
                           {"policy_id", policy["policy_id"]},
                           {"policy_version", policy["policy_version"]}};
    for (const auto* section : {"plan_scope", "plan_responsibilities", "plan_review_requirements",
                                "plan_acceptability_criteria", "plan_overall_residual_method",
                                "plan_verification_activities", "plan_production_information"})
      body[section] = std::string("Written: ") + section;
    return create("/api/v1/risk-files", body);
  }

  struct Chain {
    std::string hazard, situation, harm, link, risk;
  };
  // Hazard -> situation (P1 0.01) -> harm (severity 4) with P2 0.5: P = 5e-3, Frequent x
  // Critical, unacceptable until controlled.
  Chain chain(const std::string& file, const std::string& name = "Thrombosis") {
    const std::string base = "/api/v1/risk-files/" + file;
    Chain c;
    c.hazard = create(base + "/hazards", {{"title", name + " hazard"}, {"category", "biological"}});
    c.situation =
        create(base + "/hazardous-situations",
               {{"title", name + " situation"}, {"p1", 0.01}, {"p1_source", "literature"}});
    c.harm = create(base + "/harms", {{"title", name + " harm"}, {"severity_rank", 4}});
    c.link = create(base + "/hazard-situation-links",
                    {{"hazard_id", c.hazard}, {"situation_id", c.situation}});
    c.risk = create(base + "/risks", {{"situation_id", c.situation},
                                      {"harm_id", c.harm},
                                      {"p2", 0.5},
                                      {"rationale", "trial data"}});
    return c;
  }

  Headers auth_;
  std::string signer_ = "admin@a.example";  // whose token auth_ is
  std::string product_;
};

// Codes of a list of findings, in order.
inline std::vector<std::string> codes_of(const nlohmann::json& findings) {
  std::vector<std::string> out;
  for (const auto& f : findings) out.push_back(f["code"].get<std::string>());
  return out;
}

}  // namespace riskloop::testing
