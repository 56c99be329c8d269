// The forms that add to the analysis chain: POST /files/{id}/chain (a hazard, new or existing,
// to a new hazardous situation, a harm and the risk between them) and POST
// /files/{id}/situation-harm (a further harm for an existing situation). Every part is read and
// checked before anything is written; wrong picks come back to the form in words.
#include "core/risk/input_rules.hpp"
#include "web/chain_picks.hpp"
#include "web/item_kinds.hpp"
#include "web/risk_file_view.hpp"
#include "web/screen_routes.hpp"

namespace riskloop::web {
namespace {

// A form that adds to the analysis chain (add_chain, add_situation_harm): the parts describing
// new items under their prefixes ("hazard.", "situation.", "harm.", "risk."), the picks of
// existing items, and the errors of all of them, so that nothing is written until all are read.
struct ChainForm {
  Call& c;
  Id file_id;
  FailedForm failed;
  ChainPicks picks{};

  ChainForm(Call& call, std::string form)
      : c(call), file_id(call.param(0)), failed{.form = std::move(form)} {
    read_form(c.form, picks, failed.errors);
  }

  template <class Input>
  void read_part(Input& in, std::string_view part) {
    FieldErrors e;
    const auto prefix = std::string(part) + ".";
    if (read_form(c.form, in, e, prefix))
      if (auto ok = risk::validate(in); !ok) add_error(e, ok.error());
    for (auto& [k, m] : e) failed.errors.emplace(prefix + k, std::move(m));
  }

  // Whether a new item is described in `part` (it has a title). Either an item is picked in
  // `field` or a new one described, not neither and not both; a message under the pick says so.
  bool describes_new(const Id& picked, std::string_view field, std::string_view part,
                     std::string_view what) {
    const bool typed = risk::has_content(c.form.get(std::string(part) + ".title"));
    if (picked.empty() && !typed)
      failed.errors.emplace(field, "Choose a " + std::string(what) +
                                       " from the list or describe a new one (its title).");
    else if (!picked.empty() && typed)
      failed.errors.emplace(field, "Choose an existing " + std::string(what) +
                                       " or describe a new one, not both.");
    return picked.empty() && typed;
  }

  // The item picked in `field` (none when nothing was picked): an item of this file, else a
  // message under the pick. Other failures (storage) are the caller's error page.
  template <class Service>
  Result<std::optional<typename Service::record_type>> pick(Service& service, const Id& id,
                                                             std::string_view field,
                                                             std::string_view what) {
    if (id.empty()) return std::nullopt;
    auto item = service.get(c.principal, id);
    if (item && item->risk_file_id == file_id) return std::move(*item);
    if (!item && item.error().code != ErrorCode::not_found) return tl::unexpected(item.error());
    failed.errors.emplace(field, "The chosen " + std::string(what) + " (" + id +
                                     ") is not one of this risk file's; choose one from the list.");
    return std::nullopt;
  }

