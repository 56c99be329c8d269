// The authorization matrix of docs/authorization.md, asserted: every operation of the API's route
// table is called by a member of every role on a record shared with the partner, one not shared
// and one of another organization, and must answer as that page says. An operation without a row
// there fails, and so does a row without an operation.
#include <algorithm>
#include <fstream>
#include <functional>
#include <map>
#include <set>

#include "core/field_copy.hpp"
#include "http/router.hpp"
#include "tests/integration/http_fixture.hpp"
#include "tests/integration/risk_records.hpp"
#include "web/web_routes.hpp"

namespace riskloop::testing {
namespace {

enum class Scope { shared, unshared, foreign };

std::string scope_name(Scope s) {
  switch (s) {
    case Scope::shared: return "a record shared with the partner";
    case Scope::unshared: return "a record not shared";
    case Scope::foreign: return "another organization's record";
  }
  return {};
}

// docs/authorization.md as data.
struct Matrix {
  struct Row {
    std::string permission;  // open, any, or a permission of `holders`
    std::string partner;     // yes, shared, no
  };
  std::map<std::string, std::set<std::string>> holders;  // permission -> roles
  std::map<std::string, Row> routes;  // "GET /api/v1/products/{id}" -> row
  std::map<std::string, Row> pages;   // "POST /files/{id}/chain" -> row
};

std::vector<std::string> split(std::string_view text, std::string_view by) {
  std::vector<std::string> out;
  for (std::size_t at = 0;;) {
    const auto end = text.find(by, at);
    out.emplace_back(text.substr(at, end - at));
    if (end == std::string_view::npos) return out;
    at = end + by.size();
  }
}

// "| GET | `/api/v1/x` | read |" -> {"GET", "/api/v1/x", "read"}
std::vector<std::string> cells_of(std::string_view line) {
  auto cells = split(line.substr(1, line.rfind('|') - 1), "|");
  for (auto& c : cells) {
    std::erase(c, '`');
    c.erase(0, c.find_first_not_of(' '));
    c.erase(c.find_last_not_of(' ') + 1);
  }
  return cells;
}

Matrix read_matrix() {
  std::ifstream in(RISKLOOP_DOCS_DIR "/authorization.md");
  EXPECT_TRUE(in) << "docs/authorization.md is missing";
  Matrix m;
  std::string section;
  for (std::string line; std::getline(in, line);) {
    if (line.starts_with("## ")) section = line.substr(3);
    if (!line.starts_with("| ")) continue;
    const auto cells = cells_of(line);
    if (section == "Permissions and roles" && cells.size() == 2 && cells[0] != "permission") {
      const auto roles = split(cells[1], ", ");
      m.holders[cells[0]] = {roles.begin(), roles.end()};
    } else if ((section == "Routes" || section == "Web pages") && cells.size() == 4 &&
               cells[0] != "method") {
      auto& rows = section == "Routes" ? m.routes : m.pages;
      const bool added =
          rows.emplace(cells[0] + " " + cells[1], Matrix::Row{cells[2], cells[3]}).second;
      EXPECT_TRUE(added) << "two rows for " << cells[0] << " " << cells[1];
    }
  }
  return m;
}

enum class Outcome { runs, forbidden, not_found };

// The answer docs/authorization.md promises a member of `role` on a record of `scope`.
Outcome promised(const Matrix& m, const Matrix::Row& row, Role role, Scope scope) {
  const bool partner = role == Role::partner;
  if (row.permission != "open" && row.permission != "any") {
    const auto holders = m.holders.find(row.permission);
    EXPECT_NE(holders, m.holders.end()) << "unknown permission " << row.permission;
    if (holders == m.holders.end() || !holders->second.contains(std::string(name_of(role))) ||
        (partner && row.partner == "no"))
      return Outcome::forbidden;
  }
  if (scope == Scope::foreign) return Outcome::not_found;
  if (partner && row.partner == "shared" && scope == Scope::unshared) return Outcome::not_found;
  return Outcome::runs;
}

bool answered_as(Outcome o, std::string_view method, int status) {
  switch (o) {
    case Outcome::forbidden: return status == 403;
    case Outcome::not_found: return status == 404;
    case Outcome::runs:
      if (method == "GET") return status == 200 || status == 303;  // pages may redirect
      return status < 500 && status != 401 && status != 403 && status != 404;
  }
  return false;
}

std::string outcome_name(Outcome o) {
  switch (o) {
    case Outcome::runs: return "to run";
    case Outcome::forbidden: return "403";
    case Outcome::not_found: return "404";
  }
  return {};
}

class HttpAuthorization : public HttpTest {
 protected:
  struct Caller {
    Role role;
    std::string email;
    Headers auth;
  };

