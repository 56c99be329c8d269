// Newest-first journal windows and entry display.
#include "web/journal_view.hpp"

#include <deque>
#include <set>

#include <nlohmann/json.hpp>

#include "app/record_types.hpp"
#include "web/labels.hpp"

namespace riskloop::web {

Result<std::vector<JournalEntry>> newest_entries(Call& c, app::JournalFilter filter,
                                                 std::int64_t before, std::size_t n) {
  auto& journal = c.app().journal();
  if (before <= 0) {
    // The highest seq: grow a bound until nothing follows it, then narrow down.
    std::int64_t lo = 0, hi = 1024;
    for (;;) {
      filter.after_seq = hi;
      filter.limit = 1;
      if (RL_TRY(journal.page(c.principal, filter)).empty()) break;
      lo = hi;
      hi *= 4;
    }
    while (lo + 1 < hi) {
      const auto mid = lo + (hi - lo) / 2;
      filter.after_seq = mid;
      filter.limit = 1;
      if (RL_TRY(journal.page(c.principal, filter)).empty()) hi = mid; else lo = mid;
    }
    before = hi + 1;
  }
  // Widen a window below `before` until it holds n entries (or reaches the start).
  std::deque<JournalEntry> window;
  for (std::int64_t width = static_cast<std::int64_t>(n) * 2;; width *= 4) {
    window.clear();
    std::int64_t after = std::max<std::int64_t>(0, before - 1 - width);
    const bool from_start = after == 0;
    for (;;) {
      filter.after_seq = after;
      filter.limit = 500;
      const auto page = RL_TRY(journal.page(c.principal, filter));
      bool done = page.empty();
      for (const auto& e : page) {
        if (e.seq >= before) {
          done = true;
          break;
        }
        window.push_back(e);
        if (window.size() > n) window.pop_front();
        after = e.seq;
      }
      if (done || page.size() < 500) break;
    }
    if (window.size() >= n || from_start) break;
  }
  return std::vector<JournalEntry>(window.rbegin(), window.rend());
}

namespace {

constexpr std::size_t kNameChars = 80;  // longer names are cut at a character boundary, with "…"

std::string shortened(std::string text, std::size_t limit) {
  if (text.size() <= limit) return text;
  std::size_t cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "…";
}

std::string value_text(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_null()) return "(empty)";
  if (v.is_boolean()) return v.get<bool>() ? "yes" : "no";
  return v.dump();
}

// Collects "record_type/field" of the fields of one record type that hold an enumeration.
struct EnumFieldCollector {
  std::string_view entity;
  std::set<std::string, std::less<>>& out;
  template <class X>
  void operator()(std::string_view name, const X&, unsigned = 0) {
    using V = typename std::conditional_t<is_optional<X>::value, X, std::optional<X>>::value_type;
    if constexpr (NamedEnum<V>) out.insert(std::string(entity) + "/" + std::string(name));
  }
};

// Fields shown as words ("normal use"), not as the stored name ("normal_use").
const std::set<std::string, std::less<>>& enum_fields() {
  static const auto fields = [] {
    std::set<std::string, std::less<>> out;
    app::for_each_record_type([&]<class T>() {
      EnumFieldCollector collect{T::entity, out};
      const T probe{};
      visit_record<T>(collect, probe);
    });
    return out;
  }();
  return fields;
}

std::string field_value_text(std::string_view entity, const std::string& field,
                             const nlohmann::json& v) {
  if (v.is_string() && enum_fields().contains(std::string(entity) + "/" + field))
    return words(v.get<std::string>());
  return value_text(v);
}

bool is_header_field(const std::string& key) {
  return key == "id" || key == "org_id" || key == "version" || key == "created_at" ||
         key == "updated_at";
}

// Fields that point at another record, and that record's type.
constexpr std::pair<std::string_view, std::string_view> kReferences[] = {
    {"situation_harm_id", "situation_harm"}, {"control_id", "risk_control"},
    {"hazard_id", "hazard"},                 {"situation_id", "hazardous_situation"},
    {"harm_id", "harm"},                     {"user_id", "user"},
};

}  // namespace

EntryReader::EntryReader(Call& c) : c_(c) {
  if (auto members = c.app().accounts().members(c.principal, {.limit = 500}))
    for (const auto& m : *members)
      actors_.emplace("user:" + m.user.header.id,
                      m.user.display_name.empty() ? m.user.email : m.user.display_name);
}

const std::vector<JournalEntry>& EntryReader::history(const std::string& entity,
                                                      const std::string& id) {
  const auto key = std::pair{entity, id};
  if (const auto it = histories_.find(key); it != histories_.end()) return it->second;
  std::vector<JournalEntry> all;
  app::JournalFilter filter{.entity = entity, .entity_id = id, .limit = 500};
  for (;;) {
    auto page = c_.app().journal().page(c_.principal, filter);
    if (!page || page->empty()) break;
    all.insert(all.end(), page->begin(), page->end());
    if (page->size() < 500) break;
    filter.after_seq = page->back().seq;
  }
  return histories_.emplace(key, std::move(all)).first->second;
}

std::string EntryReader::name_of(std::string_view entity, const std::string& id, int depth) {
  const auto& entries = history(std::string(entity), id);
  for (auto it = entries.rbegin(); it != entries.rend(); ++it) {
    if (it->op == "delete") continue;
    return name_from(entity, nlohmann::json::parse(it->payload, nullptr, false), depth);
  }
  return {};
}

