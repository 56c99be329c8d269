// The message catalogue: the PO reader, and that every field of every declared record type has
// a label of its own or a shared one (a new record type without labels fails here), and that the
// Chinese catalogue translates every label and every text of the templates and the code.
#include "web/message_catalogue.hpp"

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>

#include <gtest/gtest.h>

#include "app/record_types.hpp"
#include "http/request_language.hpp"
#include "web/assets.hpp"
#include "web/labels.hpp"

namespace riskloop::web {
namespace {

TEST(MessageCatalogue, ReadsEntriesContinuationsAndEscapes) {
  const auto cat = MessageCatalogue::parse(R"po(
# a comment
msgid ""
msgstr ""
"Language: de\n"

msgctxt "product.name"
msgid "Name"
msgstr "Bezeichnung"

msgctxt "product.description.help"
msgid ""
"several "
"lines"
msgstr ""

msgctxt "quote"
msgid "say \"hi\"\tnow\\"
msgstr ""
)po");
  ASSERT_TRUE(cat) << cat.error().message;
  EXPECT_EQ(cat->size(), 3u);  // the header entry has no msgctxt and is not a text
  ASSERT_TRUE(cat->find("product.name"));
  EXPECT_EQ(*cat->find("product.name"), "Bezeichnung");  // translated: msgstr
  ASSERT_TRUE(cat->find("product.description.help"));
  EXPECT_EQ(*cat->find("product.description.help"), "several lines");  // not translated: msgid
  EXPECT_EQ(*cat->find("quote"), "say \"hi\"\tnow\\");
  EXPECT_EQ(cat->find("product"), nullptr);
}

TEST(MessageCatalogue, RejectsMalformedTextNamingTheLine) {
  const auto missing_str = MessageCatalogue::parse("msgctxt \"a\"\nmsgid \"A\"\n\nmsgctxt \"b\"\n");
  ASSERT_FALSE(missing_str);
  EXPECT_EQ(missing_str.error().location, "line 1");
  const auto unquoted = MessageCatalogue::parse("msgctxt \"a\"\nmsgid A\nmsgstr \"\"\n");
  ASSERT_FALSE(unquoted);
  EXPECT_EQ(unquoted.error().location, "line 2");
  const auto twice = MessageCatalogue::parse(
      "msgctxt \"a\"\nmsgid \"A\"\nmsgstr \"\"\nmsgctxt \"a\"\nmsgid \"B\"\nmsgstr \"\"\n");
  ASSERT_FALSE(twice);
  EXPECT_NE(twice.error().message.find("twice"), std::string::npos);
  EXPECT_FALSE(MessageCatalogue::parse("msgid \"x\\q\"\nmsgstr \"\"\n"));
  EXPECT_FALSE(MessageCatalogue::parse("label \"x\"\n"));
}

TEST(MessageCatalogue, EmbeddedCatalogueReads) {
  EXPECT_GT(messages().size(), 50u);
}

struct Fields {
  std::vector<std::string> names;
  template <class X>
  void operator()(std::string_view name, const X&, unsigned = 0) {
    names.emplace_back(name);
  }
};

TEST(MessageCatalogue, EveryFieldOfEveryDeclaredTypeHasALabel) {
  std::vector<std::string> missing;
  int types = 0;
  app::for_each_record_type([&]<class T>() {
    if constexpr (DeclaredRecord<T>) {
      ++types;
      Fields f;
      const T probe{};
      T::fields(f, probe);
      for (const auto& name : f.names)
        if (!has_field_label(T::entity, name)) missing.push_back(std::string(T::entity) + "." + name);
    }
  });
  EXPECT_GT(types, 0);
  EXPECT_TRUE(missing.empty()) << "add to po/en.po: " << ::testing::PrintToString(missing);
}

TEST(MessageCatalogue, LabelsAndHelpAreThoseOfTheRecordType) {
  // The hazard's examples are not the operational risk's.
  EXPECT_NE(field_help("hazard", "category").find("biological"), std::string::npos);
  const auto op = field_help("operational_risk", "category");
  EXPECT_EQ(op.find("biological"), std::string::npos);
  EXPECT_NE(op.find("supplier"), std::string::npos);
  // A type without an entry of its own gets the shared one; a field without any, its name.
  EXPECT_EQ(field_label("product", "description"), "Description");
  EXPECT_EQ(field_label("product", "no_such_field"), "No such field");
  EXPECT_EQ(field_hint("operational_risk", "likelihood").label, "Likelihood (1-5)");
  EXPECT_TRUE(field_hint("operational_risk", "treatment").multiline);
  // A form of no one record type sees no type's own help.
  EXPECT_EQ(field_help("", "category"), "");
}

}  // namespace
}  // namespace riskloop::web

// --- Languages: po/zh_CN.po translates every text a person reads in the web UI ---