  void SetUp() override {
    HttpTest::SetUp();
    for (const Role role : {Role::admin, Role::risk_manager, Role::engineer, Role::quality,
                            Role::regulatory, Role::vigilance, Role::auditor, Role::partner}) {
      const std::string email = std::string(name_of(role)) + "@a.example";
      const auto id = role == Role::admin ? std::string() : add_member("org-a", email, role);
      if (role == Role::partner) partner_id_ = id;
      callers_.push_back({role, email, bearer(token(email, "org-a"))});
    }
    a_admin_ = principal(org_a_, "admin@a.example");
    b_admin_ = principal(org_b_, "admin@b.example");
    records_[Scope::shared] = make_risk_records(*app_, a_admin_, kPassword, "Shared");
    records_[Scope::unshared] = make_risk_records(*app_, a_admin_, kPassword, "Unshared");
    records_[Scope::foreign] = make_risk_records(*app_, b_admin_, kPassword, "Secret B");
    EXPECT_TRUE(app_->accounts().share(
        a_admin_, {"product", records_[Scope::shared].product, partner_id_}));

    // Organization-wide records, and bulk rows of each scope's product.
    const auto b_partner = add_member("org-b", "partner@b.example", Role::partner);
    const auto b_share = app_->accounts().share(
        b_admin_, {"product", records_[Scope::foreign].product, b_partner});
    EXPECT_TRUE(b_share);
    const auto b_token = app_->accounts().create_token(b_admin_, {"B secret token", 30});
    EXPECT_TRUE(b_token);
    const auto b_invitation = invite(b_admin_, new_organization().email);
    victim_ = add_member("org-a", "victim@a.example", Role::engineer);
    const auto b_member = add_member("org-b", "engineer@b.example", Role::engineer);
    b_auth_ = bearer(token("admin@b.example", "org-b"));
    for (const Scope s : {Scope::shared, Scope::unshared, Scope::foreign}) {
      const auto& r = records_[s];
      const bool own = s != Scope::foreign;
      auto& ids = ids_[s];
      ids = {{"organizations", own ? org_a_ : org_b_},
             {"users", own ? victim_ : b_member},
             {"products", r.product},
             {"risk-policies", r.policy},
             {"risk-files", r.file},
             {"hazards", r.hazard},
             {"hazardous-situations", r.situation},
             {"harms", r.harm},
             {"hazard-situation-links", r.hazard_situation},
             {"risks", r.risk},
             {"controls", r.control},
             {"control-links", r.control_link},
             {"introduced-hazards", r.introduced_hazard},
             {"residual-estimates", r.residual},
             {"reviews", r.review},
             {"operational-risks", r.operational},
             {"suppliers", r.supplier},
             {"registrations", r.registration},
             {"reporting-rules", r.reporting_rule},
             {"holidays", r.holiday},
             {"complaints", r.complaint}};
      const Headers admin = own ? callers_.front().auth : b_auth_;
      auto c = client();
      ids["memberships"] =
          c.get("/api/v1/users/" + ids["users"], admin).json()["membership"]["id"];
      const auto imported = c.request(
          "POST", "/api/v1/measurement-imports",
          "product_id,lot,characteristic,value,unit,measured_at\n" + r.product +
              ",LOT-1,width,1.5,mm,2026-11-25T09:00:00Z\n",
          admin + Headers{{"Content-Type", "text/csv"}});
      EXPECT_EQ(imported.status, 201) << imported.body;
      ids["measurement-imports"] = imported.json()["id"];
      ids["process-measurements"] =
          c.get("/api/v1/process-measurements?product_id=" + r.product, admin)
              .json()["items"][0]["id"];
      if (!own) {
        ids["tokens"] = b_token ? b_token->token.header.id : "";
        ids["shares"] = b_share ? b_share->header.id : "";
        ids["invitations"] = ids["me/invitations"] = b_invitation;
      }
    }
  }

