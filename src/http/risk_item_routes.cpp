// The items of a risk file (hazards, situations, harms, links, risks, controls, residual
// estimates, reviews): one template registers the same six operations for every item type,
//
//   GET  /api/v1/risk-files/{file}/<items>   list (a page)      POST  ... create (201)
//   GET  /api/v1/<items>/{id}                one item (ETag)     PUT / PATCH / DELETE (If-Match)
//   POST /api/v1/<items>/{id}/retire | /reinstate   (If-Match; hazards, situations, harms, risks
//        and controls: the items with a ref, core/risk/item_refs.hpp)
//
// since the application serves them all through one generic service (app/risk_items.hpp). A
// reference to an item of another file is refused with 422 naming the field ("/hazard_id").
#include <string>

#include "app/app.hpp"
#include "http/json_schema.hpp"
#include "http/rest_conventions.hpp"
#include "http/routes.hpp"

namespace riskloop::http {
namespace {

// What differs per item type: its service, its URL segment and the names of its schemas.
template <class Service, Service& (app::App::*Of)()>
struct ItemKind {
  using Items = Service;
  using T = typename Service::record_type;
  using Input = typename Service::input_type;
  static Items& of(app::App& a) { return (a.*Of)(); }
};

// The texts of one item type's routes, built once: patterns, operation ids and summaries must
// outlive the route table (it keeps views of them).
struct ItemTexts {
  std::string list_pattern, item_pattern, item_url, retire_pattern, reinstate_pattern;
  std::string list_id, create_id, get_id, replace_id, patch_id, delete_id, retire_id, reinstate_id;
  std::string list_summary, create_summary, get_summary, replace_summary, patch_summary,
      delete_summary, retire_summary, reinstate_summary;
};

struct ItemNames {
  std::string_view path;    // "hazard-situation-links"
  std::string_view one;     // "HazardSituationLink": operation ids
  std::string_view many;    // "HazardSituationLinks"
  std::string_view label;   // "hazard -> situation link": summaries
  std::string_view schema;  // "HazardSituationLink": record schema; "<schema>Input" for bodies
  std::string_view input;   // "HazardSituationLinkInput"
};

ItemTexts make_texts(const ItemNames& n) {
  const std::string path(n.path), one(n.one), many(n.many), label(n.label);
  ItemTexts t;
  t.list_pattern = "/api/v1/risk-files/{file}/" + path;
  t.item_pattern = "/api/v1/" + path + "/{id}";
  t.item_url = "/api/v1/" + path + "/";
  t.list_id = "list" + many;
  t.create_id = "create" + one;
  t.get_id = "get" + one;
  t.replace_id = "replace" + one;
  t.patch_id = "patch" + one;
  t.delete_id = "delete" + one;
  t.list_summary = "Every " + label + " of a risk file";
  t.create_summary = "Add a " + label + " to a risk file";
  t.get_summary = "One " + label;
  t.replace_summary = "Replace every field of a " + label;
  t.patch_summary = "Change some fields of a " + label;
  t.delete_summary = "Delete a " + label + " (refused while other items refer to it)";
  t.retire_pattern = t.item_pattern + "/retire";
  t.reinstate_pattern = t.item_pattern + "/reinstate";
  t.retire_id = "retire" + one;
  t.reinstate_id = "reinstate" + one;
  t.retire_summary =
      "Retire a " + label + " with a rationale: kept and listed, left out of the assessment";
  t.reinstate_summary = "Reinstate a retired " + label + ": it counts again";
  return t;
}

template <class K>
const ItemTexts& texts_of(const ItemNames* names = nullptr) {
  static const ItemTexts texts = make_texts(*names);  // first call (registration) names them
  return texts;
}

template <class K>
Response list_items(Call& c) {
  const auto page = RL_HTTP_TRY(page_from_query(c));
  const auto items = RL_HTTP_TRY(K::of(c.app()).list(c.principal, c.param(0), page));
  return page_response(
      items, page.limit, [](const typename K::T& r) { return formats::to_json(r); },
      [](const typename K::T& r) { return r.header.id; });
}

template <class K>
Response create_item(Call& c) {
  typename K::Input in{};
  RL_HTTP_CHECK(decode_body(c, in));
  const auto rec = RL_HTTP_TRY(K::of(c.app()).create(c.principal, c.param(0), in));
  return record_response(rec, 201, texts_of<K>().item_url + rec.header.id);
}

template <class K>
Response get_item(Call& c) {
  return record_response(RL_HTTP_TRY(K::of(c.app()).get(c.principal, c.param(0))));
}

template <class K>
Response replace_item(Call& c) {
  typename K::Input in{};
  RL_HTTP_CHECK(decode_body(c, in));
  return record_response(
      RL_HTTP_TRY(K::of(c.app()).update(c.principal, c.param(0), in, c.if_match)));
}

template <class K>
Response patch_item(Call& c) {
  const auto id = c.param(0);
  auto& items = K::of(c.app());
  RL_HTTP_CHECK(items.may_change(c.principal));
  auto in = K::Items::input_of_record(RL_HTTP_TRY(items.get(c.principal, id)));
  RL_HTTP_CHECK(decode_body(c, in));
  return record_response(RL_HTTP_TRY(items.update(c.principal, id, in, c.if_match)));
}

template <class K>
Response delete_item(Call& c) {
  RL_HTTP_CHECK(K::of(c.app()).remove(c.principal, c.param(0), c.if_match));
  return no_content();
}

template <class K>
Response retire_item(Call& c) {
  risk::RetireInput in;
  RL_HTTP_CHECK(decode_body(c, in));
  return record_response(
      RL_HTTP_TRY(K::of(c.app()).retire(c.principal, c.param(0), in.rationale, c.if_match)));
}

template <class K>
Response reinstate_item(Call& c) {
  return record_response(
      RL_HTTP_TRY(K::of(c.app()).reinstate(c.principal, c.param(0), c.if_match)));
}

template <class K>
void add_retirement(RouteTable& routes, const ItemTexts& t, const SchemaRef& record,
                    std::string_view tag) {
  routes.add({.method = Method::post,
              .pattern = t.retire_pattern,
              .operation_id = t.retire_id,
              .summary = t.retire_summary,
              .tag = tag,
              .handler = &retire_item<K>,
              .exec = Exec::write_pool,
              .body = {"RetireInput", &input_schema<risk::RetireInput>},
              .response_description = "The item, retired",
              .response = record,
              .if_match = true});
  routes.add({.method = Method::post,
              .pattern = t.reinstate_pattern,
              .operation_id = t.reinstate_id,
              .summary = t.reinstate_summary,
              .tag = tag,
              .handler = &reinstate_item<K>,
              .exec = Exec::write_pool,
              .response_description = "The item, counting again",
              .response = record,
              .if_match = true});
}

template <class K>
void add_items(RouteTable& routes, const ItemNames& names) {
  const ItemTexts& t = texts_of<K>(&names);
  const SchemaRef record{names.schema, &record_schema<typename K::T>};
  const SchemaRef input{names.input, &input_schema<typename K::Input>};
  constexpr std::string_view tag = "risk file items";
  routes.add(
      {.method = Method::get,
       .pattern = t.list_pattern,
       .operation_id = t.list_id,
       .summary = t.list_summary,
       .tag = tag,
       .handler = &list_items<K>,
       .response_description = "A page of items in creation order",
       .response = record,
       .list = true,
       .query = {{"after", "cursor: the `next` value of the previous page"},
                 {"limit", "page size, 1 to the server's maximum (default 100)", "integer"}}});
  routes.add({.method = Method::post,
              .pattern = t.list_pattern,
              .operation_id = t.create_id,
              .summary = t.create_summary,
              .tag = tag,
              .handler = &create_item<K>,
              .exec = Exec::write_pool,
              .body = input,
              .status = 201,
              .response_description = "Created",
              .response = record});
  routes.add({.method = Method::get,
              .pattern = t.item_pattern,
              .operation_id = t.get_id,
              .summary = t.get_summary,
              .tag = tag,
              .handler = &get_item<K>,
              .response_description = "The item; ETag is its version",
              .response = record});
  routes.add({.method = Method::put,
              .pattern = t.item_pattern,
              .operation_id = t.replace_id,
              .summary = t.replace_summary,
              .tag = tag,
              .handler = &replace_item<K>,
              .exec = Exec::write_pool,
              .body = input,
              .response_description = "The item after the change",
              .response = record,
              .if_match = true});
  routes.add({.method = Method::patch,
              .pattern = t.item_pattern,
              .operation_id = t.patch_id,
              .summary = t.patch_summary,
              .tag = tag,
              .handler = &patch_item<K>,
              .exec = Exec::write_pool,
              .body = input,
              .response_description = "The item after the change",
              .response = record,
              .if_match = true});
  routes.add({.method = Method::del,
              .pattern = t.item_pattern,
              .operation_id = t.delete_id,
              .summary = t.delete_summary,
              .tag = tag,
              .handler = &delete_item<K>,
              .exec = Exec::write_pool,
              .status = 204,
              .response_description = "Deleted",
              .if_match = true});
  if constexpr (risk::ReferencedItem<typename K::T>) add_retirement<K>(routes, t, record, tag);
}

using app::App;
using HazardKind = ItemKind<app::Hazards, &App::hazards>;
using SituationKind = ItemKind<app::Situations, &App::situations>;
using HarmKind = ItemKind<app::Harms, &App::harms>;
using HazardSituationKind = ItemKind<app::HazardSituationLinks, &App::hazard_situations>;
using RiskKind = ItemKind<app::SituationHarms, &App::situation_harms>;
using ControlKind = ItemKind<app::Controls, &App::controls>;
using ControlLinkKind = ItemKind<app::ControlLinks, &App::control_links>;
using IntroducedHazardKind = ItemKind<app::IntroducedHazards, &App::introduced_hazards>;
using ResidualKind = ItemKind<app::ResidualEstimates, &App::residual_estimates>;
using ReviewKind = ItemKind<app::Reviews, &App::reviews>;

}  // namespace

void add_risk_item_routes(RouteTable& routes) {
  add_items<HazardKind>(routes,
                        {"hazards", "Hazard", "Hazards", "hazard", "Hazard", "HazardInput"});
  add_items<SituationKind>(
      routes, {"hazardous-situations", "HazardousSituation", "HazardousSituations",
               "hazardous situation", "HazardousSituation", "HazardousSituationInput"});
  add_items<HarmKind>(routes, {"harms", "Harm", "Harms", "harm", "Harm", "HarmInput"});
  add_items<HazardSituationKind>(
      routes,
      {"hazard-situation-links", "HazardSituationLink", "HazardSituationLinks",
       "hazard to hazardous situation link", "HazardSituationLink", "HazardSituationLinkInput"});
  // A risk is a hazardous situation -> harm pair: its initial estimate lives here.
  add_items<RiskKind>(routes, {"risks", "Risk", "Risks", "risk (hazardous situation to harm)",
                               "SituationHarm", "SituationHarmInput"});
  add_items<ControlKind>(routes, {"controls", "RiskControl", "RiskControls", "risk control",
                                  "RiskControl", "RiskControlInput"});
  add_items<ControlLinkKind>(routes, {"control-links", "ControlLink", "ControlLinks",
                                      "control to risk link", "ControlLink", "ControlLinkInput"});
  add_items<IntroducedHazardKind>(
      routes, {"introduced-hazards", "IntroducedHazard", "IntroducedHazards",
               "hazard introduced by a control", "IntroducedHazard", "IntroducedHazardInput"});
  add_items<ResidualKind>(
      routes, {"residual-estimates", "ResidualEstimate", "ResidualEstimates", "residual estimate",
               "ResidualEstimate", "ResidualEstimateInput"});
  add_items<ReviewKind>(routes, {"reviews", "Review", "Reviews", "risk management review",
                                 "RiskReview", "RiskReviewInput"});
}

}  // namespace riskloop::http