namespace riskloop::web {
namespace {

std::vector<std::string> template_texts() {
  std::vector<std::string> out;
  for (const auto& t : embedded_templates()) {
    std::string_view rest = t.content;
    for (auto open = rest.find("{{#t}}"); open != std::string_view::npos;
         open = rest.find("{{#t}}")) {
      const auto close = rest.find("{{/t}}", open);
      EXPECT_NE(close, std::string_view::npos) << t.name << ": {{#t}} without {{/t}}";
      if (close == std::string_view::npos) break;
      out.emplace_back(rest.substr(open + 6, close - open - 6));
      rest.remove_prefix(close + 6);
    }
  }
  return out;
}

// The literals of tr("...") and N_("...") calls and the page titles of page(c, "template", "Title", ...) in
// src/web: the code's own page texts.
std::vector<std::string> code_texts() {
  std::vector<std::string> out;
  const std::regex call(
      R"re((?:\b(?:tr|trf|N_)\(|\bpage\(c, "[a-z_]+", )"((?:[^"\\]|\\.)*)")re");
  for (const auto& entry : std::filesystem::directory_iterator(RISKLOOP_WEB_SOURCE_DIR)) {
    std::ifstream in(entry.path());
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    for (std::sregex_iterator it(text.begin(), text.end(), call), end; it != end; ++it)
      out.push_back((*it)[1]);
  }
  return out;
}

}  // namespace

TEST(Languages, EveryCatalogueIsEmbeddedAndComplete) {
  for (const auto language : kLanguages) EXPECT_GT(messages(language).size(), 50u);
  EXPECT_EQ(messages(Language::zh_hans).untranslated(), std::vector<std::string>{})
      << "po/zh_CN.po has entries without a translation";
}

TEST(Languages, ChineseTranslatesEveryFieldLabelOfTheEnglishCatalogue) {
  const auto& zh = messages(Language::zh_hans);
  const auto& en = messages(Language::en);
  std::vector<std::string> missing;
  for (const auto& entry : en.contexts())
    if (!zh.find(entry)) missing.push_back(entry);
  EXPECT_EQ(missing, std::vector<std::string>{}) << "msgctxt missing from po/zh_CN.po";
}

TEST(Languages, ChineseTranslatesEveryTextOfEveryTemplateAndOfTheCode) {
  const auto texts = template_texts();
  ASSERT_GT(texts.size(), 300u);  // the templates mark their texts
  const auto code = code_texts();
  ASSERT_GT(code.size(), 15u);
  std::vector<std::string> missing;
  for (const auto& list : {texts, code})
    for (const auto& english : list)
      if (!messages(Language::zh_hans).translation(english)) missing.push_back(english);
  EXPECT_EQ(missing, std::vector<std::string>{}) << "texts missing from po/zh_CN.po";
}

TEST(Languages, TextsAndLabelsFollowTheRequestLanguage) {
  EXPECT_EQ(tr("Products"), "Products");
  EXPECT_EQ(field_label("supplier", "country"), "Country");
  {
    const http::LanguageScope chinese(Language::zh_hans);
    EXPECT_EQ(tr("Products"), "产品");
    EXPECT_EQ(tr("a text no catalogue has"), "a text no catalogue has");
    EXPECT_EQ(field_label("supplier", "country"), "国家");
    EXPECT_EQ(field_label("hazard", "category"), "类别");
    EXPECT_EQ(field_help("hazard", "category"), "例如：能量、生物学、化学、操作");
    EXPECT_EQ(field_label("anything", "no_such_field"), "No such field");
  }
  EXPECT_EQ(tr("Products"), "Products");
}

}  // namespace riskloop::web

namespace riskloop::web {
namespace {

// The English words of every record type's name and of every value of its choice fields.
struct ChoiceWords {
  std::set<std::string> out;
  template <class X>
  void operator()(std::string_view, const X&, unsigned = 0) {
    if constexpr (NamedEnum<X>)
      for (const auto name : EnumNames<X>::names) out.insert(english_words(name));
    else if constexpr (is_optional<X>::value)
      (*this)("", typename X::value_type{});
    else if constexpr (is_vector<X>::value)
      (*this)("", typename X::value_type{});
  }
  static std::string english_words(std::string_view name) {
    std::string s(name);
    for (auto& ch : s)
      if (ch == '_') ch = ' ';
    return s;
  }
};

TEST(Languages, ChineseTranslatesRecordNamesAndChoiceValues) {
  ChoiceWords words;
  app::for_each_record_type([&]<class T>() {
    words.out.insert(ChoiceWords::english_words(T::entity));
    const T probe{};
    T::fields(words, probe);
    if constexpr (DeclaredRecord<T>) {
      std::string plural(T::declaration.plural);
      plural[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(plural[0])));
      words.out.insert(plural);
    }
  });
  for (const auto name : EnumNames<Role>::names) words.out.insert(ChoiceWords::english_words(name));
  ASSERT_GT(words.out.size(), 60u);
  std::vector<std::string> missing;
  for (const auto& english : words.out)
    if (!messages(Language::zh_hans).translation(english)) missing.push_back(english);
  std::string list;
  for (const auto& m : missing) list += "\n  " + m;
  EXPECT_TRUE(missing.empty()) << "record names and choice values missing from po/zh_CN.po:" << list;
}

}  // namespace
}  // namespace riskloop::web