  app::Principal principal(const std::string& org, const std::string& email) {
    auto p = app_->auth().operator_principal("test", org, email);
    EXPECT_TRUE(p) << p.error().message;
    return p ? *p : app::Principal{};
  }

  // An invitation of `inviter`'s organization to the existing account `email`; its id.
  std::string invite(const app::Principal& inviter, const std::string& email) {
    auto m = app_->accounts().add_member(inviter, {email, "", "", Role::auditor});
    EXPECT_TRUE(m && m->invitation) << (m ? "added, not invited" : m.error().message);
    return m && m->invitation ? m->invitation->header.id : std::string();
  }

  // A new organization with an admin of its own; that admin.
  app::Principal new_organization() {
    const auto n = std::to_string(++organizations_);
    const std::string email = "admin" + n + "@c.example";
    auto op = app_->auth().operator_principal("test", "", "");
    EXPECT_TRUE(op);
    auto made = app_->accounts().bootstrap(*op, {"Org C" + n, "org-c" + n},
                                           {email, "Admin " + n, kPassword, Role::admin});
    EXPECT_TRUE(made) << made.error().message;
    return principal(made ? made->organization.header.id : "", email);
  }

  // The record of `scope` named by a path that starts with `resource`. Records that a permitted
  // call uses up (a revoked token, a withdrawn share, an answered invitation) are made anew for
  // each call on the caller's own organization.
  std::string record_of(const std::string& resource, Scope scope, const Caller& caller) {
    if (scope != Scope::foreign) {
      if (resource == "tokens") {
        auto t = app_->accounts().create_token(principal(org_a_, caller.email), {"spare", 30});
        return t ? t->token.header.id : "";
      }
      if (resource == "shares") {
        const auto product = app_->products().create(a_admin_, {"Spare device", "", "", ""});
        auto s = app_->accounts().share(a_admin_, {"product", product->header.id, partner_id_});
        return s ? s->header.id : "";
      }
      if (resource == "invitations") {
        const auto other = new_organization();
        return invite(a_admin_, other.email);
      }
      if (resource == "me/invitations") return invite(new_organization(), caller.email);
    }
    const auto& ids = ids_[scope];
    const auto it = ids.find(resource);
    return it == ids.end() ? std::string() : it->second;
  }

  // A different calendar date for each k (holidays are unique per country and date).
  static std::string date_of(int k) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "2030-%02d-%02d", 1 + (k / 28) % 12, 1 + k % 28);
    return buf;
  }