std::string EntryReader::record_name(std::string_view entity, const std::string& id) {
  return name_of(entity, id, 0);
}

std::string EntryReader::current_ref(std::string_view entity, const std::string& id) {
  const auto key = std::pair{std::string(entity), id};
  if (const auto it = refs_.find(key); it != refs_.end()) return it->second;
  std::string ref;
  const auto read = [&](auto& service) {
    if (const auto item = service.get(c_.principal, id)) ref = item->ref;
  };
  auto& app = c_.app();
  if (entity == risk::Hazard::entity)
    read(app.hazards());
  else if (entity == risk::HazardousSituation::entity)
    read(app.situations());
  else if (entity == risk::Harm::entity)
    read(app.harms());
  else if (entity == risk::SituationHarm::entity)
    read(app.situation_harms());
  else if (entity == risk::RiskControl::entity)
    read(app.controls());
  return refs_.emplace(key, ref).first->second;
}

std::string EntryReader::name_from(std::string_view entity, const nlohmann::json& payload,
                                   int depth) {
  if (!payload.is_object()) return {};
  // A risk file item's ref first ("H-001 Electrical energy"). Items older than refs have theirs in
  // the journal from their next change on; until then it is read from the item as stored.
  std::string ref;
  if (const auto f = payload.find("ref"); f != payload.end() && f->is_string())
    ref = f->get<std::string>();
  else if (const auto id = payload.find("id"); id != payload.end() && id->is_string())
    if (payload.contains("risk_file_id")) ref = current_ref(entity, id->get<std::string>());
  const auto with_ref = [&](std::string name) {
    return ref.empty() ? name : name.empty() ? ref : ref + " " + name;
  };
  for (const char* key : {"title", "name", "display_name", "email", "printed_name"})
    if (const auto f = payload.find(key); f != payload.end() && f->is_string() && !f->empty())
      return with_ref(shortened(f->get<std::string>(), kNameChars));
  // A record joining others is named by them: "situation → harm", "control · risk".
  std::vector<std::string> parts;
  if (depth < 2)
    for (const auto& [field, target] : kReferences)
      if (const auto f = payload.find(field); f != payload.end() && f->is_string() && !f->empty())
        if (auto name = name_of(target, f->get<std::string>(), depth + 1); !name.empty())
          parts.push_back(std::move(name));
  std::string out;
  const std::string_view joint = entity == "situation_harm" ? " → " : " · ";
  for (const auto& p : parts) out += (out.empty() ? "" : std::string(joint)) + p;
  // Decisions and reviews: their stage, outcome or status.
  for (const char* key : {"stage", "outcome", "status", "conclusion"})
    if (const auto f = payload.find(key); f != payload.end() && f->is_string() && !f->empty())
      out += (out.empty() ? "" : ": ") + shortened(words(f->get<std::string>()), kNameChars);
  return with_ref(out);
}

List changed_fields(std::string_view entity, const nlohmann::json& before,
                    const nlohmann::json& payload, std::size_t max_chars) {
  const auto text = [&](const std::string& field, const nlohmann::json& v) {
    auto t = field_value_text(entity, field, v);
    return max_chars ? shortened(std::move(t), max_chars) : t;
  };
  List changes;
  if (!payload.is_object()) return changes;
  for (auto it = payload.begin(); it != payload.end(); ++it) {
    if (is_header_field(it.key())) continue;
    const auto old = before.is_object() ? before.find(it.key()) : before.end();
    const bool has_old = before.is_object() && old != before.end();
    if (has_old && *old == it.value()) continue;
    Data ch;
    const auto hint = field_hint(entity, it.key());
    ch.set("field", hint.label.empty() ? words(it.key()) : hint.label);
    ch.set("old", has_old ? text(it.key(), *old) : std::string());
    ch.set("has_old", flag(has_old));
    ch.set("new", text(it.key(), it.value()));
    changes.push_back(ch);
  }
  return changes;
}

Data EntryReader::entry(const JournalEntry& e) {
  Data d;
  d.set("seq", std::to_string(e.seq));
  d.set("at", display_time(e.at));
  const auto actor = actors_.find(e.actor);
  d.set("actor", actor == actors_.end() ? e.actor : actor->second);
  d.set("entity", words(e.entity));
  d.set("entity_name", e.entity);
  d.set("entity_id", e.entity_id);
  d.set("short_id", e.entity_id.substr(0, 8) + "…");
  d.set("op", e.op);
  d.set("op_badge", std::string(e.op == "create" ? "ok" : e.op == "delete" ? "bad" : "neutral"));
  const auto payload = nlohmann::json::parse(e.payload, nullptr, false);
  d.set("summary", name_from(e.entity, payload, 0));
  d.set("history_url", "/journal/" + e.entity + "/" + e.entity_id);
  // An update says what it changed, against the record's entry before it.
  List changes;
  if (e.op == "update") {
    const JournalEntry* before = nullptr;
    for (const auto& h : history(e.entity, e.entity_id))
      if (h.seq < e.seq) before = &h;
    if (before)
      changes = changed_fields(e.entity, nlohmann::json::parse(before->payload, nullptr, false),
                               payload, kNameChars);
  }
  d.set("changes", changes);
  d.set("has_changes", flag(!changes.empty()));
  return d;
}

}  // namespace riskloop::web
