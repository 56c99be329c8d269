// Accounts and authentication: login, throttling, sessions, tokens, roles, tenants.
#include "tests/app/app_fixture.hpp"

namespace riskloop::testing {
namespace {

class Accounts : public AppTest {};

TEST_F(Accounts, WrongPasswordAndUnknownUserGetTheSameAnswer) {
  const auto wrong = app_->auth().login({"admin@acme.example", "not the password", ""}, "10.0.0.1");
  const auto unknown = app_->auth().login({"nobody@acme.example", "not the password", ""}, "10.0.0.2");
  ASSERT_FALSE(wrong);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(wrong.error().code, ErrorCode::unauthenticated);
  EXPECT_EQ(wrong.error().message, unknown.error().message);
}

TEST_F(Accounts, RepeatedFailuresLockTheAccountForAWhile) {
  for (int i = 0; i < 5; ++i)
    EXPECT_FALSE(app_->auth().login({"admin@acme.example", "wrong wrong wrong", ""}, "10.0.0.9"));
  // Even the right password is refused while locked.
  const auto locked = app_->auth().login({"admin@acme.example", kPassword, ""}, "10.0.0.10");
  ASSERT_FALSE(locked);
  EXPECT_EQ(locked.error().code, ErrorCode::rate_limited);
  clock_.advance(std::chrono::minutes(16));
  EXPECT_TRUE(app_->auth().login({"admin@acme.example", kPassword, ""}, "10.0.0.10"));
}

TEST_F(Accounts, AnAddressTryingManyAccountsIsLocked) {
  for (int i = 0; i < 20; ++i)
    EXPECT_FALSE(app_->auth().login({"user" + std::to_string(i) + "@x.org", "wrong wrong wrong", ""},
                                    "10.6.6.6"));
  const auto r = app_->auth().login({"admin@acme.example", kPassword, ""}, "10.6.6.6");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::rate_limited);
  EXPECT_TRUE(app_->auth().login({"admin@acme.example", kPassword, ""}, "10.0.0.1"));
}

TEST_F(Accounts, SessionsExpireWhenIdleAndEndAtLogout) {
  auto login = app_->auth().login({"admin@acme.example", kPassword, ""}, "127.0.0.1");
  ASSERT_TRUE(login);
  EXPECT_TRUE(app_->auth().session(login->session_secret));
  clock_.advance(std::chrono::minutes(20));
  EXPECT_TRUE(app_->auth().session(login->session_secret));  // slides the idle window
  clock_.advance(std::chrono::minutes(20));
  EXPECT_TRUE(app_->auth().session(login->session_secret));
  clock_.advance(std::chrono::minutes(31));
  const auto idle = app_->auth().session(login->session_secret);
  ASSERT_FALSE(idle);
  EXPECT_EQ(idle.error().message, "your session has expired; log in again");

  auto again = app_->auth().login({"admin@acme.example", kPassword, ""}, "127.0.0.1");
  ASSERT_TRUE(again);
  ASSERT_TRUE(app_->auth().logout(again->principal));
  EXPECT_FALSE(app_->auth().session(again->session_secret));
  EXPECT_FALSE(app_->auth().session("forged-session-value"));
}

TEST_F(Accounts, TokensWorkUntilRevokedOrExpired) {
  auto t = app_->accounts().create_token(admin_, {"nightly export", 1});
  ASSERT_TRUE(t);
  EXPECT_EQ(t->secret.rfind("rl_", 0), 0u);
  auto who = app_->auth().token(t->secret);
  ASSERT_TRUE(who);
  EXPECT_EQ(who->actor, "token:" + t->token.header.id);
  EXPECT_EQ(who->role, Role::admin);

  clock_.advance(std::chrono::hours(25));
  EXPECT_EQ(app_->auth().token(t->secret).error().message, "the API token has expired");

  auto t2 = app_->accounts().create_token(admin_, {"other", {}});
  ASSERT_TRUE(t2);
  ASSERT_TRUE(app_->accounts().revoke_token(admin_, t2->token.header.id));
  EXPECT_EQ(app_->auth().token(t2->secret).error().message, "the API token was revoked");
  EXPECT_EQ(app_->auth().token("rl_forged").error().message, "the API token is not valid");
}

TEST_F(Accounts, RolesAreCheckedInTheApplication) {
  const auto auditor = member("audit@acme.example", Role::auditor);
  const auto r = app_->products().create(auditor, {"X", "", "", ""});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::forbidden);
  EXPECT_EQ(r.error().message, "your role (auditor) may not create products");
  const auto engineer = member("eng@acme.example", Role::engineer);
  EXPECT_TRUE(app_->products().create(engineer, {"X", "", "", ""}));
  EXPECT_EQ(app_->accounts().add_member(engineer, {"x@acme.example", "X", kPassword, Role::admin})
                .error()
                .code,
            ErrorCode::forbidden);
}

TEST_F(Accounts, NewMembersNeedValidFields) {
  auto r = app_->accounts().add_member(admin_, {"Bad@Example", "B", kPassword, Role::engineer});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().location, "/email");
  r = app_->accounts().add_member(admin_, {"b@acme.example", "B", "short", Role::engineer});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().location, "/password");
  EXPECT_EQ(r.error().message, "must have at least 12 characters");
  ASSERT_TRUE(app_->accounts().add_member(admin_, {"b@acme.example", "B", kPassword, Role::engineer}));
  r = app_->accounts().add_member(admin_, {"b@acme.example", "B", kPassword, Role::engineer});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::conflict);
}

TEST_F(Accounts, PasswordChangeNeedsTheCurrentOneAndEndsOtherSessions) {
  auto s = app_->auth().login({"admin@acme.example", kPassword, ""}, "127.0.0.1");
  ASSERT_TRUE(s);
  auto bad = app_->accounts().change_password(admin_, admin_.user_id, {"wrong", "a brand new passphrase"});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().location, "/current_password");
  ASSERT_TRUE(app_->accounts().change_password(admin_, admin_.user_id, {kPassword, "a brand new passphrase"}));
  EXPECT_FALSE(app_->auth().session(s->session_secret));
  EXPECT_TRUE(app_->auth().login({"admin@acme.example", "a brand new passphrase", ""}, "127.0.0.1"));
}

TEST_F(Accounts, DisabledUsersCannotLogIn) {
  const auto eng = member("eng@acme.example", Role::engineer);
  auto u = app_->accounts().update_user(admin_, eng.user_id, {"Eng", UserStatus::disabled}, 1);
  ASSERT_TRUE(u) << u.error().message;
  EXPECT_EQ(app_->auth().login({"eng@acme.example", kPassword, ""}, "127.0.0.1").error().message,
            "the account is disabled");
}

TEST_F(Accounts, SwitchingOrganizationChangesScopeAndRole) {
  auto org2 = app_->accounts().create_organization(admin_, {"Second Site", "second"});
  ASSERT_TRUE(org2) << org2.error().message;
  auto login = app_->auth().login({"admin@acme.example", kPassword, "second"}, "127.0.0.1");
  ASSERT_TRUE(login) << login.error().message;
  EXPECT_EQ(login->principal.org_id, org2->header.id);
  auto back = app_->auth().switch_organization(login->principal, org_);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->org_id, org_);
  EXPECT_EQ(app_->auth().session(login->session_secret)->org_id, org_);
  EXPECT_EQ(app_->auth().switch_organization(login->principal, "nope").error().code, ErrorCode::not_found);
}

}  // namespace
}  // namespace riskloop::testing
