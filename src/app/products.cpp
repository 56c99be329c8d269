// Product use cases. Partners see only products shared with them.
#include "app/products.hpp"

#include <algorithm>

#include "app/recorder.hpp"

namespace riskloop::app {

namespace {

// For partners: is the product shared with this partner?
Result<bool> visible(store::Tx& tx, const Principal& who, const Id& product_id) {
  if (who.local_operator || who.role != Role::partner) return true;
  const auto shares = RL_TRY(tx.list<Share>(
      who.org_id,
      {.where = {{"shared_entity", std::string("product")}, {"shared_id", product_id}, {"user_id", who.user_id}},
       .limit = 1}));
  return !shares.empty();
}

Error not_found(const Id& id) { return {ErrorCode::not_found, "product " + id + " does not exist", {}}; }

}  // namespace

Result<Product> Products::create(const Principal& who, const ProductInput& in) {
  RL_CHECK(require(who, Permission::write_products, "create products"));
  RL_CHECK(validate(in));
  Product p;
  p.name = in.name;
  p.family = in.family;
  p.model = in.model;
  p.description = in.description;
  RL_CHECK(ctx_.store.transaction([&](store::Tx& tx) -> Status {
    Recorder rec(tx, who, ctx_.clock.now());
    return rec.create(p, ctx_.ids.next_id());
  }));
  return p;
}

Result<Product> Products::get(const Principal& who, const Id& id) {
  Product p;
  RL_CHECK(ctx_.store.read([&](store::Tx& tx) -> Status {
    p = RL_TRY(tx.get<Product>(who.org_id, id));
    if (!RL_TRY(visible(tx, who, id))) return tl::unexpected(not_found(id));
    return {};
  }));
  return p;
}

Result<std::vector<Product>> Products::list(const Principal& who, const Page& page) {
  std::vector<Product> out;
  const int limit = std::clamp(page.limit, 1, ctx_.options.max_page_size);
  RL_CHECK(ctx_.store.read([&](store::Tx& tx) -> Status {
    if (who.local_operator || who.role != Role::partner) {
      out = RL_TRY(tx.list<Product>(who.org_id, {.after_id = page.after, .limit = limit}));
      return {};
    }
    // Partners: the shared products, in id order.
    const auto shares = RL_TRY(tx.list_all<Share>(
        who.org_id, {{"shared_entity", std::string("product")}, {"user_id", who.user_id}}));
    std::vector<Id> ids;
    for (const auto& s : shares)
      if (s.shared_id > page.after) ids.push_back(s.shared_id);
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    if (ids.size() > std::size_t(limit)) ids.resize(limit);
    for (const auto& id : ids) out.push_back(RL_TRY(tx.get<Product>(who.org_id, id)));
    return {};
  }));
  return out;
}

Status Products::may_change(const Principal& who) {
  return require(who, Permission::write_products, "change products");
}

Result<Product> Products::update(const Principal& who, const Id& id, const ProductInput& in,
                                 std::optional<std::int64_t> expected_version) {
  RL_CHECK(may_change(who));
  RL_CHECK(validate(in));
  Product p;
  RL_CHECK(ctx_.store.transaction([&](store::Tx& tx) -> Status {
    p = RL_TRY(tx.get<Product>(who.org_id, id));
    RL_CHECK(check_version("product", id, p.header.version, expected_version));
    p.name = in.name;
    p.family = in.family;
    p.model = in.model;
    p.description = in.description;
    Recorder rec(tx, who, ctx_.clock.now());
    return rec.update(p);
  }));
  return p;
}

Status Products::remove(const Principal& who, const Id& id,
                        std::optional<std::int64_t> expected_version) {
  RL_CHECK(require(who, Permission::write_products, "delete products"));
  return ctx_.store.transaction([&](store::Tx& tx) -> Status {
    const auto p = RL_TRY(tx.get<Product>(who.org_id, id));
    RL_CHECK(check_version("product", id, p.header.version, expected_version));
    Recorder rec(tx, who, ctx_.clock.now());
    // Shares of the product go with it.
    const auto shares = RL_TRY(tx.list_all<Share>(
        who.org_id, {{"shared_entity", std::string("product")}, {"shared_id", id}}));
    for (const auto& s : shares) RL_CHECK(rec.remove(s));
    return rec.remove(p);
  });
}

}  // namespace riskloop::app
