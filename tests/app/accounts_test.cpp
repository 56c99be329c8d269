// Accounts and authentication: login, throttling, sessions, tokens, roles, tenants.
#include "tests/app/app_fixture.hpp"

#include "app/auth.hpp"
#include "store/sql_value.hpp"

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

  auto t2 = app_->accounts().create_token(admin_, {"other", 30});
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



// --- password re-checks, throttle keys, tokens, purging (issue 11) -------------------------------

TEST_F(Accounts, PasswordReChecksShareTheLoginThrottleAndAlertAdmins) {
  const auto before = journal_count();
  for (int i = 0; i < 5; ++i) {
    const auto wrong = app_->auth().confirm_password(admin_, "not my password!", "signature");
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.error().code, ErrorCode::unauthenticated);
  }
  // The sixth is refused unchecked, and the login of the account is locked as well.
  EXPECT_EQ(app_->auth().confirm_password(admin_, kPassword, "signature").error().code,
            ErrorCode::rate_limited);
  EXPECT_EQ(app_->auth().login({"admin@acme.example", kPassword, ""}, "10.1.1.1").error().code,
            ErrorCode::rate_limited);
  // Each failure is a journaled security event administrators see; the fifth locked the account.
  const auto events = app_->auth().security_events(admin_, "", 100);
  ASSERT_TRUE(events) << events.error().message;
  ASSERT_EQ(events->size(), 5u);
  EXPECT_EQ(events->front().purpose, "signature");
  EXPECT_EQ(events->front().user_id, admin_.user_id);
  EXPECT_FALSE(events->front().locked);
  EXPECT_TRUE(events->back().locked);
  EXPECT_EQ(journal_count(), before + 5);
  const auto auditor = member("audit@acme.example", Role::auditor);
  EXPECT_EQ(app_->auth().security_events(auditor, "", 100).error().code, ErrorCode::forbidden);
}

TEST_F(Accounts, PasswordChangeChecksGoThroughTheThrottle) {
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(app_->accounts()
                  .change_password(admin_, admin_.user_id, {"wrong wrong wrong", "a brand new passphrase"})
                  .error()
                  .location,
              "/current_password");
  const auto locked = app_->accounts().change_password(admin_, admin_.user_id,
                                                       {kPassword, "a brand new passphrase"});
  ASSERT_FALSE(locked);
  EXPECT_EQ(locked.error().code, ErrorCode::rate_limited);
  EXPECT_EQ(app_->auth().security_events(admin_, "", 100)->back().purpose, "password change");
}

TEST_F(Accounts, ThrottleKeysAreNormalizedAndBounded) {
  EXPECT_EQ(app::account_throttle_key("  Admin@ACME.example "), "account:admin@acme.example");
  EXPECT_EQ(app::account_throttle_key(std::string(100000, 'a')).size(), 8u + 254u);
  EXPECT_EQ(app::address_throttle_key(std::string(5000, '1')).size(), 8u + 64u);
  // Changing the case of the e-mail does not dodge the count.
  for (int i = 0; i < 5; ++i)
    EXPECT_FALSE(app_->auth().login({i % 2 ? "ADMIN@acme.example" : "admin@Acme.example",
                                     "wrong wrong wrong", ""},
                                    "10.0.0." + std::to_string(i)));
  EXPECT_EQ(app_->auth().login({"admin@acme.example", kPassword, ""}, "10.0.0.99").error().code,
            ErrorCode::rate_limited);
}

TEST_F(Accounts, TokensExpireWithinAYearAndEndWithThePassword) {
  EXPECT_EQ(app_->accounts().create_token(admin_, {"forever", {}}).error().location,
            "/expires_in_days");
  const auto too_long = app_->accounts().create_token(admin_, {"long", 366});
  ASSERT_FALSE(too_long);
  EXPECT_EQ(too_long.error().message, "366 days is not allowed: must be 1 to 365 days");
  const auto t = app_->accounts().create_token(admin_, {"a year", 365});
  ASSERT_TRUE(t) << t.error().message;
  EXPECT_TRUE(app_->auth().token(t->secret));
  ASSERT_TRUE(app_->accounts().change_password(admin_, admin_.user_id,
                                               {kPassword, "a brand new passphrase"}));
  EXPECT_EQ(app_->auth().token(t->secret).error().message, "the API token was revoked");
  EXPECT_TRUE(app_->journal().verify()->ok);
}

