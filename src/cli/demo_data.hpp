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
// The e-mail of the demo team's member with `role` (one per role).
std::string demo_member_email(Role role);

// The demo's history: each step is dated on a past day of a fictional project and done by the
// person whose job it is, so the journal and dashboard read like a real file's. Without a clock
// (the database held other organizations' records, whose journal must not be followed by older
// entries) every step is dated now.
class DemoTimeline {
 public:
  DemoTimeline(app::App& app, CliClock* clock, app::Principal op, Timestamp today)
      : app_(app), clock_(clock), op_(std::move(op)), start_(today) {}
  // The day `days_ago` days before the demo was loaded, at `hour`:`minute` UTC.
  void on(int days_ago, int hour, int minute = 0);
  // The member with `email` acting in the demo organization through the CLI.
  Result<app::Principal> as(const std::string& email) const;
  // The local operator (the demo's set-up steps).
  const app::Principal& setup() const { return op_; }
  app::App& app() { return app_; }

 private:
  app::App& app_;
  CliClock* clock_;
  app::Principal op_;
  Timestamp start_;
};

// Adds the demo team and products to the organization `who` acts in. Passwords come from
// RISKLOOP_DEMO_PASSWORD (the same for every demo user) or are generated; generated ones are
// appended to `shown` as each user is created, so they can be printed even if a later step fails.
CommandStatus load_demo_data(DemoTimeline& timeline, std::vector<ShownSecret>& shown);

}  // namespace riskloop::cli
