// Products by name on the pages of product-owned records (web/product_owned_pages.hpp).
#include "web/product_owned_pages.hpp"

#include "app/products.hpp"

namespace riskloop::web {

Choices product_choices(Call& c) {
  Choices out;
  if (auto list = c.app().products().list(c.principal, {.limit = 500}))
    for (const auto& p : *list) out.emplace_back(p.header.id, p.name);
  return out;
}

std::string product_name(Call& c, const Id& id) {
  const auto product = c.app().products().get(c.principal, id);
  return product ? product->name : id;
}

}  // namespace riskloop::web