  // A valid body for the operation, naming records of `scope`, and its content type.
  std::pair<std::string, std::string> body_of(const std::string& method, const std::string& pattern,
                                              Scope scope, const Caller& caller) {
    const auto& r = records_[scope];
    const auto n = std::to_string(++bodies_);
    const nlohmann::json sig = {
        {"email", caller.email}, {"password", kPassword}, {"meaning", "approval"}};
    const std::map<std::string, nlohmann::json> bodies = {
        {"POST /api/v1/auth/login", {{"email", caller.email}, {"password", kPassword}}},
        {"POST /api/v1/auth/switch-organization", {{"organization_id", org_a_}}},
        {"POST /api/v1/organizations", {{"name", "Org " + n}, {"slug", "org-n" + n}}},
        {"POST /api/v1/users",
         {{"email", "new" + n + "@a.example"},
          {"display_name", "New " + n},
          {"password", kPassword},
          {"role", "engineer"}}},
        {"PATCH /api/v1/users/{id}", {{"display_name", "Taken over"}}},
        {"POST /api/v1/users/{id}/password", {{"new_password", "a brand new password"}}},
        {"PATCH /api/v1/memberships/{id}", {{"role", "admin"}}},
        {"POST /api/v1/shares",
         {{"shared_entity", "product"}, {"shared_id", r.product}, {"user_id", partner_id_}}},
        {"POST /api/v1/tokens", {{"name", "token " + n}, {"expires_in_days", 30}}},
        {"POST /api/v1/products", {{"name", "Device " + n}}},
        {"PUT /api/v1/products/{id}", {{"name", "Taken over"}}},
        {"PATCH /api/v1/products/{id}", {{"name", "Taken over"}}},
        {"POST /api/v1/risk-files",
         {{"product_id", r.product}, {"title", "File " + n}, {"policy_id", r.policy}}},
        {"PUT /api/v1/risk-policies/{id}",
         formats::fields_to_json(input_of<risk::RiskPolicyInput>(risk::default_policy()))},
        {"PATCH /api/v1/risk-policies/{id}", {{"name", "Taken over"}}},
        {"POST /api/v1/risk-policies/{id}/approve", {{"signature", sig}}},
        {"PUT /api/v1/risk-files/{id}",
         {{"product_id", r.product}, {"title", "Taken over"}, {"policy_id", r.policy}}},
        {"PATCH /api/v1/risk-files/{id}", {{"title", "Taken over"}}},
        {"POST /api/v1/risk-files/{id}/gate-decisions",
         {{"stage", "design"}, {"outcome", "rejected"}, {"rationale", "x"}, {"signature", sig}}},
        {"POST /api/v1/risk-files/{id}/benefit-risk",
         {{"situation_harm_id", r.risk},
          {"benefits", "x"},
          {"data_reviewed", "x"},
          {"rationale", "x"},
          {"signature", sig}}},
        {"POST /api/v1/risk-files/{id}/overall-residual-risk",
         {{"method", "x"}, {"benefits", "x"}, {"rationale", "x"}, {"signature", sig}}},
        {"POST /api/v1/risk-files/{id}/policy-migration",
         {{"to_policy_id", r.policy}, {"to_policy_version", 1}, {"rationale", "x"}}},
        {"POST /api/v1/operational-risks", {{"title", "Risk " + n}, {"owner", "x"}}},
        {"POST /api/v1/udi/parse", {{"code", "(01)00614141999996(10)L" + n}}},
        {"PUT /api/v1/operational-risks/{id}", {{"title", "Taken over"}, {"owner", "x"}}},
        {"PATCH /api/v1/operational-risks/{id}", {{"title", "Taken over"}}},
        {"POST /api/v1/suppliers",
         {{"name", "Supplier " + n}, {"country", "DE"}, {"supplied_items", {"x"}}}},
        {"PUT /api/v1/suppliers/{id}",
         {{"name", "Taken over"}, {"country", "DE"}, {"supplied_items", {"x"}}}},
        {"PATCH /api/v1/suppliers/{id}", {{"name", "Taken over"}}},
        {"POST /api/v1/registrations",
         {{"product_id", r.product}, {"country", "US"}, {"authority", "fda"}}},
        {"PUT /api/v1/registrations/{id}",
         {{"product_id", r.product}, {"country", "US"}, {"authority", "fda"}}},
        {"PATCH /api/v1/registrations/{id}", {{"risk_class", "III"}}},
        {"POST /api/v1/reporting-rules",
         {{"jurisdiction", "US"}, {"regulation", "21 CFR 803"}, {"event_class", "Death " + n},
          {"clock_start", "awareness"}, {"deadline_value", 30}, {"deadline_unit", "calendar_days"},
          {"citation", "803.50"}, {"rule_set", "test"}}},
        {"PUT /api/v1/reporting-rules/{id}",
         {{"jurisdiction", "US"}, {"regulation", "21 CFR 803"}, {"event_class", "Death"},
          {"clock_start", "awareness"}, {"deadline_value", 30}, {"deadline_unit", "calendar_days"},
          {"citation", "803.50"}, {"rule_set", "test"}}},
        {"PATCH /api/v1/reporting-rules/{id}", {{"verified", true}}},
        {"POST /api/v1/holidays", {{"country", "US"}, {"date", date_of(bodies_)}, {"name", "Holiday " + n}}},
        {"PUT /api/v1/holidays/{id}", {{"country", "US"}, {"date", "2027-12-25"}, {"name", "Christmas"}}},
        {"PATCH /api/v1/holidays/{id}", {{"name", "Renamed"}}},
        {"POST /api/v1/complaints",
         {{"product_id", r.product}, {"received_on", "2026-12-01T08:00:00.000Z"},
          {"reporter_name", "Nurse " + n}, {"country", "CN"}, {"description", "x"}}},
        {"PUT /api/v1/complaints/{id}",
         {{"product_id", r.product}, {"received_on", "2026-12-01T08:00:00.000Z"},
          {"reporter_name", "Nurse"}, {"country", "CN"}, {"description", "x"}}},
        {"PATCH /api/v1/complaints/{id}", {{"status", "investigating"}}},
    };
    if (const auto it = bodies.find(method + " " + pattern); it != bodies.end())
      return {it->second.dump(), "application/json"};
    if (pattern.ends_with("/retire")) return {R"({"rationale":"no longer applies"})", "application/json"};
    if (pattern == "/api/v1/reporting-rules/import")
      return {"jurisdiction,regulation,event_class,clock_start,deadline_value,deadline_unit,"
              "citation\nUS,803,Death " + n + ",aware,30,calendar days,803.50\n",
              "text/csv"};
    if (pattern == "/api/v1/measurement-imports")
      return {"product_id,lot,characteristic,value,unit,measured_at\n" + r.product + ",LOT-" + n +
                  ",width,1.5,mm,2026-11-25T09:00:00Z\n",
              "text/csv"};
    if (method == "GET" || method == "DELETE" || method == "POST") {
      // Creations of risk file items take a body; other actions take none.
      if (!(method == "POST" && pattern.starts_with("/api/v1/risk-files/{file}/"))) return {};
    }
    // Items: /api/v1/<items>/{id} or /api/v1/risk-files/{file}/<items>
    std::string items = pattern.substr(8);
    items = items.starts_with("risk-files/{file}/") ? items.substr(18)
                                                    : items.substr(0, items.find('/'));
    const std::map<std::string, nlohmann::json> item_bodies = {
        {"hazard-situation-links", {{"hazard_id", r.hazard}, {"situation_id", r.situation}}},
        {"risks", {{"situation_id", r.situation}, {"harm_id", r.harm}}},
        {"control-links", {{"control_id", r.control}, {"situation_harm_id", r.risk}}},
        {"introduced-hazards", {{"control_id", r.control}, {"hazard_id", r.hazard}}},
        {"residual-estimates",
         {{"situation_harm_id", r.risk},
          {"p1", 0.001},
          {"p2", 0.1},
          {"severity_rank", 4},
          {"rationale", "x"}}},
        {"reviews", nlohmann::json::object()},
        {"hazardous-situations", {{"title", "Situation " + n}, {"p1", 0.01}}},
        {"harms", {{"title", "Harm " + n}, {"severity_rank", 3}}},
    };
    const auto it = item_bodies.find(items);
    return {(it == item_bodies.end() ? nlohmann::json{{"title", "Item " + n}} : it->second).dump(),
            "application/json"};
  }

