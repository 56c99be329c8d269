// Templates are parsed once: every embedded template parses (start-up would refuse otherwise),
// and rendering from the parsed-once trees gives byte for byte what parsing at every render gave,
// alone and as a page inside the layout.
#include <gtest/gtest.h>

#include "http/request_language.hpp"
#include "tests/integration/reparse_renderer.hpp"

namespace riskloop::testing {
namespace {

// Data that opens some sections and fills common names, so partials inside sections render too.
web::Data sample_data() {
  web::Data d;
  d.set("csrf", "csrf-token-1");
  d.set("title", "A <title> & more");
  d.set("email", "someone@example.org");
  d.set("error", "something went wrong");
  d.set("user_name", "Ann");
  d.set("several_orgs", web::flag(true));
  web::List items;
  for (int i = 0; i < 3; ++i) {
    web::Data item;
    item.set("id", "id-" + std::to_string(i));
    item.set("title", "Item " + std::to_string(i));
    item.set("csrf", "csrf-token-1");
    items.push_back(item);
  }
  d.set("items", items);
  d.set("rows", items);
  d.set("fields", items);
  return d;
}

TEST(WebTemplates, EveryEmbeddedTemplateParses) {
  const auto checked = web::check_templates();
  EXPECT_TRUE(checked) << checked.error().message;
  EXPECT_GT(web::embedded_templates().size(), 20u);
}

TEST(WebTemplates, ParsedOnceRendersExactlyWhatParsingEachTimeRendered) {
  for (const auto& data : {web::Data(web::Data::type::object), sample_data()}) {
    for (const auto& t : web::embedded_templates()) {
      const std::string name(t.name);
      EXPECT_EQ(web::render_template(name, data), render_reparsing(name, data)) << name;
      if (name == "layout") continue;
      EXPECT_EQ(web::render_in_layout(name, data), render_page_reparsing(name, data)) << name;
    }
  }
}

TEST(WebTemplates, PartialsAreWrittenInPlace) {
  web::Data d;
  d.set("csrf", "tok-<1>");
  // admin_users includes csrf_field: its hidden input, escaped, is in the output.
  const auto html = web::render_template("admin_users", d);
  EXPECT_NE(html.find("name=\"_csrf\""), std::string::npos) << html;
  EXPECT_EQ(html.find("{{"), std::string::npos) << "no tag is left unrendered";
}

TEST(WebTemplates, EachLanguageHasItsOwnTranslatedTemplates) {
  web::Data d;
  d.set("user_name", "Ann");
  const auto english = web::render_in_layout("dashboard", d);
  EXPECT_NE(english.find("<h1>Dashboard</h1>"), std::string::npos);
  EXPECT_NE(english.find(">Products</a>"), std::string::npos);
  const http::LanguageScope chinese(Language::zh_hans);
  const auto page = web::render_in_layout("dashboard", d);
  EXPECT_NE(page.find("<h1>工作台</h1>"), std::string::npos);
  EXPECT_NE(page.find(">产品</a>"), std::string::npos);
  EXPECT_EQ(page.find("{{"), std::string::npos) << "no tag is left unrendered";
  EXPECT_EQ(page.find("Dashboard"), std::string::npos);
}

TEST(WebTemplates, AnUnknownTemplateIsAProgrammingError) {
  EXPECT_THROW(web::render_template("no_such_template", {}), std::logic_error);
  EXPECT_THROW(web::render_in_layout("no_such_template", {}), std::logic_error);
}

}  // namespace
}  // namespace riskloop::testing
