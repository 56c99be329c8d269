// An EngineTest whose stores start empty (no seeded organizations) and that builds the whole
// application over a store: for contract tests that need accounts, signatures and risk files.
#pragma once

#include <memory>

#include "app/app.hpp"
#include "tests/app/app_fixture.hpp"
#include "tests/contract/engine_fixture.hpp"

namespace riskloop::store {

class AppEngineTest : public EngineTest {
 protected:
  bool seed_organizations() const override { return false; }

  std::unique_ptr<app::App> app_on(Store& s) {
    return std::make_unique<app::App>(s, clock_, ids_,
                                      app::AppOptions{.password_cost = app::PasswordCost::minimal});
  }

  testing::ManualClock clock_;
  testing::CountingIds ids_;
};

}  // namespace riskloop::store