  // Every entry of org-b's journal, as its admin reads it.
  std::size_t journal_of_b() {
    auto c = client();
    std::size_t n = 0;
    std::string after;
    do {
      const auto page = c.get("/api/v1/journal?limit=500" + after, b_auth_).json();
      n += page["items"].size();
      after = page["next"].is_string() ? "&after=" + page["next"].get<std::string>() : "";
    } while (!after.empty());
    return n;
  }

  // Whether the records of both scopes of the caller's organization are one and the same (members,
  // tokens, invitations and shares belong to the organization, not to a product).
  bool organization_wide(const std::string& resource) {
    return !ids_[Scope::shared].contains(resource) ||
           ids_[Scope::shared][resource] == ids_[Scope::unshared][resource];
  }

  std::vector<Caller> callers_;
  Headers b_auth_;
  std::string partner_id_, victim_;
  app::Principal a_admin_, b_admin_;
  std::map<Scope, RiskRecords> records_;
  std::map<Scope, std::map<std::string, std::string>> ids_;
  int organizations_ = 0, bodies_ = 0;
};

// Operations that end the caller's own session or move it: each call gets a session of its own.
bool uses_up_caller(const std::string& operation) {
  return operation == "POST /api/v1/auth/logout" ||
         operation == "POST /api/v1/auth/switch-organization" || operation == "POST /logout" ||
         operation == "POST /account/organization";
}