TEST_F(Accounts, ExpiredSessionsAndThrottleRowsArePurged) {
  auto s = app_->auth().login({"admin@acme.example", kPassword, ""}, "127.0.0.1");
  ASSERT_TRUE(s);
  EXPECT_FALSE(app_->auth().login({"admin@acme.example", "wrong wrong wrong", ""}, "10.2.2.2"));
  const auto rows = [&] {
    std::int64_t n = 0;
    EXPECT_TRUE(store_->read([&](store::Tx& tx) -> Status {
      for (const char* table : {"sessions", "login_throttle"})
        n += store::sql_int(RL_TRY(tx.sql().query(std::string("SELECT count(*) FROM ") + table)).at(0).at(0));
      return {};
    }));
    return n;
  };
  EXPECT_GE(rows(), 3);  // the sessions, and the throttle rows of the failure
  clock_.advance(std::chrono::hours(13));
  ASSERT_TRUE(app_->auth().purge_expired(clock_.now()));
  EXPECT_EQ(rows(), 0);
}

// --- accounts shared by organizations (issue 11: cross-organization takeover) -------------------

class SharedAccounts : public Accounts {
 protected:
  // A second tenant, Beta, whose admin bob@beta.example is the account at stake.
  void SetUp() override {
    Accounts::SetUp();
    auto op = op_;
    op.org_id.clear();
    auto beta = app_->accounts().bootstrap(op, {"Beta Devices", "beta"},
                                           {"bob@beta.example", "Bob Beta", kPassword, Role::admin});
    ASSERT_TRUE(beta) << beta.error().message;
    beta_ = beta->organization.header.id;
    bob_ = beta->admin.header.id;
  }

  std::vector<JournalEntry> journal_of(const Id& org, const std::string& entity,
                                       const std::string& id) {
    std::vector<JournalEntry> out;
    EXPECT_TRUE(store_->read([&](store::Tx& tx) -> Status {
      out = RL_TRY(tx.journal_page({.org_id = org, .entity = entity, .entity_id = id, .limit = 100}));
      return {};
    }));
    return out;
  }

  Id beta_;
  Id bob_;
};

TEST_F(SharedAccounts, AddingAnAccountOfAnotherOrganizationInvitesIt) {
  const auto added =
      app_->accounts().add_member(admin_, {"bob@beta.example", "", "", Role::engineer});
  ASSERT_TRUE(added) << added.error().message;
  ASSERT_TRUE(added->invitation);
  EXPECT_EQ(added->invitation->status, InvitationStatus::pending);
  // Not a member yet: the admin can neither log bob in here nor touch the account.
  EXPECT_FALSE(app_->auth().login({"bob@beta.example", kPassword, "acme"}, "127.0.0.1"));
  EXPECT_EQ(app_->accounts().member(admin_, bob_).error().code, ErrorCode::not_found);
  const auto again = app_->accounts().add_member(admin_, {"bob@beta.example", "", "", Role::auditor});
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::conflict);
  // The invitation is journaled in the inviting organization.
  EXPECT_EQ(journal_of(org_, "invitation", added->invitation->header.id).size(), 1u);

  // Bob sees it while logged in (in Beta) and accepts: now a member of Acme with the role offered.
  const auto bob = login("bob@beta.example");
  const auto mine = app_->accounts().my_invitations(bob);
  ASSERT_TRUE(mine);
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_EQ(mine->front().organization.slug, "acme");
  // Nobody else can answer it.
  EXPECT_EQ(app_->accounts().respond_to_invitation(admin_, added->invitation->header.id, true)
                .error()
                .code,
            ErrorCode::not_found);
  const auto accepted = app_->accounts().respond_to_invitation(bob, added->invitation->header.id, true);
  ASSERT_TRUE(accepted) << accepted.error().message;
  EXPECT_EQ(accepted->status, InvitationStatus::accepted);
  const auto in_acme = app_->auth().login({"bob@beta.example", kPassword, "acme"}, "127.0.0.1");
  ASSERT_TRUE(in_acme) << in_acme.error().message;
  EXPECT_EQ(in_acme->principal.role, Role::engineer);
  EXPECT_TRUE(app_->accounts().my_invitations(bob)->empty());
}

