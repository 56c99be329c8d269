// Products: the list, a product's page (details, edit, its risk files) and creating risk files.
#include "core/product.hpp"
#include "core/risk/risk_file.hpp"
#include "web/form_view.hpp"
#include "web/labels.hpp"
#include "web/page.hpp"
#include "web/screen_routes.hpp"

namespace riskloop::web {
namespace {

constexpr int kAll = 500;

// Approved policy versions as "<policy_id>:<version>" choices for a new risk file.
Choices policy_choices(Call& c) {
  Choices out;
  if (auto list = c.app().policies().list(c.principal, {.limit = kAll}))
    for (const auto& p : *list)
      if (p.status == risk::PolicyStatus::approved)
        out.emplace_back(p.policy_id + ":" + std::to_string(p.policy_version),
                         p.name + " (version " + std::to_string(p.policy_version) + ")");
  return out;
}

Data product_row(const Product& p) {
  Data d;
  d.set("id", p.header.id);
  d.set("name", p.name);
  d.set("family", p.family);
  d.set("model", p.model);
  return d;
}

Response list_page(Call& c, const ProductInput& draft, const FieldErrors& errors, int status) {
  auto d = base_data(c, "products");
  const auto products = RL_WEB_TRY(c, c.app().products().list(c.principal, {.limit = kAll}));
  List rows;
  for (const auto& p : products) rows.push_back(product_row(p));
  d.set("products", rows);
  d.set("no_products", flag(products.empty()));
  FormSpec spec{.id_prefix = "new-product", .errors = &errors};
  if (!errors.empty()) spec.submitted = &c.form;
  d.set("fields", form_fields(draft, spec));
  if (const auto g = general_error(errors); !g.empty()) d.set("form_error", g);
  return page(c, "products", "Products", d, status);
}

Response products(Call& c) {
  return list_page(c, {}, {}, 200);
}

Response create_product(Call& c) {
  ProductInput in;
  FieldErrors errors;
  if (read_form(c.form, in, errors)) {
    auto created = c.app().products().create(c.principal, in);
    if (created) return redirect(c, "/products/" + created->header.id);
    if (created.error().code != ErrorCode::validation) return error_response(c, created.error());
    add_error(errors, created.error());
  }
  return list_page(c, in, errors, 422);
}

Response product_page(Call& c, const Product& p, const FieldErrors& errors,
                      const FieldErrors& file_errors, int status) {
  auto d = base_data(c, "products");
  d.set("product", product_row(p));
  d.set("description", p.description);
  d.set("version", std::to_string(p.header.version));
  FormSpec spec{.id_prefix = "edit-product", .errors = &errors};
  if (!errors.empty()) spec.submitted = &c.form;
  d.set("fields", form_fields(to_input(p), spec));
  if (!errors.empty()) d.set("edit_open", flag(true));
  if (const auto g = general_error(errors); !g.empty()) d.set("form_error", g);

  const auto files =
      RL_WEB_TRY(c, c.app().files().list(c.principal, {.limit = kAll}, p.header.id));
  List rows;
  for (const auto& f : files) {
    Data r;
    r.set("id", f.header.id);
    r.set("title", f.title);
    r.set("stage", label_of(f.stage));
    r.set("next_review", display_time(f.next_review_due));
    rows.push_back(r);
  }
  d.set("files", rows);
  d.set("no_files", flag(files.empty()));
  const auto policies = policy_choices(c);
  risk::RiskFileInput draft;
  FormSpec file_spec{.id_prefix = "new-file", .errors = &file_errors};
  file_spec.omit = {"product_id",  "device_description", "analysts", "intended_use",
                    "reasonably_foreseeable_misuse", "safety_characteristics", "plan_scope",
                    "plan_responsibilities", "plan_review_requirements",
                    "plan_acceptability_criteria", "plan_overall_residual_method",
                    "plan_verification_activities", "plan_production_information",
                    "policy_id", "policy_version", "review_period_days", "next_review_due"};
  if (!file_errors.empty()) file_spec.submitted = &c.form;
  d.set("file_fields", form_fields(draft, file_spec));
  List policy_list;
  for (const auto& [value, label] : policies) {
    Data o;
    o.set("value", value);
    o.set("label", label);
    o.set("selected", flag(c.form.get("policy") == value));
    policy_list.push_back(o);
  }
  d.set("policies", policy_list);
  d.set("no_policies", flag(policies.empty()));
  if (const auto it = file_errors.find("policy_id"); it != file_errors.end())
    d.set("policy_error", it->second);
  if (const auto g = general_error(file_errors); !g.empty()) d.set("file_form_error", g);
  return page(c, "product", p.name, d, status);
}

Response show_product(Call& c) {
  const auto p = RL_WEB_TRY(c, c.app().products().get(c.principal, c.param(0)));
  return product_page(c, p, {}, {}, 200);
}

std::optional<std::int64_t> version_of(const Call& c) {
  std::int64_t v = 0;
  const auto& text = c.form.get("version");
  if (text.empty() || std::from_chars(text.data(), text.data() + text.size(), v).ec != std::errc())
    return std::nullopt;
  return v;
}

Response update_product(Call& c) {
  const auto current = RL_WEB_TRY(c, c.app().products().get(c.principal, c.param(0)));
  auto in = to_input(current);
  FieldErrors errors;
  if (read_form(c.form, in, errors)) {
    auto updated = c.app().products().update(c.principal, current.header.id, in, version_of(c));
    if (updated) return redirect(c, "/products/" + current.header.id);
    if (updated.error().code != ErrorCode::validation &&
        updated.error().code != ErrorCode::precondition)
      return error_response(c, updated.error());
    add_error(errors, updated.error());
  }
  return product_page(c, current, errors, {}, 422);
}

Response create_file(Call& c) {
  const auto product = RL_WEB_TRY(c, c.app().products().get(c.principal, c.param(0)));
  risk::RiskFileInput in;
  in.product_id = product.header.id;
  FieldErrors errors;
  const auto& policy = c.form.get("policy");
  const auto colon = policy.rfind(':');
  if (colon == std::string::npos) {
    errors.emplace("policy_id", "choose an approved risk policy");
  } else {
    in.policy_id = policy.substr(0, colon);
    in.policy_version = std::atoll(policy.c_str() + colon + 1);
  }
  if (read_form(c.form, in, errors) && errors.empty()) {
    auto created = c.app().files().create(c.principal, in);
    if (created) return redirect(c, "/files/" + created->header.id + "?tab=plan");
    if (created.error().code != ErrorCode::validation) return error_response(c, created.error());
    add_error(errors, created.error());
  }
  return product_page(c, product, {}, errors, 422);
}

}  // namespace

void add_product_routes(http::RouteTable& routes) {
  using http::Access;
  using http::Exec;
  using http::Method;
  routes.add({.method = Method::get, .pattern = "/products", .operation_id = "webProducts",
              .tag = "web", .handler = &products, .access = Access::page});
  routes.add({.method = Method::post, .pattern = "/products", .operation_id = "webCreateProduct",
              .tag = "web", .handler = &create_product, .access = Access::page,
              .exec = Exec::write_pool,
              .permission = Permission::write_products});
  routes.add({.method = Method::get, .pattern = "/products/{id}", .operation_id = "webProduct",
              .tag = "web", .handler = &show_product, .access = Access::page});
  routes.add({.method = Method::post, .pattern = "/products/{id}",
              .operation_id = "webUpdateProduct", .tag = "web", .handler = &update_product,
              .access = Access::page, .exec = Exec::write_pool,
              .permission = Permission::write_products});
  routes.add({.method = Method::post, .pattern = "/products/{id}/files",
              .operation_id = "webCreateRiskFile", .tag = "web", .handler = &create_file,
              .access = Access::page, .exec = Exec::write_pool,
              .permission = Permission::write_risk});
}

}  // namespace riskloop::web