// The record kind (a key of record_of) named by a path's first parameter; "" for none.
std::string resource_of(const std::string& pattern) {
  const auto open = pattern.find('{');
  if (open == std::string::npos) return {};
  if (pattern.starts_with("/api/v1/")) return pattern.substr(8, open - 8 - 1);
  static const std::map<std::string, std::string> pages = {
      {"/files/", "risk-files"},          {"/products/", "products"},
      {"/policies/", "risk-policies"},    {"/admin/users/", "users"},
      {"/admin/memberships/", "memberships"}, {"/admin/tokens/", "tokens"},
      {"/admin/invitations/", "invitations"}, {"/account/invitations/", "me/invitations"},
      {"/journal/", "products"},          {"/operational-risks/", "operational-risks"},
      {"/suppliers/", "suppliers"},       {"/registrations/", "registrations"},
      {"/reporting-rules/", "reporting-rules"}, {"/holidays/", "holidays"},
      {"/complaints/", "complaints"},
      {"/static/", ""},
  };
  const auto it = pages.find(pattern.substr(0, open));
  return it == pages.end() ? pattern.substr(0, open) : it->second;
}

class HttpAuthorizationMatrix : public HttpAuthorization {
 protected:
  struct Request {
    std::string target, body;
    Headers headers;
  };

  // The request of an API operation, authenticated by a bearer token.
  Request api_request(const http::Route& route, Scope scope, const Caller& caller) {
    const std::string method(http::method_name(route.spec.method)), pattern(route.spec.pattern);
    Request q{path_of(pattern, scope, caller), {}, {}};
    if (pattern.ends_with("/gate")) q.target += "?stage=design";
    if (pattern.ends_with("/migration-preview"))
      q.target += "?policy_id=" + records_[scope].policy + "&version=1";
    if (pattern.ends_with("/reporting-rules/due")) q.target += "?jurisdiction=EU&aware=2026-12-03T15:00:00.000Z";
    if (pattern.ends_with("/reporting-rules/import")) q.target += "?rule_set=test";
    std::string type;
    std::tie(q.body, type) = body_of(method, pattern, scope, caller);
    q.headers = uses_up_caller(method + " " + pattern) ? bearer(token(caller.email, "org-a"))
                                                      : caller.auth;
    if (!type.empty()) q.headers.emplace_back("Content-Type", type);
    if (route.spec.if_match) q.headers.emplace_back("If-Match", "\"9999\"");
    return q;
  }

  // The request of a web page or form, authenticated by a session cookie; a form carries the
  // session's CSRF token and nothing else, so a permitted form is answered with its own errors.
  Request page_request(const http::Route& route, Scope scope, const Caller& caller) {
    const std::string pattern(route.spec.pattern);
    Request q{path_of(pattern, scope, caller), {}, {}};
    if (pattern == "/static/{name}") q.target = "/static/app.css";
    const auto session = uses_up_caller("POST " + pattern) ? login(caller.email, "org-a")
                                                           : sessions_.at(caller.email);
    q.headers = {{"Cookie", session.cookie}};
    if (route.spec.method == http::Method::get) return q;
    q.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
    // A stale version, so that a permitted change of a record is refused as a conflict.
    q.body = "_csrf=" + session.csrf + "&version=9999";
    if (pattern == "/account/organization") q.body += "&organization_id=" + org_a_;
    if (pattern == "/admin/memberships/{id}/role") q.body += "&role=auditor";
    if (pattern == "/login") {  // the login form's own CSRF cookie, from the login page
      auto c = client();
      const auto page = c.get("/login");
      for (const auto& set : page.all("Set-Cookie"))
        if (set.starts_with("rl_login_csrf=")) q.headers[0].second = set.substr(0, set.find(';'));
      const auto& cookie = q.headers[0].second;
      q.body = "email=" + caller.email + "&password=" + std::string(kPassword) + "&_csrf=" +
               cookie.substr(cookie.find('=') + 1);
      std::replace(q.body.begin(), q.body.end(), ' ', '+');
    }
    return q;
  }

