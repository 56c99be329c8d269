// The journal viewer (filter by record type, user and date; newest first) and the audit view of
// one record: every version with who, when and a field-level diff against the version before.
#include <nlohmann/json.hpp>

#include "app/record_types.hpp"
#include "web/journal_view.hpp"
#include "web/labels.hpp"
#include "web/page.hpp"
#include "web/screen_routes.hpp"

namespace riskloop::web {
namespace {

constexpr std::size_t kPage = 50;

// {value, label, selected} for the "about" filter: the organization's products and risk files.
List subject_options(Call& c, const std::string& selected) {
  List out;
  const auto add = [&](const std::string& id, std::string label) {
    Data o;
    o.set("value", id);
    o.set("label", std::move(label));
    o.set("selected", flag(id == selected));
    out.push_back(o);
  };
  if (auto products = c.app().products().list(c.principal, {.limit = 500}))
    for (const auto& p : *products) add(p.header.id, "Product: " + p.name);
  if (auto files = c.app().files().list(c.principal, {.limit = 500}))
    for (const auto& f : *files) add(f.header.id, "Risk file: " + f.title);
  return out;
}

Response journal_page(Call& c) {
  auto d = base_data(c, "journal");
  app::JournalFilter filter;
  filter.entity = query(c, "entity");
  filter.refers_to = query(c, "about");
  const auto user = query(c, "user");
  if (!user.empty()) filter.actor = "user:" + user;
  const auto from = query(c, "from");
  const auto to = query(c, "to");
  std::int64_t before = 0;
  if (const auto b = query(c, "before"); !b.empty()) before = std::atoll(b.c_str());
  EntryReader reader(c);
  // Dates filter the window of entries read (UTC days, inclusive).
  const auto entries = RL_WEB_TRY(c, newest_entries(c, filter, before, kPage));
  List rows;
  std::int64_t oldest = 0;
  for (const auto& e : entries) {
    oldest = e.seq;
    const auto day = format_timestamp(e.at).substr(0, 10);
    if ((!from.empty() && day < from) || (!to.empty() && day > to)) continue;
    rows.push_back(reader.entry(e));
  }
  d.set("rows", rows);
  d.set("no_rows", flag(rows.empty()));
  if (entries.size() == kPage && oldest > 1) {
    std::string url = "/journal?before=" + std::to_string(oldest);
    for (const auto& [k, v] :
         {std::pair{"entity", filter.entity}, std::pair{"about", filter.refers_to},
          std::pair{"user", user}, std::pair{"from", from}, std::pair{"to", to}})
      if (!v.empty()) url += std::string("&") + k + "=" + v;
    d.set("older_url", url);
  }
  List entities;
  app::for_each_record_type([&]<class T>() {
    Data o;
    o.set("value", std::string(T::entity));
    o.set("label", words(T::entity));
    o.set("selected", flag(T::entity == filter.entity));
    entities.push_back(o);
  });
  d.set("entities", entities);
  d.set("subjects", subject_options(c, filter.refers_to));
  List users;
  for (const auto& [actor, name] : reader.actors()) {
    Data o;
    const auto id = actor.substr(5);
    o.set("value", id);
    o.set("label", name);
    o.set("selected", flag(id == user));
    users.push_back(o);
  }
  d.set("users", users);
  d.set("from", from);
  d.set("to", to);
  return page(c, "journal", "Journal", d);
}

// Every entry of one record, oldest first, each with the fields that changed.
Response record_history(Call& c) {
  auto d = base_data(c, "journal");
  const std::string entity = c.param(0), id = c.param(1);
  app::JournalFilter filter{.entity = entity, .entity_id = id, .limit = 500};
  std::vector<JournalEntry> entries;
  for (;;) {
    const auto page = RL_WEB_TRY(c, c.app().journal().page(c.principal, filter));
    entries.insert(entries.end(), page.begin(), page.end());
    if (page.size() < 500) break;
    filter.after_seq = page.back().seq;
  }
  if (entries.empty())  // never recorded in this organization: as if it did not exist
    RL_WEB_CHECK(c, Status(fail(ErrorCode::not_found, "No " + words(entity) + " with id " + id +
                                                          " has been recorded here")));
  EntryReader reader(c);
  List versions;
  nlohmann::json previous = nlohmann::json::object();
  for (const auto& e : entries) {
    auto row = reader.entry(e);
    const auto payload = nlohmann::json::parse(e.payload, nullptr, false);
    const auto changes = changed_fields(entity, previous, payload);
    if (payload.is_object() && e.op != "delete") previous = payload;
    row.set("changes", changes);
    row.set("no_changes", flag(changes.empty()));
    versions.push_back(row);
  }
  const auto name = reader.record_name(entity, id);
  d.set("versions", versions);
  d.set("entity", words(entity));
  d.set("entity_id", id);
  d.set("record_name", name);
  return page(c, "record_history",
              "History of " + words(entity) + (name.empty() ? "" : " " + name), d);
}

}  // namespace

void add_journal_routes(http::RouteTable& routes) {
  routes.add({.method = http::Method::get, .pattern = "/journal", .operation_id = "webJournal",
              .tag = "web", .handler = &journal_page, .access = http::Access::page});
  routes.add({.method = http::Method::get, .pattern = "/journal/{entity}/{id}",
              .operation_id = "webRecordHistory", .tag = "web", .handler = &record_history,
              .access = http::Access::page});
}

}  // namespace riskloop::web