  Response back() { return after_failed_form(c, file_id, std::move(failed)); }
};

// The harm of a new risk (picked, or new in part "harm.") and the risk itself (part "risk."),
// both at `stage`; for add_chain and add_situation_harm alike.
struct HarmAndRisk {
  std::optional<risk::Harm> picked;
  bool is_new = false;
  risk::HarmInput harm;
  risk::SituationHarmInput pair;
};

Result<HarmAndRisk> read_harm_and_risk(ChainForm& form, risk::Stage stage) {
  HarmAndRisk out;
  out.picked = RL_TRY(form.pick(form.c.app().harms(), form.picks.existing_harm, "existing_harm",
                                "harm"));
  out.is_new = form.describes_new(form.picks.existing_harm, "existing_harm", "harm", "harm");
  if (out.is_new) {
    out.harm.stage = stage;
    form.read_part(out.harm, "harm");
    out.harm.stage = stage;
  }
  out.pair.situation_id = "pending";
  out.pair.harm_id = "pending";
  out.pair.stage = stage;
  form.read_part(out.pair, "risk");
  out.pair.stage = stage;
  return out;
}

// Writes the harm (when new) and the risk from situation `situation_id` to it. A risk that
// already exists (the same situation and harm) comes back to the form under the harm's pick.
Result<bool> write_harm_and_risk(ChainForm& form, HarmAndRisk& hr, const Id& situation_id) {
  auto& app = form.c.app();
  hr.pair.situation_id = situation_id;
  hr.pair.harm_id = hr.picked ? hr.picked->header.id : Id{};
  if (hr.is_new)
    hr.pair.harm_id = RL_TRY(app.harms().create(form.c.principal, form.file_id, hr.harm)).header.id;
  auto written = app.situation_harms().create(form.c.principal, form.file_id, hr.pair);
  if (written) return true;
  if (written.error().code != ErrorCode::conflict && written.error().code != ErrorCode::validation)
    return tl::unexpected(written.error());
  form.failed.errors.emplace("existing_harm", written.error().message);
  return false;
}

// POST /files/{id}/chain: a hazard (new or existing), a new hazardous situation (P1) it leads
// to, the harm (new or existing) and the risk between them (P2), all read and checked before
// anything is written.
Response add_chain(Call& c) {
  auto& app = c.app();
  ChainForm form(c, "add_chain");
  risk::HazardInput hazard;
  const auto picked_hazard =
      RL_WEB_TRY(c, form.pick(app.hazards(), form.picks.existing_hazard, "existing_hazard", "hazard"));
  const bool new_hazard =
      form.describes_new(form.picks.existing_hazard, "existing_hazard", "hazard", "hazard");
  if (new_hazard) form.read_part(hazard, "hazard");
  const auto stage = picked_hazard ? picked_hazard->stage : hazard.stage;
  risk::HazardousSituationInput situation;
  situation.stage = stage;
  form.read_part(situation, "situation");
  situation.stage = stage;
  auto hr = RL_WEB_TRY(c, read_harm_and_risk(form, stage));
  if (!form.failed.errors.empty()) return form.back();

  const auto hazard_id =
      picked_hazard ? picked_hazard->header.id
                    : RL_WEB_TRY(c, app.hazards().create(c.principal, form.file_id, hazard)).header.id;
  const auto sit = RL_WEB_TRY(c, app.situations().create(c.principal, form.file_id, situation));
  RL_WEB_TRY(c, app.hazard_situations().create(c.principal, form.file_id,
                                                {.hazard_id = hazard_id,
                                                 .situation_id = sit.header.id}));
  if (!RL_WEB_TRY(c, write_harm_and_risk(form, hr, sit.header.id))) return form.back();
  return after_file_write(c, form.file_id,
                          picked_hazard ? "Hazardous situation \"" + situation.title +
                                              "\" and its risk were added to hazard \"" +
                                              picked_hazard->title + "\"."
                                        : "Hazard \"" + hazard.title + "\" and its risk were added.");
}

// POST /files/{id}/situation-harm: a further harm (new or existing) for an existing hazardous
// situation, and the risk between them (P2).
Response add_situation_harm(Call& c) {
  auto& app = c.app();
  ChainForm form(c, "add_situation_harm");
  const auto situation = RL_WEB_TRY(
      c, form.pick(app.situations(), form.picks.existing_situation, "existing_situation",
                   "hazardous situation"));
  if (form.picks.existing_situation.empty())
    form.failed.errors.emplace("existing_situation",
                               "Choose the hazardous situation that leads to the harm.");
  auto hr = RL_WEB_TRY(c, read_harm_and_risk(form, situation ? situation->stage : risk::Stage{}));
  if (!form.failed.errors.empty()) return form.back();
  if (!RL_WEB_TRY(c, write_harm_and_risk(form, hr, situation->header.id))) return form.back();
  return after_file_write(c, form.file_id,
                          "The harm and its risk were added to hazardous situation \"" +
                              situation->title + "\".");
}

}  // namespace

void add_analysis_routes(http::RouteTable& routes) {
  routes.add({.method = http::Method::post, .pattern = "/files/{id}/chain",
              .operation_id = "webAddChain", .tag = "web", .handler = &add_chain,
              .access = http::Access::page, .exec = http::Exec::write_pool,
              .permission = Permission::write_risk});
  routes.add({.method = http::Method::post, .pattern = "/files/{id}/situation-harm",
              .operation_id = "webAddSituationHarm", .tag = "web", .handler = &add_situation_harm,
              .access = http::Access::page, .exec = http::Exec::write_pool,
              .permission = Permission::write_risk});
}

}  // namespace riskloop::web
