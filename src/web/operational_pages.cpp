// The operational risk register (mission 2 of the 1+2+3+4 frame): the list with its scores, a
// form to add a risk, and each risk's page to edit it.
#include "core/risk/operational_risk.hpp"
#include "web/form_view.hpp"
#include "web/labels.hpp"
#include "web/page.hpp"
#include "web/screen_routes.hpp"

namespace riskloop::web {
namespace {

Choices product_choices(Call& c) {
  Choices out;
  if (auto list = c.app().products().list(c.principal, {.limit = 500}))
    for (const auto& p : *list) out.emplace_back(p.header.id, p.name);
  return out;
}

Response register_page(Call& c, const FieldErrors& errors, int status) {
  auto d = base_data(c, "operational");
  const auto now = c.app().clock().now();
  List rows;
  const auto found = RL_WEB_TRY(c, c.app().operational_risks().find(c.principal, {.limit = 500}));
  for (const auto& r : found.items) {
    Data e;
    e.set("id", r.header.id);
    e.set("title", r.title);
    e.set("category", label_of(r.category));
    e.set("owner", r.owner);
    e.set("likelihood", std::to_string(r.likelihood));
    e.set("impact", std::to_string(r.impact));
    e.set("score", std::to_string(r.score()));
    e.set("score_badge", std::string(r.score() >= 15 ? "bad" : r.score() >= 8 ? "warn" : "ok"));
    e.set("score_word", std::string(r.score() >= 15 ? "high" : r.score() >= 8 ? "medium" : "low"));
    e.set("status", label_of(r.status));
    e.set("due", date_value(r.due_date));
    e.set("overdue", flag(risk::is_overdue(r, now)));
    rows.push_back(e);
  }
  d.set("no_rows", flag(rows.empty()));
  d.set("rows", rows);
  FormSpec spec{.id_prefix = "new-op", .errors = &errors};
  spec.omit = {"affected_product_ids"};
  if (!errors.empty()) spec.submitted = &c.form;
  d.set("fields", form_fields(risk::OperationalRisk{}, spec));
  d.set("form_open", flag(!errors.empty()));
  if (const auto g = general_error(errors); !g.empty()) d.set("form_error", g);
  return page(c, "operational", "Operational risks", d, status);
}

Response list(Call& c) {
  return register_page(c, {}, 200);
}

Response create(Call& c) {
  risk::OperationalRisk in;
  FieldErrors errors;
  if (read_form(c.form, in, errors)) {
    auto created = c.app().operational_risks().create(c.principal, in);
    if (created) return redirect(c, "/operational-risks");
    if (created.error().code != ErrorCode::validation) return error_response(c, created.error());
    add_error(errors, created.error());
  }
  return register_page(c, errors, 422);
}

Response risk_page(Call& c, const risk::OperationalRisk& r, const FieldErrors& errors, int status) {
  auto d = base_data(c, "operational");
  d.set("id", r.header.id);
  d.set("risk_title", r.title);
  d.set("version", std::to_string(r.header.version));
  FormSpec spec{.id_prefix = "op", .errors = &errors};
  spec.omit = {"affected_product_ids"};
  if (!errors.empty()) spec.submitted = &c.form;
  d.set("fields", form_fields(r, spec));
  List products;
  for (const auto& [id, name] : product_choices(c)) {
    Data o;
    o.set("value", id);
    o.set("label", name);
    o.set("checked", flag(std::find(r.affected_product_ids.begin(), r.affected_product_ids.end(),
                                    id) != r.affected_product_ids.end()));
    products.push_back(o);
  }
  d.set("products", products);
  if (const auto g = general_error(errors); !g.empty()) d.set("form_error", g);
  return page(c, "operational_risk", r.title, d, status);
}

Response show(Call& c) {
  const auto r = RL_WEB_TRY(c, c.app().operational_risks().get(c.principal, c.param(0)));
  return risk_page(c, r, {}, 200);
}

Response update(Call& c) {
  const auto r = RL_WEB_TRY(c, c.app().operational_risks().get(c.principal, c.param(0)));
  auto in = r;
  FieldErrors errors;
  if (read_form(c.form, in, errors)) {
    in.affected_product_ids = c.form.all("product");
    std::optional<std::int64_t> version;
    if (const auto& v = c.form.get("version"); !v.empty()) version = std::atoll(v.c_str());
    auto updated = c.app().operational_risks().update(c.principal, r.header.id, in, version);
    if (updated) return redirect(c, "/operational-risks");
    if (updated.error().code != ErrorCode::validation &&
        updated.error().code != ErrorCode::precondition)
      return error_response(c, updated.error());
    add_error(errors, updated.error());
  }
  return risk_page(c, r, errors, 422);
}

}  // namespace

void add_operational_routes(http::RouteTable& routes) {
  using http::Access;
  using http::Exec;
  using http::Method;
  routes.add({.method = Method::get, .pattern = "/operational-risks",
              .operation_id = "webOperationalRisks", .tag = "web", .handler = &list,
              .access = Access::page});
  routes.add({.method = Method::post, .pattern = "/operational-risks",
              .operation_id = "webCreateOperationalRisk", .tag = "web", .handler = &create,
              .access = Access::page, .exec = Exec::write_pool});
  routes.add({.method = Method::get, .pattern = "/operational-risks/{id}",
              .operation_id = "webOperationalRisk", .tag = "web", .handler = &show,
              .access = Access::page});
  routes.add({.method = Method::post, .pattern = "/operational-risks/{id}",
              .operation_id = "webUpdateOperationalRisk", .tag = "web", .handler = &update,
              .access = Access::page, .exec = Exec::write_pool});
}

}  // namespace riskloop::web
