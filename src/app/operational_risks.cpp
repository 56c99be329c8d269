// Rules of the operational risk register across records.
#include "app/operational_risks.hpp"

#include "core/product.hpp"

namespace riskloop::app {

Status RecordHooks<risk::OperationalRisk>::before_write(store::Tx& tx, const Principal& who,
                                                        const risk::OperationalRisk& r) {
  for (std::size_t i = 0; i < r.affected_product_ids.size(); ++i)
    if (!tx.get<Product>(who.org_id, r.affected_product_ids[i]))
      return fail(ErrorCode::validation, "product " + r.affected_product_ids[i] + " does not exist",
                  "/affected_product_ids/" + std::to_string(i));
  return {};
}

}  // namespace riskloop::app
