// Message catalogues in gettext PO format (po/<language>.po, embedded at build time), ready for
// translators' tools: the labels and help texts of record fields keyed by msgctxt
// ("operational_risk.category"), and the texts of pages keyed by their English msgid (no msgctxt):
// "{{#t}}Products{{/t}}" in a template, tr("Products") in code. English is the source language:
// po/en.po holds the field labels; a page text's English is its msgid. po/zh_CN.po translates both. The reader covers what our catalogues use: comments, msgctxt, msgid,
// msgstr, strings continued over several lines, and the escapes \n \t \" \\.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <initializer_list>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "core/language.hpp"

namespace riskloop::web {

class MessageCatalogue {
 public:
  // Reads PO text; a malformed entry is a validation error located at "line N".
  [[nodiscard]] static Result<MessageCatalogue> parse(std::string_view po);

  // The text of the entry with this msgctxt (its msgstr, or its msgid when not translated), or
  // nullptr when there is none.
  const std::string* find(std::string_view context) const;
  // The translation of the entry without msgctxt whose msgid is `english`, or nullptr when there
  // is none or its msgstr is empty.
  const std::string* translation(std::string_view english) const;

  std::size_t size() const { return texts_.size() + translations_.size(); }
  // The msgctxt (or, without one, the msgid) of every entry whose msgstr is empty.
  const std::vector<std::string>& untranslated() const { return untranslated_; }
  // The msgctxt of every entry that has one, in key order.
  std::vector<std::string> contexts() const;
  // The msgids of the entries without msgctxt, in file order.
  const std::vector<std::string>& page_texts() const { return page_texts_; }

 private:
  std::map<std::string, std::string, std::less<>> texts_;
  std::map<std::string, std::string, std::less<>> translations_;
  std::vector<std::string> untranslated_;
  std::vector<std::string> page_texts_;
};

// The catalogue of `language` embedded in the binary (po/en.po, po/zh_CN.po). A broken embedded
// file is a build mistake: it throws std::logic_error on first use, which the tests catch.
const MessageCatalogue& messages(Language language);
// The catalogue of the request's language (http::request_language()).
const MessageCatalogue& messages();

// `english`, a text of a page, in the request's language: its translation in that language's
// catalogue, else the English text itself.
std::string tr(std::string_view english);
std::string tr(Language language, std::string_view english);

// A sentence around values: `english` with {name} placeholders ("{count} {records} match the
// filters") is translated as a whole (a translation may move the placeholders), then each
// {name} is replaced by its value; the first letter of the result is capitalized (which changes
// nothing in Chinese). Choose the English text by number where English needs it.
std::string trf(std::string_view english,
                std::initializer_list<std::pair<std::string_view, std::string>> values);

// Marks a page text kept in a table for tr() later (gettext's N_): the catalogue test finds it.
constexpr std::string_view N_(std::string_view english) { return english; }

// The label of `field` of record type `entity` in the request's language: the type's own entry,
// else the shared entry of that field name (the language's, else the English one), else the name
// in words ("due_date" -> "Due date").
std::string field_label(std::string_view entity, std::string_view field);
// The help text of the field, by the same rule; "" when there is none.
std::string field_help(std::string_view entity, std::string_view field);
// True when the catalogue has a label for the field (its own or a shared one).
bool has_field_label(std::string_view entity, std::string_view field);
// Another text of a record type's pages ("<entity>.<name>"), or "" when there is none.
std::string entity_text(std::string_view entity, std::string_view name);

}  // namespace riskloop::web
