// Pages in the reader's language: the browser's Accept-Language decides until the user chooses a
// language of their own (kept on their account, journaled); a choice that is not one of ours is
// refused naming the field.
#include <gtest/gtest.h>

#include "tests/integration/http_fixture.hpp"
#include "web/web_routes.hpp"

namespace riskloop::testing {
namespace {

// On SQLite, and on PostgreSQL when RISKLOOP_TEST_POSTGRES_URL names a server: the choice is a
// column of users (migration 013) on both.
class HttpLanguage : public OnEveryEngine<HttpTest> {
 protected:
  void SetUp() override {
    if (without_server()) GTEST_SKIP() << "RISKLOOP_TEST_POSTGRES_URL is not set (make test sets it)";
    HttpTest::SetUp();
    auto options = default_options();
    options.extra_routes = web::add_web_routes;
    restart(options);
    session_ = login("admin@a.example", "org-a");
    me_ = session_.body["user"]["id"].get<std::string>();
  }

  HttpResponse dashboard(const std::string& accept_language = {}) {
    auto headers = with_cookie(session_, false);
    if (!accept_language.empty()) headers.emplace_back("Accept-Language", accept_language);
    return client().get("/dashboard", headers);
  }

  Session session_;
  std::string me_;
};

TEST_P(HttpLanguage, TheBrowserDecidesUntilTheUserChooses) {
  const auto english = dashboard();
  ASSERT_EQ(english.status, 200);
  EXPECT_NE(english.body.find("<html lang=\"en\">"), std::string::npos);
  EXPECT_NE(english.body.find(">Dashboard</h1>"), std::string::npos);

  const auto chinese = dashboard("zh-CN,zh;q=0.9,en;q=0.8");
  ASSERT_EQ(chinese.status, 200);
  EXPECT_NE(chinese.body.find("<html lang=\"zh-CN\">"), std::string::npos);
  EXPECT_NE(chinese.body.find(">工作台</h1>"), std::string::npos);
  EXPECT_NE(chinese.body.find("<title>工作台 · riskloop</title>"), std::string::npos);
  EXPECT_EQ(chinese.body.find(">Dashboard</h1>"), std::string::npos);
  EXPECT_EQ(chinese.body.find("{{"), std::string::npos);

  // German is not ours: English.
  EXPECT_NE(dashboard("de-DE,de;q=0.9").body.find("<html lang=\"en\">"), std::string::npos);
}

TEST_P(HttpLanguage, TheUsersChoiceOutranksTheBrowserAndIsJournaled) {
  auto c = client();
  const auto before = journal_count();
  auto member = c.get("/api/v1/users/" + me_, with_cookie(session_));
  ASSERT_EQ(member.status, 200) << member.body;
  const auto version = member.json()["version"].get<std::int64_t>();
  auto changed = c.request("PATCH", "/api/v1/users/" + me_, R"({"language":"zh-CN"})",
                           with_cookie(session_) + if_match(version));
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(changed.json()["language"], "zh-CN");
  EXPECT_EQ(journal_count(), before + 1);

  EXPECT_NE(dashboard().body.find("<html lang=\"zh-CN\">"), std::string::npos);
  EXPECT_NE(dashboard("en-US").body.find(">工作台</h1>"), std::string::npos);

  // Back to the browser's choice with the page's language menu (a form).
  auto form = c.request("POST", "/account/language",
                        "_csrf=" + session_.csrf + "&language=&return_to=%2Fproducts",
                        {{"Cookie", session_.cookie},
                         {"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(form.status, 303) << form.body;
  EXPECT_EQ(form.header("Location"), "/products");
  EXPECT_NE(dashboard("en-US").body.find(">Dashboard</h1>"), std::string::npos);
  EXPECT_EQ(journal_count(), before + 2);
}

TEST_P(HttpLanguage, ALanguageWeDoNotHaveIsRefusedNamingTheField) {
  auto c = client();
  const auto version = c.get("/api/v1/users/" + me_, with_cookie(session_)).json()["version"];
  const auto refused = c.request("PATCH", "/api/v1/users/" + me_, R"({"language":"de"})",
                                 with_cookie(session_) + if_match(version.get<std::int64_t>()));
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_NE(refused.body.find("/language"), std::string::npos) << refused.body;
  EXPECT_NE(refused.body.find("\\\"de\\\" is not a language of riskloop"), std::string::npos)
      << refused.body;

  // The form refuses it too, and a return address elsewhere is not followed.
  auto form = c.request("POST", "/account/language",
                        "_csrf=" + session_.csrf + "&language=fr&return_to=%2F%2Fevil.example",
                        {{"Cookie", session_.cookie},
                         {"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(form.status, 422) << form.body;
  auto ok = c.request("POST", "/account/language",
                      "_csrf=" + session_.csrf + "&language=zh-CN&return_to=%2F%2Fevil.example",
                      {{"Cookie", session_.cookie},
                       {"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(ok.status, 303);
  EXPECT_EQ(ok.header("Location"), "/dashboard");
}

INSTANTIATE_TEST_SUITE_P(Engines, HttpLanguage, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace riskloop::testing
