// Newest-first journal windows and entry display.
#include "web/journal_view.hpp"

#include <deque>

#include <nlohmann/json.hpp>

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

std::map<std::string, std::string> actor_names(Call& c) {
  std::map<std::string, std::string> out;
  if (auto members = c.app().accounts().members(c.principal, {.limit = 500}))
    for (const auto& m : *members)
      out.emplace("user:" + m.user.header.id,
                  m.user.display_name.empty() ? m.user.email : m.user.display_name);
  return out;
}

Data entry_data(const JournalEntry& e, const std::map<std::string, std::string>& names) {
  Data d;
  d.set("seq", std::to_string(e.seq));
  d.set("at", display_time(e.at));
  const auto it = names.find(e.actor);
  d.set("actor", it == names.end() ? e.actor : it->second);
  d.set("entity", words(e.entity));
  d.set("entity_name", e.entity);
  d.set("entity_id", e.entity_id);
  d.set("op", e.op);
  d.set("op_badge", std::string(e.op == "create" ? "ok" : e.op == "delete" ? "bad" : "neutral"));
  // A readable name for the record: its title, name or e-mail when the payload has one.
  std::string summary;
  const auto payload = nlohmann::json::parse(e.payload, nullptr, false);
  if (payload.is_object())
    for (const char* key : {"title", "name", "email", "printed_name", "signed_entity"})
      if (const auto f = payload.find(key); f != payload.end() && f->is_string()) {
        summary = f->get<std::string>();
        break;
      }
  d.set("summary", summary);
  d.set("history_url", "/journal/" + e.entity + "/" + e.entity_id);
  return d;
}

}  // namespace riskloop::web