  // `pattern` with its parameters replaced by records of `scope`.
  std::string path_of(const std::string& pattern, Scope scope, const Caller& caller) {
    const auto resource = resource_of(pattern);
    std::string path = pattern;
    for (std::size_t open; (open = path.find('{')) != std::string::npos;) {
      const auto close = path.find('}', open);
      const auto name = path.substr(open + 1, close - open - 1);
      std::string value;
      if (name == "kind") value = "hazards";
      else if (name == "entity") value = "product";
      else if (name == "item") value = ids_[scope]["hazards"];
      else if (name == "name") value = "app.css";
      else value = record_of(resource, scope, caller);
      EXPECT_FALSE(value.empty()) << "no record for " << pattern << ": add one to this test";
      path.replace(open, close - open + 1, value);
    }
    return path;
  }

  // Calls every route of `table` as every caller on records of every scope; the answers that are
  // not what `rows` promise.
  std::vector<std::string> check(const http::RouteTable& table,
                                 const std::map<std::string, Matrix::Row>& rows,
                                 const Matrix& matrix, bool pages) {
    std::vector<std::string> wrong;
    std::set<std::string> documented;
    auto c = client();
    for (const auto& route : table.routes()) {
      const std::string method(http::method_name(route.spec.method)), pattern(route.spec.pattern);
      const std::string operation = method + " " + pattern;
      const auto row = rows.find(operation);
      if (row == rows.end()) {
        ADD_FAILURE() << operation << " has no row in docs/authorization.md: add one";
        continue;
      }
      documented.insert(operation);
      const auto resource = resource_of(pattern);
      for (const Scope scope : {Scope::shared, Scope::unshared, Scope::foreign}) {
        if (resource.empty() && scope != Scope::shared) break;  // nothing named, nothing scoped
        if (scope == Scope::unshared && organization_wide(resource)) continue;
        for (const auto& caller : callers_) {
          const auto q = pages ? page_request(route, scope, caller)
                               : api_request(route, scope, caller);
          const auto r = c.request(method, q.target, q.body, q.headers);
          ++calls_;
          const auto expected = promised(matrix, row->second, caller.role, scope);
          if (!answered_as(expected, method, r.status))
            wrong.push_back(operation + " as " + std::string(name_of(caller.role)) + " on " +
                            (resource.empty() ? "its own organization" : scope_name(scope)) +
                            ": expected " + outcome_name(expected) + ", got " +
                            std::to_string(r.status) + " " + r.body.substr(0, 160));
          for (const char* secret : {"Secret B", "@b.example", "B secret token", "Org B"}) {
            EXPECT_EQ(r.body.find(secret), std::string::npos)
                << secret << " leaked by " << method << " " << q.target << ": " << r.body;
          }
          if (caller.role == Role::partner) {
            EXPECT_EQ(r.body.find("Unshared"), std::string::npos)
                << "a record not shared shown to the partner by " << method << " " << q.target;
          }
        }
      }
    }
    for (const auto& [operation, row] : rows)
      EXPECT_TRUE(documented.contains(operation))
          << operation << " is in docs/authorization.md but not in the route table";
    return wrong;
  }

  std::map<std::string, Session> sessions_;  // by e-mail
  int calls_ = 0;
};

TEST_F(HttpAuthorizationMatrix, EveryApiOperationEveryRoleEveryScope) {
  const auto matrix = read_matrix();
  ASSERT_EQ(matrix.holders.size(), 6u) << "the permission table of docs/authorization.md";
  const auto b_journal = journal_of_b();
  for (const auto& w : check(http::api_routes(), matrix.routes, matrix, false)) ADD_FAILURE() << w;
  EXPECT_EQ(journal_of_b(), b_journal) << "a call on another organization's record changed it";
  RecordProperty("calls", calls_);
  EXPECT_GE(calls_, 137 * 8);
}

TEST_F(HttpAuthorizationMatrix, EveryWebPageEveryRoleEveryScope) {
  auto options = default_options();
  options.extra_routes = web::add_web_routes;
  restart(options);
  for (const auto& caller : callers_) sessions_[caller.email] = login(caller.email, "org-a");
  const auto matrix = read_matrix();
  const auto b_journal = journal_of_b();
  http::RouteTable pages;
  web::add_web_routes(pages);
  for (const auto& w : check(pages, matrix.pages, matrix, true)) ADD_FAILURE() << w;
  EXPECT_EQ(journal_of_b(), b_journal) << "a page on another organization's record changed it";
  RecordProperty("calls", calls_);
  EXPECT_GE(calls_, 60 * 8);
}

}  // namespace
}  // namespace riskloop::testing
