// /api/v1/journal: the organization's change history, newest last, filtered and paged by seq.
#include <charconv>

#include "app/journal_reader.hpp"
#include "http/json_schema.hpp"
#include "http/rest_conventions.hpp"
#include "http/routes.hpp"

namespace riskloop::http {
namespace {

nlohmann::json entry_json(const JournalEntry& e) {
  // The payload is canonical JSON written by us; show it as an object, not as a string.
  auto payload = nlohmann::json::parse(e.payload, nullptr, false);
  if (payload.is_discarded()) payload = e.payload;
  return {{"seq", e.seq},
          {"at", format_timestamp(e.at)},
          {"actor", e.actor},
          {"org_id", e.org_id},
          {"entity", e.entity},
          {"entity_id", e.entity_id},
          {"op", e.op},
          {"payload", std::move(payload)},
          {"prev_hash", e.prev_hash},
          {"hash", e.hash}};
}

nlohmann::json entry_schema() {
  const nlohmann::json text = {{"type", "string"}};
  return {
      {"type", "object"},
      {"description", "one journal entry (docs/journal.md)"},
      {"properties",
       {{"seq", {{"type", "integer"}, {"format", "int64"}}},
        {"at", {{"type", "string"}, {"format", "date-time"}}},
        {"actor", text},
        {"org_id", text},
        {"entity", text},
        {"entity_id", text},
        {"op", {{"type", "string"}, {"enum", {"create", "update", "delete"}}}},
        {"payload", {{"type", "object"}, {"description", "the record's state after the change"}}},
        {"prev_hash", text},
        {"hash", text}}},
      {"required",
       {"seq", "at", "actor", "org_id", "entity", "entity_id", "op", "payload", "prev_hash",
        "hash"}}};
}

Result<std::string> text_param(const Call& c, std::string_view name) {
  auto v = RL_TRY(query_param(c.request.query, name));
  return v ? std::move(*v) : std::string();
}

Response journal_page(Call& c) {
  const auto page = RL_HTTP_TRY(page_from_query(c));
  app::JournalFilter f;
  f.entity = RL_HTTP_TRY(text_param(c, "entity"));
  f.entity_id = RL_HTTP_TRY(text_param(c, "entity_id"));
  f.actor = RL_HTTP_TRY(text_param(c, "actor"));
  f.refers_to = RL_HTTP_TRY(text_param(c, "refers_to"));
  f.limit = page.limit;
  if (!page.after.empty()) {
    const auto* end = page.after.data() + page.after.size();
    const auto [ptr, ec] = std::from_chars(page.after.data(), end, f.after_seq);
    if (ec != std::errc() || ptr != end || f.after_seq < 0)
      return problem(Error{ErrorCode::validation,
                           "must be a journal sequence number (the `next` of the previous page)",
                           parameter_location("after")});
  }
  const auto entries = RL_HTTP_TRY(c.app().journal().page(c.principal, f));
  return page_response(entries, page.limit, entry_json,
                       [](const JournalEntry& e) { return std::to_string(e.seq); });
}

}  // namespace

void add_journal_routes(RouteTable& routes) {
  routes.add(
      {.method = Method::get,
       .pattern = "/api/v1/journal",
       .operation_id = "journal",
       .summary = "The organization's journal of changes (not for partners)",
       .tag = "journal",
       .handler = &journal_page,
       .response_description = "A page of entries in seq order",
       .response = {"JournalEntry", &entry_schema},
       .list = true,
       .query = {{"entity", "only entries about this record type, e.g. product"},
                 {"entity_id", "only entries about this record"},
                 {"actor", "only changes by this actor, e.g. user:<id> or token:<id>"},
                 {"refers_to",
                  "only entries about this record or naming it in a field: a risk file's id "
                  "gives the file and every item of it; a product's id, the product and its files"},
                 {"after", "cursor: the seq after which to start"},
                 {"limit", "page size, 1 to the server's maximum (default 100)", "integer"}}});
}

}  // namespace riskloop::http
