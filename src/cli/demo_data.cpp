// Demo data: Corvane Medical, a fictional maker of coronary stents, with one member per role and
// a sirolimus-eluting stent system broken down into its components, plus two related devices.
#include "cli/demo_data.hpp"

#include <array>

#include "cli/demo_risk_file.hpp"

namespace riskloop::cli {
namespace {

struct DemoUser {
  const char* email;
  const char* display_name;
  Role role;
};

constexpr std::array<DemoUser, 7> kUsers = {{
    {"mei.chen@corvane.example", "Mei Chen", Role::risk_manager},
    {"tomasz.nowak@corvane.example", "Tomasz Nowak", Role::engineer},
    {"priya.raman@corvane.example", "Priya Raman", Role::quality},
    {"jonas.berg@corvane.example", "Jonas Berg", Role::regulatory},
    {"amara.okafor@corvane.example", "Amara Okafor", Role::vigilance},
    {"hugo.laurent@corvane.example", "Hugo Laurent", Role::auditor},
    // An alliance partner: the supplier of the polymer coating.
    {"sofia.marquez@polycoat-partner.example", "Sofia Marquez", Role::partner},
}};

struct DemoProduct {
  const char* name;
  const char* family;
  const char* model;
  const char* description;
};

constexpr std::array<DemoProduct, 8> kProducts = {{
    {"Corvane SX sirolimus-eluting coronary stent system", "Drug-eluting coronary stents",
     "CSX-3018",
     "Balloon-expandable cobalt-chromium stent with an abluminal biodegradable polymer coating "
     "releasing sirolimus, premounted on a rapid-exchange delivery catheter.\n"
     "Diameters 2.25-4.00 mm, lengths 8-38 mm (this model: 3.00 x 18 mm). Indicated to improve "
     "the luminal diameter of de novo native coronary artery lesions."},
    {"Corvane RX stent delivery catheter", "Stent delivery systems", "CDC-RX142",
     "Rapid-exchange catheter, 142 cm working length, hydrophilic-coated distal shaft, compatible "
     "with 0.014 in guidewires and 5 F guiding catheters; two platinum-iridium radiopaque markers "
     "frame the stent."},
    {"Corvane SX stent delivery balloon", "Stent delivery balloons", "CSB-3018",
     "Semi-compliant polyamide 12 balloon that carries and expands the crimped stent. Nominal "
     "pressure 9 atm, rated burst pressure 16 atm."},
    {"Corvane CoCr stent platform", "Coronary stent platforms", "CSP-L605-81",
     "Laser-cut, electropolished cobalt-chromium (L605) open-cell stent, 81 µm struts. Shared by "
     "the drug-eluting and the bare-metal stent systems."},
    {"Corvane biodegradable polymer coating", "Stent coatings", "CPC-PLGA5050",
     "Abluminal PLGA 50:50 coating, 5 µm thick, carrying the drug; degrades within 6 to 9 months, "
     "leaving a bare-metal stent. Supplied and applied under the partner's quality agreement."},
    {"Sirolimus drug substance", "Active pharmaceutical ingredients", "API-SRL-01",
     "Sirolimus (rapamycin), antiproliferative; dose density 1.2 µg/mm² of stent surface. "
     "Sourced under a drug master file; a medicinal substance with ancillary action."},
    {"Corvane BX bare-metal coronary stent system", "Bare-metal coronary stents", "CBX-3015",
     "The CoCr stent platform without coating on the RX delivery catheter, for patients who cannot "
     "take prolonged dual antiplatelet therapy. Diameters 2.50-4.00 mm, lengths 9-33 mm."},
    {"Corvane Glide PTCA balloon dilatation catheter", "PTCA balloon catheters", "CGP-2520",
     "Semi-compliant rapid-exchange balloon catheter for pre-dilatation of stenotic coronary "
     "lesions. Diameters 1.50-4.00 mm, lengths 10-30 mm, rated burst pressure 14 atm."},
}};

}  // namespace

std::string demo_member_email(Role role) {
  for (const auto& u : kUsers)
    if (u.role == role) return u.email;
  return demo_organization().admin_email;
}

const DemoOrganization& demo_organization() {
  static const DemoOrganization org{"Corvane Medical (demo)", "corvane-demo",
                                    "admin@corvane.example", "Dana Whitfield"};
  return org;
}

void DemoTimeline::on(int days_ago, int hour, int minute) {
  if (!clock_) return;
  using namespace std::chrono;
  const auto day = floor<days>(start_) - days(days_ago);
  clock_->stand_at(time_point_cast<milliseconds>(day + hours(hour) + minutes(minute)));
}

Result<app::Principal> DemoTimeline::as(const std::string& email) const {
  const auto login = op_.actor.substr(op_.actor.find(':') + 1);
  return app_.auth().operator_principal(login, op_.org_id, email);
}

CommandStatus load_demo_data(DemoTimeline& timeline, std::vector<ShownSecret>& shown) {
  app::App& app = timeline.app();
  // Day one of the project: the administrator sets up the team and the product tree.
  timeline.on(210, 9, 5);
  const app::Principal& who = timeline.setup();
  const auto shared_password = password_from_env("RISKLOOP_DEMO_PASSWORD");
  std::string risk_manager_password;
  Id partner_id;
  for (const auto& u : kUsers) {
    NewMemberInput in{.email = u.email,
                      .display_name = u.display_name,
                      .password = shared_password ? *shared_password : generate_password(),
                      .role = u.role};
    const auto added = RL_TRY(app.accounts().add_member(who, in));
    const bool created = added.new_user;
    if (u.role == Role::risk_manager && (shared_password || created)) risk_manager_password = in.password;
    if (u.role == Role::partner) partner_id = added.user.header.id;
    // A user who already existed (a second demo organization) keeps their password.
    if (!shared_password && created)
      shown.push_back(
          {std::string(u.email) + " (" + std::string(name_of(u.role)) + ") password", in.password});
  }
  std::vector<Id> products;
  for (const auto& p : kProducts) {
    products.push_back(RL_TRY(app.products().create(
                                  who, ProductInput{.name = p.name,
                                                    .family = p.family,
                                                    .model = p.model,
                                                    .description = p.description}))
                           .header.id);
  }
  // The coating partner sees the coating it supplies, nothing else.
  RL_CHECK(app.accounts().share(who, {"product", products[4], partner_id}));

  // The stent system's risk file, entered and signed by the risk manager. A risk manager who
  // already existed keeps an unknown password: then the file is left out.
  if (risk_manager_password.empty()) return {};
  RL_CHECK(load_demo_risk_file(timeline, risk_manager_password, products[0]));
  return {};
}

}  // namespace riskloop::cli
