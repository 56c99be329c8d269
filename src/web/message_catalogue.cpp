// Reading gettext PO catalogues, and the field labels and help texts looked up in them.
#include "web/message_catalogue.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <stdexcept>

#include "http/request_language.hpp"
#include "web/assets.hpp"

namespace riskloop::web {
namespace {

tl::unexpected<Error> po_error(std::size_t line, const std::string& message) {
  return fail(ErrorCode::validation, message, "line " + std::to_string(line));
}

// The contents of a quoted PO string starting at text[0] == '"'.
Result<std::string> unquote(std::string_view text, std::size_t line) {
  if (text.size() < 2 || text.front() != '"' || text.back() != '"')
    return po_error(line, "expected a string in double quotes");
  std::string out;
  for (std::size_t i = 1; i + 1 < text.size(); ++i) {
    char ch = text[i];
    if (ch == '"') return po_error(line, "unescaped \" inside a string");
    if (ch == '\\') {
      if (i + 2 >= text.size()) return po_error(line, "string ends with a lone \\");
      switch (text[++i]) {
        case 'n': ch = '\n'; break;
        case 't': ch = '\t'; break;
        case '"': ch = '"'; break;
        case '\\': ch = '\\'; break;
        default: return po_error(line, std::string("unknown escape \\") + text[i]);
      }
    }
    out.push_back(ch);
  }
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::string in_words(std::string_view field) {
  std::string out(field);
  for (auto& c : out)
    if (c == '_') c = ' ';
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

std::string key(std::string_view entity, std::string_view field, std::string_view suffix = {}) {
  std::string k;
  if (!entity.empty()) k.append(entity).push_back('.');
  k.append(field);
  k.append(suffix);
  return k;
}

const std::string* own_or_shared(const MessageCatalogue& catalogue, std::string_view entity,
                                 std::string_view field, std::string_view suffix) {
  if (!entity.empty())
    if (const auto* t = catalogue.find(key(entity, field, suffix))) return t;
  return catalogue.find(key({}, field, suffix));
}

// The request language's entry, else the English one (a catalogue still being translated).
const std::string* own_or_shared(std::string_view entity, std::string_view field,
                                 std::string_view suffix) {
  if (const auto* t = own_or_shared(messages(), entity, field, suffix)) return t;
  return own_or_shared(messages(Language::en), entity, field, suffix);
}

}  // namespace

Result<MessageCatalogue> MessageCatalogue::parse(std::string_view po) {
  MessageCatalogue out;
  enum class Part { none, ctxt, id, str };
  struct Entry {
    bool has_ctxt = false, has_id = false, has_str = false;
    std::string ctxt, id, str;
    std::size_t line = 0;
  } e;
  Part part = Part::none;
  const auto finish = [&]() -> Status {
    if (!e.has_id && !e.has_ctxt && !e.has_str) return {};
    if (!e.has_id || !e.has_str) return po_error(e.line, "an entry needs msgid and msgstr");
    if (e.has_ctxt) {
      // Untranslated entries show their msgid (the English text).
      if (!out.texts_.emplace(e.ctxt, e.str.empty() ? e.id : e.str).second)
        return po_error(e.line, "msgctxt \"" + e.ctxt + "\" appears twice");
      if (e.str.empty()) out.untranslated_.push_back(e.ctxt);
    } else if (!e.id.empty()) {  // the header entry has an empty msgid
      if (!out.translations_.emplace(e.id, e.str).second)
        return po_error(e.line, "msgid \"" + e.id + "\" appears twice");
      out.page_texts_.push_back(e.id);
      if (e.str.empty()) out.untranslated_.push_back(e.id);
    }
    e = {};
    part = Part::none;
    return {};
  };
  std::size_t line_no = 0;
  while (!po.empty()) {
    ++line_no;
    const auto nl = po.find('\n');
    const auto line = trim(po.substr(0, nl));
    po = nl == std::string_view::npos ? std::string_view{} : po.substr(nl + 1);
    if (line.empty() || line.front() == '#') continue;
    if (line.front() == '"') {  // continues the previous keyword's string
      const auto more = RL_TRY(unquote(line, line_no));
      switch (part) {
        case Part::ctxt: e.ctxt += more; break;
        case Part::id: e.id += more; break;
        case Part::str: e.str += more; break;
        case Part::none: return po_error(line_no, "a string without msgctxt, msgid or msgstr");
      }
      continue;
    }
    const auto space = line.find_first_of(" \t");
    const auto keyword = line.substr(0, space);
    const auto value = space == std::string_view::npos ? std::string_view{} : trim(line.substr(space));
    if (keyword == "msgctxt") {
      RL_CHECK(finish());
      e.line = line_no;
      e.has_ctxt = true;
      e.ctxt = RL_TRY(unquote(value, line_no));
      part = Part::ctxt;
    } else if (keyword == "msgid") {
      if (e.has_id || e.has_str) RL_CHECK(finish());
      if (!e.has_ctxt) e.line = line_no;
      if (e.has_id) return po_error(line_no, "msgid appears twice in one entry");
      e.has_id = true;
      e.id = RL_TRY(unquote(value, line_no));
      part = Part::id;
    } else if (keyword == "msgstr") {
      if (!e.has_id) return po_error(line_no, "msgstr without msgid");
      if (e.has_str) return po_error(line_no, "msgstr appears twice in one entry");
      e.has_str = true;
      e.str = RL_TRY(unquote(value, line_no));
      part = Part::str;
    } else {
      return po_error(line_no, "\"" + std::string(keyword) +
                                   "\" is not msgctxt, msgid, msgstr, a comment or a string");
    }
  }
  RL_CHECK(finish());
  return out;
}

const std::string* MessageCatalogue::find(std::string_view context) const {
  const auto it = texts_.find(context);
  return it == texts_.end() ? nullptr : &it->second;
}

const std::string* MessageCatalogue::translation(std::string_view english) const {
  const auto it = translations_.find(english);
  return it == translations_.end() || it->second.empty() ? nullptr : &it->second;
}

std::vector<std::string> MessageCatalogue::contexts() const {
  std::vector<std::string> out;
  for (const auto& [context, text] : texts_) out.push_back(context);
  return out;
}

const MessageCatalogue& messages(Language language) {
  static const std::array<MessageCatalogue, kLanguages.size()> catalogues = [] {
    std::array<MessageCatalogue, kLanguages.size()> out;
    for (const auto l : kLanguages) {
      const auto name = catalogue_file(l);
      const auto files = embedded_catalogues();
      const auto file = std::find_if(files.begin(), files.end(),
                                      [&](const auto& f) { return f.name == name; });
      if (file == files.end())
        throw std::logic_error("po/" + std::string(name) + " is not embedded");
      auto parsed = MessageCatalogue::parse(file->content);
      if (!parsed)
        throw std::logic_error("po/" + std::string(name) + ", " + parsed.error().location +
                               ": " + parsed.error().message);
      out[static_cast<std::size_t>(l)] = std::move(*parsed);
    }
    return out;
  }();
  return catalogues[static_cast<std::size_t>(language)];
}

const MessageCatalogue& messages() { return messages(http::request_language()); }

std::string tr(Language language, std::string_view english) {
  if (const auto* t = messages(language).translation(english)) return *t;
  return std::string(english);
}

std::string tr(std::string_view english) { return tr(http::request_language(), english); }

std::string trf(std::string_view english,
                std::initializer_list<std::pair<std::string_view, std::string>> values) {
  std::string out = tr(english);
  for (const auto& [name, value] : values) {
    const std::string placeholder = "{" + std::string(name) + "}";
    for (auto at = out.find(placeholder); at != std::string::npos;
         at = out.find(placeholder, at + value.size()))
      out.replace(at, placeholder.size(), value);
  }
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 'a' + 'A');
  return out;
}

std::string field_label(std::string_view entity, std::string_view field) {
  if (const auto* t = own_or_shared(entity, field, {})) return *t;
  return in_words(field);
}

std::string field_help(std::string_view entity, std::string_view field) {
  if (const auto* t = own_or_shared(entity, field, ".help")) return *t;
  return {};
}

bool has_field_label(std::string_view entity, std::string_view field) {
  return own_or_shared(entity, field, {}) != nullptr;
}

std::string entity_text(std::string_view entity, std::string_view name) {
  if (const auto* t = messages().find(key(entity, name))) return *t;
  if (const auto* t = messages(Language::en).find(key(entity, name))) return *t;
  return {};
}

}  // namespace riskloop::web
