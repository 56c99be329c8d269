// Products: the devices whose risk is managed.
#pragma once

#include <optional>
#include <vector>

#include "app/accounts.hpp"
#include "core/product.hpp"

namespace riskloop::app {

class Products {
 public:
  explicit Products(AppContext& ctx) : ctx_(ctx) {}

  Result<Product> create(const Principal& who, const ProductInput& in);
  Result<Product> get(const Principal& who, const Id& id);
  Result<std::vector<Product>> list(const Principal& who, const Page& page);
  // Whether `who` may change products at all: checked first, before any record is read, so a
  // role without the permission gets 403 whichever record it names.
  static Status may_change(const Principal& who);
  Result<Product> update(const Principal& who, const Id& id, const ProductInput& in,
                         std::optional<std::int64_t> expected_version);
  Status remove(const Principal& who, const Id& id, std::optional<std::int64_t> expected_version);

 private:
  AppContext& ctx_;
};

}  // namespace riskloop::app
