// The web forms that add to an existing part of the analysis chain (issue 10), over HTTP: a further
// harm for an existing hazardous situation and a chain from an existing hazard are journaled
// writes; a pick of another file's or another organization's item, a pair that exists, or nothing
// picked and nothing typed come back to the form (422) in words, and nothing is written.
#include "tests/integration/http_risk_fixture.hpp"
#include "web/web_routes.hpp"

namespace riskloop::testing {
namespace {

class WebChainForms : public HttpRiskTest {
 protected:
  void SetUp() override {
    HttpRiskTest::SetUp();
    auto options = default_options();
    options.extra_routes = web::add_web_routes;
    restart(options);
    policy_ = approved_policy();
    file_ = risk_file(policy_);
    chain_ = chain(file_);
    session_ = login("admin@a.example");
  }

  static std::string encoded(std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (const unsigned char ch : text) {
      if (std::isalnum(ch) || ch == '-' || ch == '_' || ch == '.') {
        out.push_back(static_cast<char>(ch));
      } else {
        out += '%';
        out += kHex[ch >> 4];
        out += kHex[ch & 15];
      }
    }
    return out;
  }

  // A plain form post of the web UI (no htmx): 303 after a write, 422 with the form's errors.
  HttpResponse post_form(const std::string& path,
                         std::vector<std::pair<std::string, std::string>> fields) {
    std::string body = "_csrf=" + encoded(session_.csrf);
    for (const auto& [name, value] : fields) body += "&" + encoded(name) + "=" + encoded(value);
    auto c = client();
    return c.request(
        "POST", path, body,
        {{"Cookie", session_.cookie}, {"Content-Type", "application/x-www-form-urlencoded"}});
  }

  std::size_t risks_of(const std::string& file) {
    auto c = client();
    const auto r = c.get("/api/v1/risk-files/" + file + "/risks", auth_);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json()["items"].size();
  }

  // A chain in a file of organization B.
  Chain chain_of_org_b() {
    const auto saved_auth = auth_;
    const auto saved_product = product_;
    auth_ = bearer(token("admin@b.example", "org-b"));
    signer_ = "admin@b.example";
    product_.clear();
    const auto file = risk_file(approved_policy(), "B's file");
    auto c = chain(file, "Other");
    auth_ = saved_auth;
    signer_ = "admin@a.example";
    product_ = saved_product;
    return c;
  }

  nlohmann::json policy_;
  std::string file_;
  Chain chain_;
  Session session_;
};

TEST_F(WebChainForms, AFurtherHarmForAnExistingSituationIsANewJournaledRisk) {
  const auto before = journal_count();
  const auto r =
      post_form("/files/" + file_ + "/situation-harm", {{"back", "tab=situations"},
                                                        {"existing_situation", chain_.situation},
                                                        {"existing_harm", ""},
                                                        {"harm.title", "Embolic stroke"},
                                                        {"harm.severity_rank", "5"},
                                                        {"risk.p2", "0.01"}});
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(r.header("Location"), "/files/" + file_ + "?tab=situations");
  EXPECT_EQ(journal_count(), before + 2);  // the harm and the risk
  EXPECT_EQ(risks_of(file_), 2u);

  // The same situation to an existing harm: one record, the risk.
  const auto other = chain(file_, "Dissection");
  const auto again =
      post_form("/files/" + file_ + "/situation-harm", {{"existing_situation", chain_.situation},
                                                        {"existing_harm", other.harm},
                                                        {"risk.p2", "0.2"}});
  ASSERT_EQ(again.status, 303) << again.body;
  EXPECT_EQ(risks_of(file_), 4u);
}

TEST_F(WebChainForms, AChainFromAnExistingHazardMakesNoNewHazard) {
  const auto before = journal_count();
  const auto r =
      post_form("/files/" + file_ + "/chain", {{"existing_hazard", chain_.hazard},
                                               {"situation.title", "Thrombus after a second stent"},
                                               {"situation.p1", "0.001"},
                                               {"existing_harm", chain_.harm},
                                               {"risk.p2", "0.3"}});
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(journal_count(), before + 3);  // the situation, its link to the hazard, the risk
  auto c = client();
  const auto hazards = c.get("/api/v1/risk-files/" + file_ + "/hazards", auth_);
  EXPECT_EQ(hazards.json()["items"].size(), 1u);
}

TEST_F(WebChainForms, WrongPicksComeBackToTheFormInWordsAndWriteNothing) {
  const auto same_org_file = risk_file(policy_, "Second file");
  const auto elsewhere = chain(same_org_file, "Elsewhere");
  const auto org_b = chain_of_org_b();
  const auto before = journal_count();
  const auto refused = [&](const std::string& path,
                           std::vector<std::pair<std::string, std::string>> fields,
                           const std::string& words) {
    // The form comes back on the tab it was sent from.
    fields.emplace_back("back", path.ends_with("/chain") ? "tab=hazards" : "tab=situations");
    const auto r = post_form(path, std::move(fields));
    EXPECT_EQ(r.status, 422) << path << ": " << r.body.substr(0, 400);
    EXPECT_NE(r.body.find(words), std::string::npos) << words;
    for (const auto* never : {"SQL", "sqlite", "constraint", "UNIQUE", "FOREIGN"})
      EXPECT_EQ(r.body.find(never), std::string::npos) << never;
  };
  const auto more = "/files/" + file_ + "/situation-harm";
  refused(more, {}, "Choose the hazardous situation that leads to the harm.");
  refused(more, {{"existing_situation", chain_.situation}},
          "Choose a harm from the list or describe a new one (its title).");
  refused(more,
          {{"existing_situation", chain_.situation},
           {"existing_harm", chain_.harm},
           {"harm.title", "Also typed"}},
          "Choose an existing harm or describe a new one, not both.");
  for (const auto& foreign : {elsewhere.situation, org_b.situation})
    refused(more, {{"existing_situation", foreign}, {"harm.title", "A harm"}},
            "(" + foreign + ") is not one of this risk file");
  for (const auto& foreign : {elsewhere.harm, org_b.harm})
    refused(more, {{"existing_situation", chain_.situation}, {"existing_harm", foreign}},
            "(" + foreign + ") is not one of this risk file");
  refused(more, {{"existing_situation", chain_.situation}, {"existing_harm", chain_.harm}},
          "that risk exists; change it instead");
  for (const auto& foreign : {elsewhere.hazard, org_b.hazard})
    refused("/files/" + file_ + "/chain",
            {{"existing_hazard", foreign}, {"situation.title", "S"}, {"harm.title", "H"}},
            "(" + foreign + ") is not one of this risk file");
  refused("/files/" + file_ + "/chain", {{"situation.title", "S"}, {"harm.title", "H"}},
          "Choose a hazard from the list or describe a new one (its title).");
  EXPECT_EQ(journal_count(), before);
  EXPECT_EQ(risks_of(file_), 1u);
}

}  // namespace
}  // namespace riskloop::testing
