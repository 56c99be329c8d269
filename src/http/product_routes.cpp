// /api/v1/products: the devices whose risk is managed. PUT replaces every field; PATCH changes
// only the members sent. Both, and DELETE, need If-Match with the version the client read.
#include "app/products.hpp"
#include "core/product.hpp"
#include "http/json_schema.hpp"
#include "http/rest_conventions.hpp"
#include "http/routes.hpp"

namespace riskloop::http {
namespace {

std::string product_url(const Id& id) {
  return "/api/v1/products/" + id;
}

Response list_products(Call& c) {
  const auto page = RL_HTTP_TRY(page_from_query(c));
  const auto products = RL_HTTP_TRY(c.app().products().list(c.principal, page));
  return page_response(
      products, page.limit, [](const Product& p) { return formats::to_json(p); },
      [](const Product& p) { return p.header.id; });
}

Response create_product(Call& c) {
  ProductInput in;
  RL_HTTP_CHECK(decode_body(c, in));
  const auto p = RL_HTTP_TRY(c.app().products().create(c.principal, in));
  return record_response(p, 201, product_url(p.header.id));
}

Response get_product(Call& c) {
  return record_response(RL_HTTP_TRY(c.app().products().get(c.principal, c.param(0))));
}

Response replace_product(Call& c) {
  // Full replacement: members left out become empty, and validation says if that is allowed.
  ProductInput in;
  RL_HTTP_CHECK(decode_body(c, in));
  return record_response(
      RL_HTTP_TRY(c.app().products().update(c.principal, c.param(0), in, c.if_match)));
}

Response patch_product(Call& c) {
  const auto id = c.param(0);
  RL_HTTP_CHECK(app::Products::may_change(c.principal));
  const auto current = RL_HTTP_TRY(c.app().products().get(c.principal, id));
  // The application checks If-Match against the stored version in the update's transaction, so a
  // change between this read and that write is refused, not overwritten.
  auto in = to_input(current);
  RL_HTTP_CHECK(decode_body(c, in));
  return record_response(RL_HTTP_TRY(c.app().products().update(c.principal, id, in, c.if_match)));
}

Response delete_product(Call& c) {
  RL_HTTP_CHECK(c.app().products().remove(c.principal, c.param(0), c.if_match));
  return no_content();
}

}  // namespace

void add_product_routes(RouteTable& routes) {
  constexpr SchemaRef kProduct = record_ref<Product>("Product");
  constexpr SchemaRef kInput = input_ref<ProductInput>("ProductInput");
  routes.add(
      {.method = Method::get,
       .pattern = "/api/v1/products",
       .operation_id = "listProducts",
       .summary = "Products of the organization (partners: those shared with them)",
       .tag = "products",
       .handler = &list_products,
       .response_description = "A page of products in creation order",
       .response = kProduct,
       .list = true,
       .query = {{"after", "cursor: the `next` value of the previous page"},
                 {"limit", "page size, 1 to the server's maximum (default 100)", "integer"}}});
  routes.add({.method = Method::post,
              .pattern = "/api/v1/products",
              .operation_id = "createProduct",
              .summary = "Create a product",
              .tag = "products",
              .handler = &create_product,
              .exec = Exec::write_pool,
              .body = kInput,
              .status = 201,
              .response_description = "Created",
              .response = kProduct});
  routes.add({.method = Method::get,
              .pattern = "/api/v1/products/{id}",
              .operation_id = "getProduct",
              .summary = "One product",
              .tag = "products",
              .handler = &get_product,
              .response_description = "The product; ETag is its version",
              .response = kProduct});
  routes.add({.method = Method::put,
              .pattern = "/api/v1/products/{id}",
              .operation_id = "replaceProduct",
              .summary = "Replace every field of a product",
              .tag = "products",
              .handler = &replace_product,
              .exec = Exec::write_pool,
              .body = kInput,
              .response_description = "The product after the change",
              .response = kProduct,
              .if_match = true});
  routes.add({.method = Method::patch,
              .pattern = "/api/v1/products/{id}",
              .operation_id = "patchProduct",
              .summary = "Change some fields of a product",
              .tag = "products",
              .handler = &patch_product,
              .exec = Exec::write_pool,
              .body = kInput,
              .response_description = "The product after the change",
              .response = kProduct,
              .if_match = true});
  routes.add({.method = Method::del,
              .pattern = "/api/v1/products/{id}",
              .operation_id = "deleteProduct",
              .summary = "Delete a product (and its shares)",
              .tag = "products",
              .handler = &delete_product,
              .exec = Exec::write_pool,
              .status = 204,
              .response_description = "Deleted",
              .if_match = true});
}

}  // namespace riskloop::http
