// The message catalogue: the PO reader, and that every field of every declared record type has
// a label of its own or a shared one (a new record type without labels fails here).
#include "web/message_catalogue.hpp"

#include <gtest/gtest.h>

#include "app/record_types.hpp"
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
