// Operational risk register use cases. Partners have no access to it.
#include "app/operational_risks.hpp"

#include "app/recorder.hpp"
#include "core/field_copy.hpp"
#include "core/product.hpp"

namespace riskloop::app {

namespace {

Status no_partners(const Principal& who) {
  if (!who.local_operator && who.role == Role::partner)
    return fail(ErrorCode::forbidden, "partners have no access to the operational risk register");
  return {};
}

Status check_products(store::Tx& tx, const Id& org, const risk::OperationalRisk& r) {
  for (std::size_t i = 0; i < r.affected_product_ids.size(); ++i)
    if (!tx.get<Product>(org, r.affected_product_ids[i]))
      return fail(ErrorCode::validation, "product " + r.affected_product_ids[i] + " does not exist",
                  "/affected_product_ids/" + std::to_string(i));
  return {};
}

}  // namespace

Result<risk::OperationalRisk> OperationalRisks::create(const Principal& who,
                                                       const risk::OperationalRiskInput& in) {
  RL_CHECK(require(who, Permission::write_risk, "change the operational risk register"));
  RL_CHECK(risk::validate(in));
  risk::OperationalRisk rec;
  RL_CHECK(copy_fields(in, rec));
  RL_CHECK(ctx_.store.transaction([&](store::Tx& tx) -> Status {
    RL_CHECK(check_products(tx, who.org_id, rec));
    Recorder r(tx, who, ctx_.clock.now());
    return r.create(rec, ctx_.ids.next_id());
  }));
  return rec;
}

Result<risk::OperationalRisk> OperationalRisks::get(const Principal& who, const Id& id) {
  RL_CHECK(no_partners(who));
  risk::OperationalRisk rec;
  RL_CHECK(ctx_.store.read([&](store::Tx& tx) -> Status {
    rec = RL_TRY(tx.get<risk::OperationalRisk>(who.org_id, id));
    return {};
  }));
  return rec;
}

Result<std::vector<risk::OperationalRisk>> OperationalRisks::list(const Principal& who,
                                                                  const Page& page) {
  RL_CHECK(no_partners(who));
  std::vector<risk::OperationalRisk> out;
  RL_CHECK(ctx_.store.read([&](store::Tx& tx) -> Status {
    out = RL_TRY(tx.list<risk::OperationalRisk>(
        who.org_id,
        {.after_id = page.after, .limit = std::clamp(page.limit, 1, ctx_.options.max_page_size)}));
    return {};
  }));
  return out;
}

Result<risk::OperationalRisk> OperationalRisks::update(const Principal& who, const Id& id,
                                                       const risk::OperationalRiskInput& in,
                                                       std::optional<std::int64_t> expected_version) {
  RL_CHECK(require(who, Permission::write_risk, "change the operational risk register"));
  RL_CHECK(risk::validate(in));
  risk::OperationalRisk rec;
  RL_CHECK(ctx_.store.transaction([&](store::Tx& tx) -> Status {
    rec = RL_TRY(tx.get<risk::OperationalRisk>(who.org_id, id));
    RL_CHECK(check_version("operational_risk", id, rec.header.version, expected_version));
    RL_CHECK(copy_fields(in, rec));
    RL_CHECK(check_products(tx, who.org_id, rec));
    Recorder r(tx, who, ctx_.clock.now());
    return r.update(rec);
  }));
  return rec;
}

Status OperationalRisks::remove(const Principal& who, const Id& id,
                                std::optional<std::int64_t> expected_version) {
  RL_CHECK(require(who, Permission::write_risk, "change the operational risk register"));
  return ctx_.store.transaction([&](store::Tx& tx) -> Status {
    const auto rec = RL_TRY(tx.get<risk::OperationalRisk>(who.org_id, id));
    RL_CHECK(check_version("operational_risk", id, rec.header.version, expected_version));
    Recorder r(tx, who, ctx_.clock.now());
    return r.remove(rec);
  });
}

}  // namespace riskloop::app