TEST_F(SharedAccounts, DeclinedAndWithdrawnInvitationsAddNobody) {
  const auto first = app_->accounts().add_member(admin_, {"bob@beta.example", "", "", Role::engineer});
  ASSERT_TRUE(first && first->invitation);
  const auto bob = login("bob@beta.example");
  ASSERT_TRUE(app_->accounts().respond_to_invitation(bob, first->invitation->header.id, false));
  EXPECT_EQ(app_->accounts().respond_to_invitation(bob, first->invitation->header.id, true)
                .error()
                .code,
            ErrorCode::conflict);
  const auto second = app_->accounts().add_member(admin_, {"bob@beta.example", "", "", Role::engineer});
  ASSERT_TRUE(second && second->invitation);
  ASSERT_TRUE(app_->accounts().withdraw_invitation(admin_, second->invitation->header.id));
  EXPECT_EQ(app_->accounts().respond_to_invitation(bob, second->invitation->header.id, true)
                .error()
                .code,
            ErrorCode::conflict);
  EXPECT_FALSE(app_->auth().login({"bob@beta.example", kPassword, "acme"}, "127.0.0.1"));
}

TEST_F(SharedAccounts, AnAdminCannotTakeOverAnAccountOfAnotherOrganization) {
  const auto inv = app_->accounts().add_member(admin_, {"bob@beta.example", "", "", Role::engineer});
  ASSERT_TRUE(inv && inv->invitation);
  ASSERT_TRUE(app_->accounts().respond_to_invitation(login("bob@beta.example"),
                                                     inv->invitation->header.id, true));
  // Bob is now a member of both: Acme's admin may neither set his password nor disable him.
  const auto pw = app_->accounts().change_password(admin_, bob_, {"", "taken over passphrase"});
  ASSERT_FALSE(pw);
  EXPECT_EQ(pw.error().code, ErrorCode::forbidden);
  EXPECT_NE(pw.error().message.find("another organization"), std::string::npos);
  const auto off = app_->accounts().update_user(admin_, bob_, {"Bob Beta", UserStatus::disabled}, {});
  ASSERT_FALSE(off);
  EXPECT_EQ(off.error().code, ErrorCode::forbidden);
  EXPECT_TRUE(app_->auth().login({"bob@beta.example", kPassword, "beta"}, "127.0.0.1"));
  // An account of Acme alone stays Acme's to manage.
  const auto eng = member("eng@acme.example", Role::engineer);
  EXPECT_TRUE(app_->accounts().change_password(admin_, eng.user_id, {"", "a reset passphrase!"}));
}

TEST_F(SharedAccounts, AccountChangesAreJournaledInEachOrganizationWithTheMember) {
  const auto inv = app_->accounts().add_member(admin_, {"bob@beta.example", "", "", Role::engineer});
  ASSERT_TRUE(inv && inv->invitation);
  const auto bob = login("bob@beta.example");
  ASSERT_TRUE(app_->accounts().respond_to_invitation(bob, inv->invitation->header.id, true));
  ASSERT_TRUE(app_->accounts().update_user(bob, bob_, {"Robert Beta", UserStatus::active}, {}));
  for (const auto& org : {org_, beta_}) {
    const auto entries = journal_of(org, "user", bob_);
    ASSERT_FALSE(entries.empty()) << org;
    EXPECT_EQ(entries.back().op, "update");
    EXPECT_EQ(entries.back().actor, "user:" + bob_);
  }
  // A member acting through the CLI (--as) is named in the journal, not the operator's login.
  const auto as_admin = app_->auth().operator_principal("root", beta_, "bob@beta.example");
  ASSERT_TRUE(as_admin) << as_admin.error().message;
  EXPECT_EQ(as_admin->actor, "user:" + bob_);
  EXPECT_TRUE(app_->journal().verify()->ok);
}

}  // namespace
}  // namespace riskloop::testing
