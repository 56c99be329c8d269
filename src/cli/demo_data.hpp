// Demo data for `riskloop init --demo`: a fictional coronary-stent maker, its team and products.
// Written for riskloop; any likeness to a real company or product name is unintended.
#pragma once

#include <string>
#include <vector>

#include "app/app.hpp"
#include "cli/command_context.hpp"
#include "cli/passwords.hpp"

namespace riskloop::cli {

// The demo organization and its administrator (defaults of `init --demo`).
struct DemoOrganization {
  std::string name;
  std::string slug;
  std::string admin_email;
  std::string admin_name;
};
const DemoOrganization& demo_organization();

// Adds the demo team and products to the organization `who` acts in. Passwords come from
// RISKLOOP_DEMO_PASSWORD (the same for every demo user) or are generated; generated ones are
// appended to `shown` as each user is created, so they can be printed even if a later step fails.
CommandStatus load_demo_data(app::App& app, const app::Principal& who,
                             std::vector<ShownSecret>& shown);

}  // namespace riskloop::cli
