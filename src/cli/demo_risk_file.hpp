// Demo risk file for `riskloop init --demo`: a drug-eluting coronary stent system analysed with
// the 1+2+3+4 frame, and an operational risk register. Written for riskloop: the figures are
// plausible illustrations, not data about any real device.
#pragma once

#include <string>

#include "app/app.hpp"
#include "cli/demo_data.hpp"

namespace riskloop::cli {

// Creates the approved default policy, the risk file of `product_id` with its chains, controls,
// residual estimates, decisions and a review, passes the design gate, and fills the operational
// risk register and the supplier list, each step on its day and by its demo member (signatures by
// the risk manager, whose password is `password`). Returns the risk file id.
Result<Id> load_demo_risk_file(DemoTimeline& timeline, const std::string& password,
                               const Id& product_id);

}  // namespace riskloop::cli
