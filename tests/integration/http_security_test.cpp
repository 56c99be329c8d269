// Security findings of issue 11 over HTTP: cross-organization accounts, login redirects and CSRF,
// reading bodies only after authentication, cookies, proxies, error texts and headers.
#include "tests/integration/http_fixture.hpp"

namespace riskloop::testing {
namespace {

class HttpSecurity : public HttpTest {};

TEST_F(HttpSecurity, AnExistingAccountIsInvitedAndJoinsOnlyWhenItAccepts) {
  const auto admin_a = login("admin@a.example");
  auto c = client();
  // Org A's admin "adds" Org B's admin: an invitation, not a membership.
  const auto added =
      c.post("/api/v1/users", {{"email", "admin@b.example"}, {"role", "engineer"}},
             with_cookie(admin_a));
  ASSERT_EQ(added.status, 202) << added.body;
  const auto invitation = added.json();
  EXPECT_EQ(invitation["status"], "pending");
  const std::string id = invitation["id"];
  const auto listed = c.get("/api/v1/invitations", with_cookie(admin_a));
  ASSERT_EQ(listed.status, 200) << listed.body;
  EXPECT_EQ(listed.json()["items"].size(), 1u);

  // Org A's admin cannot change the account, invited or not.
  const auto b_admin = login("admin@b.example");
  const std::string bob = b_admin.body["user"]["id"];
  EXPECT_EQ(c.post("/api/v1/users/" + bob + "/password", {{"new_password", "taken over at last"}},
                   with_cookie(admin_a))
                .status,
            404);

  // The invitee sees it and accepts; then Org A's admin still may not set the password.
  const auto mine = c.get("/api/v1/me/invitations", with_cookie(b_admin));
  ASSERT_EQ(mine.status, 200) << mine.body;
  ASSERT_EQ(mine.json()["items"].size(), 1u);
  EXPECT_EQ(mine.json()["items"][0]["organization"]["slug"], "org-a");
  EXPECT_EQ(c.post("/api/v1/me/invitations/" + id + "/accept", nullptr, with_cookie(admin_a))
                .status,
            404);
  const auto accepted =
      c.post("/api/v1/me/invitations/" + id + "/accept", nullptr, with_cookie(b_admin));
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  EXPECT_EQ(accepted.json()["status"], "accepted");
  const auto pw = c.post("/api/v1/users/" + bob + "/password",
                         {{"new_password", "taken over at last"}}, with_cookie(admin_a));
  EXPECT_EQ(pw.status, 403) << pw.body;
  EXPECT_NE(pw.json()["detail"].get<std::string>().find("another organization"),
            std::string::npos);
  const auto off = c.request("PATCH", "/api/v1/users/" + bob, R"({"status":"disabled"})",
                             with_cookie(admin_a) + if_match(1));
  EXPECT_EQ(off.status, 403) << off.body;
  EXPECT_EQ(login("admin@b.example", "org-a").body["role"], "engineer");
}

TEST_F(HttpSecurity, TheAccountPageListsInvitationsToAcceptOrDecline) {
  auto op = app_->auth().operator_principal("test", org_a_, "admin@a.example");
  ASSERT_TRUE(op);
  const auto inv = app_->accounts().add_member(*op, {"admin@b.example", "", "", Role::auditor});
  ASSERT_TRUE(inv && inv->invitation);
  const auto b = login("admin@b.example");
  auto c = client();
  const auto page = c.get("/account/password", {{"Cookie", b.cookie}});
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Org A"), std::string::npos);
  EXPECT_NE(page.body.find("/account/invitations/" + inv->invitation->header.id + "/decline"),
            std::string::npos);
  const auto declined = c.request(
      "POST", "/account/invitations/" + inv->invitation->header.id + "/decline",
      "_csrf=" + b.csrf,
      {{"Cookie", b.cookie}, {"Content-Type", "application/x-www-form-urlencoded"}});
  ASSERT_EQ(declined.status, 200) << declined.body;
  EXPECT_NE(declined.body.find("You declined the invitation."), std::string::npos);
  EXPECT_EQ(declined.body.find("/account/invitations/"), std::string::npos);
}

}  // namespace
}  // namespace riskloop::testing
