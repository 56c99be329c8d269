// Risk files over HTTP: a policy approved with a signature, a file, a full analysis chain, the
// assessment and gate answering each step, controls verified until the gate passes, a signed gate
// decision; and bad input refused with the field that is wrong, nothing journaled.
#include "tests/integration/http_risk_fixture.hpp"

namespace riskloop::testing {
namespace {

class HttpRisk : public HttpRiskTest {};

TEST_F(HttpRisk, PolicyApprovalNeedsTheSignersPassword) {
  auto c = client();
  // No body and {} both give the default 5 x 5 draft.
  const auto empty = c.request("POST", "/api/v1/risk-policies", {}, auth_);
  ASSERT_EQ(empty.status, 201) << empty.body;
  const auto draft = empty.json();
  EXPECT_EQ(draft["status"], "draft");
  EXPECT_EQ(draft["severity_levels"].size(), 5u);
  EXPECT_EQ(draft["acceptability_matrix"].size(), 25u);
  EXPECT_EQ(empty.header("Location"), "/api/v1/risk-policies/" + draft["id"].get<std::string>());
  EXPECT_EQ(c.post("/api/v1/risk-policies", nlohmann::json::object(), auth_).status, 201);
  const auto named = c.post("/api/v1/risk-policies", {{"name", "Corvane policy"}}, auth_);
  ASSERT_EQ(named.status, 201) << named.body;
  EXPECT_EQ(named.json()["name"], "Corvane policy");
  EXPECT_EQ(named.json()["probability_levels"].size(), 5u);  // the rest is the default's

  const auto url = "/api/v1/risk-policies/" + draft["id"].get<std::string>();
  const auto before = journal_count();
  const auto wrong =
      c.post(url + "/approve", {{"signature", signature("not my password")}}, auth_ + if_match(1));
  EXPECT_EQ(wrong.status, 401) << wrong.body;
  EXPECT_EQ(wrong.json()["field"], "/signature/password");
  const auto unsigned_ = c.post(url + "/approve", nlohmann::json::object(), auth_ + if_match(1));
  EXPECT_EQ(unsigned_.status, 422) << unsigned_.body;
  EXPECT_EQ(unsigned_.json()["field"], "/signature/password");
  EXPECT_EQ(c.post(url + "/approve", {{"signature", signature()}}, auth_).status, 428);
  EXPECT_EQ(c.post(url + "/approve", {{"signature", signature()}}, auth_ + if_match(7)).status,
            412);
  // Nothing approved; the wrong password is journaled as a security event (docs/security.md).
  EXPECT_EQ(journal_count(), before + 1);
  // The password never comes back, not even in an error.
  EXPECT_EQ(wrong.body.find("not my password"), std::string::npos);

  // A draft changes; PATCH keeps what is not sent.
  const auto patched = c.request("PATCH", url, R"({"name":"Renamed"})", auth_ + if_match(1));
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(patched.json()["name"], "Renamed");
  EXPECT_EQ(patched.json()["severity_levels"].size(), 5u);

  const auto approved = c.post(url + "/approve", {{"signature", signature()}}, auth_ + if_match(2));
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(approved.json()["status"], "approved");
  EXPECT_FALSE(approved.json()["approved_by"].get<std::string>().empty());
  // Approved versions never change: the next version is a revision.
  EXPECT_EQ(c.request("PATCH", url, R"({"name":"x"})", auth_ + if_match(3)).status, 409);
  const auto revised = c.post(url + "/revise", nlohmann::json::object(), auth_);
  ASSERT_EQ(revised.status, 201) << revised.body;
  EXPECT_EQ(revised.json()["policy_version"], 2);
  EXPECT_EQ(revised.json()["policy_id"], draft["policy_id"]);
  EXPECT_EQ(c.get("/api/v1/risk-policies", auth_).json()["items"].size(), 4u);
}

// 21 CFR 11.200(a)(1): the first signing of a session takes the e-mail and the password, later
// ones in that session the password; a signing by API token takes both every time.
TEST_F(HttpRisk, TheFirstSignatureOfASessionTakesBothComponents) {
  auto c = client();
  const auto draft = [&] {
    return "/api/v1/risk-policies/" +
           c.request("POST", "/api/v1/risk-policies", {}, auth_).json()["id"].get<std::string>();
  };
  const auto session = login("admin@a.example");
  const auto cookie = with_cookie(session);
  const nlohmann::json password_only = {{"password", kPassword}, {"meaning", "approval"}};
  const auto before = journal_count();
  const auto alone = c.post(draft() + "/approve", {{"signature", password_only}},
                            cookie + if_match(1));
  EXPECT_EQ(alone.status, 422) << alone.body;
  EXPECT_EQ(alone.json()["field"], "/signature/email");
  auto someone_else = password_only;
  someone_else["email"] = "engineer@a.example";
  const auto other = c.post(draft() + "/approve", {{"signature", someone_else}},
                            cookie + if_match(1));
  EXPECT_EQ(other.status, 401) << other.body;
  EXPECT_EQ(other.json()["field"], "/signature/email");
  EXPECT_EQ(journal_count(), before + 2);  // the two drafts, nothing signed

  auto both = password_only;
  both["email"] = "Admin@A.example";  // e-mail addresses compare without case
  EXPECT_EQ(c.post(draft() + "/approve", {{"signature", both}}, cookie + if_match(1)).status, 200);
  // Later in the same session, the password alone.
  EXPECT_EQ(c.post(draft() + "/approve", {{"signature", password_only}}, cookie + if_match(1)).status,
            200);
  // A new session starts again with both.
  const auto fresh = with_cookie(login("admin@a.example"));
  EXPECT_EQ(c.post(draft() + "/approve", {{"signature", password_only}}, fresh + if_match(1)).status,
            422);
  // A token is no session: both, every time.
  const auto by_token = c.post(draft() + "/approve", {{"signature", password_only}},
                               auth_ + if_match(1));
  EXPECT_EQ(by_token.status, 422) << by_token.body;
  EXPECT_EQ(by_token.json()["field"], "/signature/email");
}

TEST_F(HttpRisk, FullChainToASignedGateDecision) {
  const auto policy = approved_policy();
  const auto file = risk_file(policy);
  const std::string base = "/api/v1/risk-files/" + file;
  const auto ch = chain(file);
  auto c = client();

  // Identified and estimated: Frequent x Critical is unacceptable, so the risk is only evaluated.
  auto a = c.get(base + "/assessment", auth_);
  ASSERT_EQ(a.status, 200) << a.body;
  auto assessment = a.json();
  EXPECT_EQ(assessment["counts"]["hazards"], 1);
  EXPECT_EQ(assessment["counts"]["risks"], 1);
  ASSERT_EQ(assessment["risks"].size(), 1u);
  const auto risk = assessment["risks"][0];
  EXPECT_EQ(risk["situation_harm_id"], ch.risk);
  EXPECT_EQ(risk["step"], "evaluated");
  EXPECT_EQ(risk["initial"]["severity"], "Critical");
  EXPECT_EQ(risk["initial"]["probability"], "Frequent");
  EXPECT_EQ(risk["initial"]["acceptability"], "unacceptable");
  EXPECT_TRUE(risk["residual"].is_null());
  EXPECT_EQ(assessment["steps"]["evaluated"], 1);
  EXPECT_EQ(assessment["heat_map"]["initial"]["cells"][3][4], 1);  // Critical x Frequent
  EXPECT_EQ(assessment["heat_map"]["initial"]["severity_levels"][3], "Critical");
  EXPECT_EQ(codes_of(assessment["completeness"]), std::vector<std::string>{"risk_not_controlled"});

  auto gate = c.get(base + "/gate?stage=design", auth_);
  ASSERT_EQ(gate.status, 200) << gate.body;
  EXPECT_FALSE(gate.json()["passes"]);
  ASSERT_EQ(gate.json()["reasons"].size(), 1u) << gate.body;
  EXPECT_EQ(gate.json()["reasons"][0]["code"], "risk_not_controlled");
  EXPECT_EQ(gate.json()["reasons"][0]["entity"], "situation_harm");
  EXPECT_EQ(gate.json()["reasons"][0]["item_id"], ch.risk);

  // A control, implemented but its effectiveness not yet verified, and a residual estimate.
  const auto control = create(base + "/controls", {{"title", "Thin-strut platform"},
                                                   {"option", "inherent_safety"},
                                                   {"implementation_reference", "SPEC-12"},
                                                   {"implementation_verification", "pass"},
                                                   {"implementation_evidence", "TR-1"},
                                                   {"new_risks_reviewed", true}});
  create(base + "/control-links", {{"control_id", control}, {"situation_harm_id", ch.risk}});
  const auto residual = create(base + "/residual-estimates", {{"situation_harm_id", ch.risk},
                                                              {"p1", 1e-6},
                                                              {"p2", 0.5},
                                                              {"severity_rank", 4},
                                                              {"rationale", "after the platform change"}});
  // The estimate relies on a control whose effectiveness is not verified: provisional.
  gate = c.get(base + "/gate?stage=post-launch", auth_);
  EXPECT_EQ(codes_of(gate.json()["reasons"]),
            (std::vector<std::string>{"residual_provisional", "control_effectiveness_not_verified",
                                      "overall_residual_missing", "release_review_missing"}))
      << gate.body;
  gate = c.get(base + "/gate?stage=design", auth_);
  EXPECT_EQ(codes_of(gate.json()["reasons"]),
            (std::vector<std::string>{"residual_provisional", "control_effectiveness_not_verified"}));
  EXPECT_EQ(gate.json()["reasons"][0]["item_id"], residual);
  EXPECT_EQ(gate.json()["reasons"][1]["item_id"], control);
  a = c.get(base + "/assessment", auth_);
  EXPECT_EQ(a.json()["risks"][0]["residual_provisional"], true) << a.body;
  EXPECT_EQ(a.json()["heat_map"]["current"]["provisional"], 1) << a.body;
  // Passing a blocked gate is refused, and nothing is recorded.
  const auto before = journal_count();
  const auto early = c.post(base + "/gate-decisions",
                            {{"stage", "design"},
                             {"outcome", "passed"},
                             {"rationale", "Design review"},
                             {"signature", signature()}},
                            auth_);
  EXPECT_EQ(early.status, 409) << early.body;
  EXPECT_EQ(journal_count(), before);

  // Verify effectiveness: controlled, residual acceptable, the gate passes.
  const auto verified = c.request(
      "PATCH", "/api/v1/controls/" + control,
      R"({"effectiveness_verification":"pass","effectiveness_evidence":"Animal study AS-1"})",
      auth_ + if_match(1));
  ASSERT_EQ(verified.status, 200) << verified.body;
  EXPECT_EQ(verified.json()["title"], "Thin-strut platform");
  gate = c.get(base + "/gate?stage=design", auth_);
  EXPECT_TRUE(gate.json()["passes"]) << gate.body;
  EXPECT_TRUE(gate.json()["reasons"].empty());

  const auto decision = c.post(base + "/gate-decisions",
                               {{"stage", "design"},
                                {"outcome", "passed"},
                                {"rationale", "Design review DR-4"},
                                {"signature", signature()}},
                               auth_);
  ASSERT_EQ(decision.status, 201) << decision.body;
  EXPECT_EQ(decision.json()["outcome"], "passed");
  EXPECT_EQ(decision.json()["blocking_reasons"], 0);
  const auto decisions = c.get(base + "/gate-decisions", auth_);
  ASSERT_EQ(decisions.json()["items"].size(), 1u) << decisions.body;
  ASSERT_EQ(decisions.json()["items"][0]["signatures"].size(), 1u);
  EXPECT_EQ(decisions.json()["items"][0]["signatures"][0]["meaning"], "approval");

  a = c.get(base + "/assessment", auth_);
  assessment = a.json();
  EXPECT_EQ(assessment["risks"][0]["step"], "residual_accepted");
  EXPECT_EQ(assessment["risks"][0]["residual"]["probability"], "Improbable");
  EXPECT_EQ(assessment["heat_map"]["current"]["cells"][3][0], 1);
  EXPECT_EQ(assessment["signatures"].size(), 1u);
  EXPECT_TRUE(assessment["completeness"].empty());

  // The overall residual risk evaluation is signed the same way, and listed with its signature.
  const auto overall = c.post(base + "/overall-residual-risk",
                              {{"method", "all residual risks weighed together"},
                               {"benefits", "revascularisation"},
                               {"conclusion", "acceptable"},
                               {"rationale", "benefit outweighs"},
                               {"signature", signature(kPassword, "responsibility")}},
                              auth_);
  ASSERT_EQ(overall.status, 201) << overall.body;
  const auto overall_list = c.get(base + "/overall-residual-risk", auth_).json();
  ASSERT_EQ(overall_list["items"].size(), 1u);
  EXPECT_EQ(overall_list["items"][0]["signatures"][0]["meaning"], "responsibility");
  EXPECT_TRUE(c.get(base + "/benefit-risk", auth_).json()["items"].empty());

  // Both decisions bind the analysis as signed: unchanged so far, then an edit shows on them,
  // in the API, on the screens and in the report.
  EXPECT_FALSE(c.get(base + "/gate-decisions", auth_).json()["items"][0]["changed_since_signed"]);
  EXPECT_FALSE(overall_list["items"][0]["changed_since_signed"]);
  EXPECT_EQ(decision.json()["content_digest"].get<std::string>().size(), 64u);
  const auto edited = c.request("PATCH", "/api/v1/hazards/" + ch.hazard,
                                R"({"description":"added after the gate"})", auth_ + if_match(1));
  ASSERT_EQ(edited.status, 200) << edited.body;
  EXPECT_TRUE(c.get(base + "/gate-decisions", auth_).json()["items"][0]["changed_since_signed"]);
  EXPECT_TRUE(
      c.get(base + "/overall-residual-risk", auth_).json()["items"][0]["changed_since_signed"]);
  const auto report = c.get(base + "/report?format=html", auth_);
  ASSERT_EQ(report.status, 200);
  EXPECT_NE(report.body.find("changed after the design &amp; development gate was passed"),
            std::string::npos);
  EXPECT_NE(report.body.find("changed after this evaluation was signed"), std::string::npos);
}

TEST_F(HttpRisk, BenefitRiskAndPolicyMigration) {
  const auto policy = approved_policy();
  const auto file = risk_file(policy);
  const std::string base = "/api/v1/risk-files/" + file;
  const auto ch = chain(file);
  auto c = client();
  const auto br = c.post(base + "/benefit-risk",
                         {{"situation_harm_id", ch.risk},
                          {"benefits", "relief of angina"},
                          {"data_reviewed", "trials"},
                          {"why_no_further_control", "state of the art"},
                          {"outcome", "accepted"},
                          {"rationale", "benefit outweighs"},
                          {"signature", signature(kPassword, "responsibility")}},
                         auth_);
  ASSERT_EQ(br.status, 201) << br.body;
  EXPECT_EQ(c.get(base + "/assessment", auth_).json()["risks"][0]["step"], "residual_accepted");

  // A revised policy rates Critical x Frequent the same: nothing changes, and the move is recorded.
  const auto revised =
      c.post("/api/v1/risk-policies/" + policy["id"].get<std::string>() + "/revise",
             nlohmann::json::object(), auth_)
          .json();
  const auto approved =
      c.post("/api/v1/risk-policies/" + revised["id"].get<std::string>() + "/approve",
             {{"signature", signature()}}, auth_ + if_match(1));
  ASSERT_EQ(approved.status, 200) << approved.body;
  const auto preview =
      c.get(base + "/migration-preview?policy_id=" + policy["policy_id"].get<std::string>() +
                "&version=2",
            auth_);
  ASSERT_EQ(preview.status, 200) << preview.body;
  EXPECT_TRUE(preview.json()["items"].empty());
  EXPECT_EQ(c.get(base + "/migration-preview?policy_id=x&version=two", auth_).json()["parameter"],
            "version");
  const nlohmann::json move = {{"to_policy_id", policy["policy_id"]},
                               {"to_policy_version", 2},
                               {"rationale", "yearly policy review"}};
  EXPECT_EQ(c.post(base + "/policy-migration", move, auth_).status, 428);
  const auto version = c.get(base, auth_).json()["version"].get<std::int64_t>();
  const auto moved = c.post(base + "/policy-migration", move, auth_ + if_match(version));
  ASSERT_EQ(moved.status, 201) << moved.body;
  EXPECT_EQ(c.get(base, auth_).json()["policy_version"], 2);
}

TEST_F(HttpRisk, BadInputNamesTheFieldAndChangesNothing) {
  const auto policy = approved_policy();
  const auto file = risk_file(policy);
  const auto other = risk_file(policy, "Another file");
  const auto ch = chain(file);
  const auto foreign = chain(other, "Other");
  const std::string base = "/api/v1/risk-files/" + file;
  auto c = client();
  const auto before = journal_count();

  const auto expect_field = [&](const HttpResponse& r, int status, const std::string& field) {
    EXPECT_EQ(r.status, status) << r.body;
    EXPECT_EQ(r.json()["field"], field) << r.body;
  };
  expect_field(c.post(base + "/hazards", {{"title", "x"}, {"colour", "red"}}, auth_), 422,
               "/colour");
  expect_field(c.post(base + "/hazards", {{"title", 5}}, auth_), 422, "/title");
  expect_field(c.post(base + "/hazards", {{"title", "x"}, {"stage", "later"}}, auth_), 422,
               "/stage");
  expect_field(c.post(base + "/hazardous-situations", {{"title", "x"}, {"p1", 1.5}}, auth_), 422,
               "/p1");
  // A link to another file's hazard.
  expect_field(c.post(base + "/hazard-situation-links",
                      {{"hazard_id", foreign.hazard}, {"situation_id", ch.situation}}, auth_),
               422, "/hazard_id");
  expect_field(c.post("/api/v1/risk-files", {{"title", "No product"}}, auth_), 422, "/product_id");
  expect_field(c.post(base + "/gate-decisions",
                      {{"stage", "design"}, {"outcome", "passed"}, {"rationale", "x"}}, auth_),
               422, "/signature/password");

  const auto hazard = "/api/v1/hazards/" + ch.hazard;
  EXPECT_EQ(c.request("PATCH", hazard, R"({"title":"x"})", auth_).status, 428);
  EXPECT_EQ(c.request("PATCH", hazard, R"({"title":"x"})", auth_ + if_match(9)).status, 412);
  EXPECT_EQ(c.request("PUT", base, R"({"title":"x"})", auth_).status, 428);
  // Referred to by a link: not removed, and the answer says by what.
  const auto still_used = c.request("DELETE", hazard, {}, auth_ + if_match(1));
  EXPECT_EQ(still_used.status, 409) << still_used.body;

  const auto stage = c.get(base + "/gate?stage=later", auth_);
  EXPECT_EQ(stage.status, 422);
  EXPECT_EQ(stage.json()["parameter"], "stage");
  EXPECT_EQ(c.get(base + "/gate", auth_).json()["parameter"], "stage");
  EXPECT_EQ(c.get("/api/v1/risk-files/no-such-file/assessment", auth_).status, 404);
  EXPECT_EQ(c.get(base + "/hazards?limit=0", auth_).json()["parameter"], "limit");
  const auto form = c.request("POST", "/api/v1/risk-policies", "name=x",
                              auth_ + Headers{{"Content-Type", "text/plain"}});
  EXPECT_EQ(form.status, 415) << form.body;
  EXPECT_EQ(c.post("/api/v1/risk-policies", {{"severity_levels", "five"}}, auth_).json()["field"],
            "/severity_levels");
  EXPECT_EQ(journal_count(), before);

  // Items list per file, and each file sees only its own.
  EXPECT_EQ(c.get(base + "/hazards", auth_).json()["items"].size(), 1u);
  EXPECT_EQ(c.get(base + "/hazards", auth_).json()["items"][0]["id"], ch.hazard);
  EXPECT_EQ(c.get("/api/v1/risk-files?product_id=" + product_, auth_).json()["items"].size(), 2u);
  EXPECT_EQ(c.get("/api/v1/risk-files?product_id=none", auth_).json()["items"].size(), 0u);
}

TEST_F(HttpRisk, OperationalRisksAndDueReviews) {
  auto c = client();
  const auto created = c.post("/api/v1/operational-risks",
                              {{"title", "Single source of sirolimus"},
                               {"category", "supplier"},
                               {"owner", "Purchasing"},
                               {"likelihood", 3},
                               {"impact", 5}},
                              auth_);
  ASSERT_EQ(created.status, 201) << created.body;
  const auto url = "/api/v1/operational-risks/" + created.json()["id"].get<std::string>();
  EXPECT_EQ(created.header("Location"), url);
  const auto bad = c.post("/api/v1/operational-risks",
                          {{"title", "x"}, {"owner", "y"}, {"likelihood", 6}}, auth_);
  EXPECT_EQ(bad.json()["field"], "/likelihood") << bad.body;
  const auto patched = c.request("PATCH", url, R"({"status":"monitoring"})", auth_ + if_match(1));
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(patched.json()["category"], "supplier");
  EXPECT_EQ(c.get("/api/v1/operational-risks", auth_).json()["items"].size(), 1u);
  EXPECT_EQ(c.request("DELETE", url, {}, auth_ + if_match(2)).status, 204);
  EXPECT_EQ(c.get(url, auth_).status, 404);

  // An open review without a date is due now.
  const auto file = risk_file(approved_policy());
  EXPECT_TRUE(c.get("/api/v1/reviews/due", auth_).json()["items"].empty());
  create("/api/v1/risk-files/" + file + "/reviews", {{"status", "open"}});
  const auto due = c.get("/api/v1/reviews/due", auth_);
  ASSERT_EQ(due.status, 200) << due.body;
  ASSERT_EQ(due.json()["items"].size(), 1u);
  EXPECT_EQ(due.json()["items"][0]["risk_file_id"], file);
}

// The API generated from a record declaration: filters, sort and keyset pages, and mistakes
// answered with the parameter named.
TEST_F(HttpRisk, DeclaredCollectionsFilterSortAndPage) {
  auto c = client();
  for (int i = 1; i <= 5; ++i) {
    nlohmann::json body = {{"title", "Risk " + std::to_string(i)},
                           {"owner", "Quality"},
                           {"status", i % 2 ? "open" : "monitoring"},
                           {"likelihood", i}};
    if (i != 3) body["due_date"] = "2027-01-0" + std::to_string(i) + "T00:00:00.000Z";
    ASSERT_EQ(c.post("/api/v1/operational-risks", body, auth_).status, 201);
  }
  std::vector<std::string> titles;
  std::string query = "/api/v1/operational-risks?status=open&sort=-due_date&limit=2";
  for (int guard = 0; guard < 5; ++guard) {
    const auto page = c.get(query, auth_);
    ASSERT_EQ(page.status, 200) << page.body;
    const auto body = page.json();
    for (const auto& item : body["items"]) titles.push_back(item["title"]);
    if (body["next"].is_null()) break;
    query = "/api/v1/operational-risks?status=open&sort=-due_date&limit=2&after=" +
            body["next"].get<std::string>();
  }
  EXPECT_EQ(titles, (std::vector<std::string>{"Risk 5", "Risk 1", "Risk 3"}));
  EXPECT_EQ(c.get("/api/v1/operational-risks?due_date.ge=2027-01-04&due_date.lt=2027-01-05", auth_)
                .json()["items"]
                .size(),
            1u);
  EXPECT_EQ(c.get("/api/v1/operational-risks?due_date.null=true", auth_).json()["items"].size(), 1u);
  EXPECT_EQ(c.get("/api/v1/operational-risks?status=open,monitoring&limit=5", auth_)
                .json()["next"],
            nullptr);

  const auto mistake = [&](const std::string& q) {
    const auto r = c.get("/api/v1/operational-risks?" + q, auth_);
    EXPECT_EQ(r.status, 422) << q << ": " << r.body;
    const auto body = r.json();
    return body.value("parameter", "?") + " " + body.value("detail", "");
  };
  EXPECT_EQ(mistake("status=opn").rfind("status \"opn\" is not one of open", 0), 0u);
  EXPECT_NE(mistake("owner=Quality").find("cannot filter or sort by \"owner\""), std::string::npos);
  EXPECT_EQ(mistake("sort=title").rfind("sort ", 0), 0u);
  EXPECT_EQ(mistake("after=not-a-cursor").rfind("after ", 0), 0u);
  EXPECT_EQ(mistake("limit=0").rfind("limit ", 0), 0u);
}

TEST_F(HttpRisk, SuppliersAreDeclaredAndStayOnRecord) {
  auto c = client();
  const auto created = c.post("/api/v1/suppliers",
                              {{"name", "Tubing GmbH"},
                               {"country", "DE"},
                               {"supplied_items", {"cobalt-chromium tubing"}},
                               {"criticality", "critical"}},
                              auth_);
  ASSERT_EQ(created.status, 201) << created.body;
  const auto url = "/api/v1/suppliers/" + created.json()["id"].get<std::string>();
  const auto bad = c.post("/api/v1/suppliers",
                          {{"name", "X"}, {"country", "Germany"}, {"supplied_items", {"x"}}}, auth_);
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(bad.json()["field"], "/country") << bad.body;
  EXPECT_EQ(c.request("DELETE", url, {}, auth_ + if_match(1)).status, 405);
  const auto listed = c.get("/api/v1/suppliers?criticality=critical&name.prefix=Tub", auth_);
  ASSERT_EQ(listed.status, 200) << listed.body;
  EXPECT_EQ(listed.json()["items"].size(), 1u);
  const auto doc = c.get("/api/v1/openapi.json").json();
  EXPECT_TRUE(doc["paths"]["/api/v1/suppliers/{id}"].contains("patch"));
  EXPECT_FALSE(doc["paths"]["/api/v1/suppliers/{id}"].contains("delete"));
  EXPECT_EQ(doc["paths"]["/api/v1/suppliers"]["get"]["operationId"], "listSuppliers");
}

TEST_F(HttpRisk, OpenApiDescribesTheRiskRoutes) {
  const auto doc = client().get("/api/v1/openapi.json").json();
  for (const auto* path :
       {"/api/v1/risk-policies/{id}/approve", "/api/v1/risk-files/{id}/assessment",
        "/api/v1/risk-files/{id}/gate", "/api/v1/risk-files/{file}/hazards", "/api/v1/hazards/{id}",
        "/api/v1/risk-files/{file}/risks", "/api/v1/reviews/{id}", "/api/v1/reviews/due",
        "/api/v1/operational-risks/{id}", "/api/v1/risk-files/{id}/import"})
    EXPECT_TRUE(doc["paths"].contains(path)) << path;
  const auto& schemas = doc["components"]["schemas"];
  for (const auto* name : {"RiskPolicy", "RiskPolicyInput", "RiskFile", "Hazard", "HazardInput",
                           "SituationHarm", "RiskControlInput", "RiskFileAssessment", "GateCheck",
                           "SignedGateDecision", "ImportReport", "OperationalRisk"})
    EXPECT_TRUE(schemas.contains(name)) << name;
  EXPECT_EQ(schemas["HazardInput"]["additionalProperties"], false);
  EXPECT_TRUE(schemas["SignedGateDecision"]["properties"].contains("signature"));
  EXPECT_EQ(doc["paths"]["/api/v1/hazards/{id}"]["patch"]["operationId"], "patchHazard");
}

// A residual estimate once defaulted to P1 = 0, P2 = 0 and severity 1 for every field left out:
// a severity-4 risk became "Negligible x Improbable: acceptable". Every part is required now,
// each missing one named; a second estimate for the same risk is refused in words, never with
// the database's message.
TEST_F(HttpRisk, ResidualEstimatesComeFromNoDefault) {
  const auto file = risk_file(approved_policy());
  const std::string base = "/api/v1/risk-files/" + file;
  const auto ch = chain(file);
  auto c = client();
  const auto control = create(base + "/controls", {{"title", "Blunt tip"}, {"option", "inherent_safety"}});
  create(base + "/control-links", {{"control_id", control}, {"situation_harm_id", ch.risk}});
  const auto before = journal_count();

  nlohmann::json body = {{"situation_harm_id", ch.risk}, {"rationale", "only a rationale"}};
  const auto expect_missing = [&](const std::string& field) {
    const auto r = c.post(base + "/residual-estimates", body, auth_);
    EXPECT_EQ(r.status, 422) << r.body;
    EXPECT_EQ(r.json()["field"], field) << r.body;
    EXPECT_NE(r.body.find("is required"), std::string::npos) << r.body;
  };
  expect_missing("/p1");
  body["p1"] = 0.001;
  expect_missing("/p2");
  body["p2"] = 0.001;
  expect_missing("/severity_rank");
  // Not estimable: no probabilities, the consequences listed instead.
  const auto not_estimable = c.post(
      base + "/residual-estimates",
      {{"situation_harm_id", ch.risk}, {"probability_not_estimable", true}, {"severity_rank", 4},
       {"rationale", "r"}},
      auth_);
  EXPECT_EQ(not_estimable.status, 422) << not_estimable.body;
  EXPECT_EQ(not_estimable.json()["field"], "/consequences");
  EXPECT_EQ(journal_count(), before);

  // A lower severity than the initial (4, Critical) needs the inherent-safety control.
  body["severity_rank"] = 2;
  auto lowered = c.post(base + "/residual-estimates", body, auth_);
  EXPECT_EQ(lowered.status, 422) << lowered.body;
  EXPECT_EQ(lowered.json()["field"], "/severity_control_id");
  EXPECT_NE(lowered.body.find("below the initial severity (4)"), std::string::npos) << lowered.body;
  body["severity_control_id"] = control;
  lowered = c.post(base + "/residual-estimates", body, auth_);
  ASSERT_EQ(lowered.status, 201) << lowered.body;
  // P = 0.001 x 0.001 is written without floating-point noise.
  const auto risks = c.get(base + "/assessment", auth_).json()["risks"];
  EXPECT_EQ(risks[0]["residual"]["text"], "Minor x Remote (P = 0.000001 per use): acceptable")
      << risks.dump();

  // A second estimate for the risk: refused in words, not with the store's message.
  body["severity_rank"] = 4;
  body.erase("severity_control_id");
  const auto second = c.post(base + "/residual-estimates", body, auth_);
  EXPECT_EQ(second.status, 409) << second.body;
  EXPECT_EQ(second.json()["field"], "/situation_harm_id");
  EXPECT_NE(second.body.find("This risk already has a residual estimate; revise it instead."),
            std::string::npos)
      << second.body;
  EXPECT_EQ(second.body.find("UNIQUE"), std::string::npos) << second.body;
  EXPECT_EQ(second.body.find("already exists"), std::string::npos) << second.body;
  // The revision is a change of that estimate, journaled as an update.
  const auto id = lowered.json()["id"].get<std::string>();
  const auto revised =
      c.request("PATCH", "/api/v1/residual-estimates/" + id, R"({"p2":0.01})", auth_ + if_match(1));
  ASSERT_EQ(revised.status, 200) << revised.body;
  EXPECT_EQ(revised.json()["version"], 2);
  EXPECT_EQ(revised.json()["severity_rank"], 2);
}

TEST_F(HttpRisk, ItemsHaveReadOnlyRefsAndCanBeRetired) {
  const auto file = risk_file(approved_policy());
  const auto ch = chain(file);
  const std::string base = "/api/v1/risk-files/" + file;
  auto c = client();
  const auto hazard = "/api/v1/hazards/" + ch.hazard;
  EXPECT_EQ(c.get(hazard, auth_).json()["ref"], "H-001");
  EXPECT_EQ(c.get("/api/v1/hazardous-situations/" + ch.situation, auth_).json()["ref"], "HS-001");
  EXPECT_EQ(c.get("/api/v1/harms/" + ch.harm, auth_).json()["ref"], "HM-001");
  EXPECT_EQ(c.get("/api/v1/risks/" + ch.risk, auth_).json()["ref"], "R-001");
  // Read-only: not accepted on input.
  const auto set_ref = c.post(base + "/hazards", {{"title", "x"}, {"ref", "H-999"}}, auth_);
  EXPECT_EQ(set_ref.status, 422) << set_ref.body;
  EXPECT_EQ(set_ref.json()["field"], "/ref");
  EXPECT_EQ(c.request("PATCH", hazard, R"({"ref":"H-007"})", auth_ + if_match(1)).json()["field"],
            "/ref");
  EXPECT_EQ(c.request("PATCH", hazard, R"({"retired_rationale":"x"})", auth_ + if_match(1)).status,
            422);

  // Retire: a rationale, If-Match, once.
  const auto retire = hazard + "/retire";
  EXPECT_EQ(c.post(retire, {{"rationale", "gone"}}, auth_).status, 428);
  const auto blank = c.post(retire, {{"rationale", " "}}, auth_ + if_match(1));
  EXPECT_EQ(blank.status, 422) << blank.body;
  EXPECT_EQ(blank.json()["field"], "/rationale");
  EXPECT_EQ(c.post(retire, {{"rationale", "gone"}}, auth_ + if_match(5)).status, 412);
  const auto retired =
      c.post(retire, {{"rationale", "Heater removed (DC-12)"}}, auth_ + if_match(1));
  ASSERT_EQ(retired.status, 200) << retired.body;
  EXPECT_EQ(retired.json()["retired_rationale"], "Heater removed (DC-12)");
  EXPECT_EQ(retired.json()["ref"], "H-001");
  EXPECT_EQ(c.post(retire, {{"rationale", "again"}}, auth_ + if_match(2)).status, 409);
  // Still listed, marked; its only risk leaves the assessment.
  EXPECT_EQ(c.get(base + "/hazards", auth_).json()["items"][0]["retired_rationale"],
            "Heater removed (DC-12)");
  const auto assessment = c.get(base + "/assessment", auth_);
  ASSERT_EQ(assessment.status, 200) << assessment.body;
  const auto risks = assessment.json()["risks"];
  ASSERT_EQ(risks.size(), 1u);
  EXPECT_EQ(risks[0]["ref"], "R-001");
  EXPECT_EQ(risks[0]["retired"], true);
  EXPECT_EQ(assessment.json()["steps"]["evaluated"], 0);
  // Another organization's id is not found.
  const auto b = bearer(token("admin@b.example", "org-b"));
  EXPECT_EQ(c.post(retire, {{"rationale", "x"}}, b + if_match(2)).status, 404);
  const auto back = c.request("POST", hazard + "/reinstate", {}, auth_ + if_match(2));
  ASSERT_EQ(back.status, 200) << back.body;
  EXPECT_EQ(back.json()["retired_rationale"], "");
  EXPECT_EQ(c.request("POST", hazard + "/reinstate", {}, auth_ + if_match(3)).status, 409);
  // Links, estimates and reviews have no refs and are not retired.
  EXPECT_EQ(c.post("/api/v1/hazard-situation-links/" + ch.link + "/retire", {{"rationale", "x"}},
                   auth_ + if_match(1))
                .status,
            404);
}

}  // namespace
}  // namespace riskloop::testing
