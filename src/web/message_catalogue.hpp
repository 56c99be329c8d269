// A message catalogue in gettext PO format (po/<language>.po, embedded at build time): the labels
// and help texts of record fields keyed by msgctxt ("operational_risk.category"), ready for
// translators' tools. The reader covers what our catalogues use: comments, msgctxt, msgid,
// msgstr, strings continued over several lines, and the escapes \n \t \" \\.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace riskloop::web {

class MessageCatalogue {
 public:
  // Reads PO text; a malformed entry is a validation error located at "line N".
  [[nodiscard]] static Result<MessageCatalogue> parse(std::string_view po);

  // The text of the entry with this msgctxt (its msgstr, or its msgid when not translated), or
  // nullptr when there is none.
  const std::string* find(std::string_view context) const;

  std::size_t size() const { return texts_.size(); }

 private:
  std::map<std::string, std::string, std::less<>> texts_;
};

// The English catalogue embedded in the binary (po/en.po). A broken embedded file is a build
// mistake: it throws std::logic_error on first use, which the tests catch.
const MessageCatalogue& messages();

// The label of `field` of record type `entity`: the type's own entry, else the shared entry of
// that field name, else the name in words ("due_date" -> "Due date").
std::string field_label(std::string_view entity, std::string_view field);
// The help text of the field, by the same rule; "" when there is none.
std::string field_help(std::string_view entity, std::string_view field);
// True when the catalogue has a label for the field (its own or a shared one).
bool has_field_label(std::string_view entity, std::string_view field);
// Another text of a record type's pages ("<entity>.<name>"), or "" when there is none.
std::string entity_text(std::string_view entity, std::string_view name);

}  // namespace riskloop::web
