// Creating, editing in place and removing the items of a risk file, one set of routes for every
// item type (item_kinds.hpp): /files/{file}/items/{kind}[/{id}[/edit|/delete]].
#include "web/item_kinds.hpp"
#include "web/screen_routes.hpp"

namespace riskloop::web {
namespace {

int colspan_of(std::string_view slug) {
  if (slug == "risks") return 9;
  if (slug == "controls") return 8;
  if (slug == "residuals" || slug == "harms") return 5;
  return 6;
}

// The risks to choose from: all, or (for a new residual estimate) those with controls and no
// residual estimate yet; one with an estimate is revised from its row instead.
Choices pair_choices(const FileView& v, bool only_awaiting_residual) {
  Choices out;
  const auto& pairs = v.snapshot().situation_harms;
  for (std::size_t i = 0; i < pairs.size() && out.size() < 2000; ++i) {
    if (only_awaiting_residual && (v.index->controls_of_pair(i).empty() ||
                                   v.index->residual_of_pair(i) != risk::RiskFileIndex::npos))
      continue;
    out.emplace_back(pairs[i].header.id, v.index->pair_name(i));
  }
  return out;
}

// Controls that may change the harm itself: those of the inherent-safety-by-design option.
Choices inherent_safety_choices(const FileView& v) {
  Choices out;
  for (const auto& ctl : v.snapshot().controls)
    if (ctl.option == risk::ControlOption::inherent_safety)
      out.emplace_back(ctl.header.id, risk::labelled(ctl));
  return out;
}

std::optional<std::int64_t> version_field(const Call& c) {
  std::int64_t v = 0;
  const auto& text = c.form.get("version");
  if (text.empty() || std::from_chars(text.data(), text.data() + text.size(), v).ec != std::errc())
    return std::nullopt;
  return v;
}

// A write that failed: validation and version conflicts go back to the form, others to an error.
bool back_to_form(const Error& e) {
  return e.code == ErrorCode::validation || e.code == ErrorCode::precondition ||
         e.code == ErrorCode::conflict;
}

Response edit_form(Call& c) {
  const auto file_id = c.param(0), slug = c.param(1), item_id = c.param(2);
  FileView v;
  RL_WEB_CHECK(c, load_file_view(c, file_id, v));
  std::optional<Response> out;
  const bool known = with_item_kind(c.app(), slug, [&](auto& service) {
    using Service = std::remove_reference_t<decltype(service)>;
    auto item = service.get(c.principal, item_id);
    if (!item || item->risk_file_id != file_id) {
      out = error_response(c, item ? Error{ErrorCode::not_found, "no such item in this file", {}}
                                   : item.error());
      return;
    }
    const auto spec = item_form_spec(slug, v, "edit");
    out = fragment("edit_row", edit_row(slug, file_id, item_id, item->header.version,
                                        Service::input_of_record(*item), spec, colspan_of(slug),
                                        TabState::parse(c.request.query).to_query()));
  });
  if (!known) return error_response(c, Error{ErrorCode::not_found, "unknown item kind", {}});
  return std::move(*out);
}

// Reads the form into `in` and, if it is valid, writes it; errors a person can fix go back to the
// form next to their fields, others become an error page.
template <class Input, class Write>
Response submit_form(Call& c, const Id& file_id, Input& in, FailedForm failed,
                     std::string_view done, Write&& write) {
  if (read_form(c.form, in, failed.errors)) {
    const auto written = write();
    if (written) return after_file_write(c, file_id, done);
    if (!back_to_form(written.error())) return error_response(c, written.error());
    add_error(failed.errors, written.error());
  }
  return after_failed_form(c, file_id, std::move(failed));
}

Response update_item(Call& c) {
  const auto file_id = c.param(0), slug = c.param(1), item_id = c.param(2);
  std::optional<Response> out;
  const bool known = with_item_kind(c.app(), slug, [&](auto& service) {
    auto item = service.get(c.principal, item_id);
    if (!item || item->risk_file_id != file_id) {
      out = error_response(c, item ? Error{ErrorCode::not_found, "no such item in this file", {}}
                                   : item.error());
      return;
    }
    using Service = std::remove_reference_t<decltype(service)>;
    auto in = Service::input_of_record(*item);
    out = submit_form(c, file_id, in, {.form = "edit:" + slug + ":" + item_id}, "Saved.", [&] {
      return service.update(c.principal, item_id, in, version_field(c));
    });
  });
  if (!known) return error_response(c, Error{ErrorCode::not_found, "unknown item kind", {}});
  return std::move(*out);
}

Response create_item(Call& c) {
  const auto file_id = c.param(0), slug = c.param(1);
  std::optional<Response> out;
  const bool known = with_item_kind(c.app(), slug, [&](auto& service) {
    typename std::remove_reference_t<decltype(service)>::input_type in{};
    out = submit_form(c, file_id, in, {.form = "add:" + slug}, "Added.",
                      [&] { return service.create(c.principal, file_id, in); });
  });
  if (!known) return error_response(c, Error{ErrorCode::not_found, "unknown item kind", {}});
  return std::move(*out);
}

Response remove_item(Call& c) {
  const auto file_id = c.param(0), slug = c.param(1), item_id = c.param(2);
  std::optional<Response> out;
  const bool known = with_item_kind(c.app(), slug, [&](auto& service) {
    auto item = service.get(c.principal, item_id);
    if (!item || item->risk_file_id != file_id) {
      out = error_response(c, item ? Error{ErrorCode::not_found, "no such item in this file", {}}
                                   : item.error());
      return;
    }
    if (auto done = service.remove(c.principal, item_id, version_field(c)); !done) {
      out = error_response(c, done.error());
      return;
    }
    out = after_file_write(c, file_id, "Removed.");
  });
  if (!known) return error_response(c, Error{ErrorCode::not_found, "unknown item kind", {}});
  return std::move(*out);
}

// Retires (with the form's rationale) or reinstates an item of the kinds that carry a ref.
Response set_retirement(Call& c, bool retire) {
  const auto file_id = c.param(0), slug = c.param(1), item_id = c.param(2);
  std::optional<Response> out;
  const bool known = with_item_kind(c.app(), slug, [&](auto& service) {
    using T = typename std::remove_reference_t<decltype(service)>::record_type;
    if constexpr (!risk::ReferencedItem<T>) {
      out = error_response(c, Error{ErrorCode::not_found, "this kind of item is not retired", {}});
    } else {
      auto item = service.get(c.principal, item_id);
      if (!item || item->risk_file_id != file_id) {
        out = error_response(
            c, item ? Error{ErrorCode::not_found, "no such item in this file", {}} : item.error());
        return;
      }
      const auto done =
          retire ? service.retire(c.principal, item_id, c.form.get("rationale"), version_field(c))
                 : service.reinstate(c.principal, item_id, version_field(c));
      if (!done) {
        out = error_response(c, done.error());
        return;
      }
      out = after_file_write(
          c, file_id, risk::ref_or_id(*done) + (retire ? " was retired." : " was reinstated."));
    }
  });
  if (!known) return error_response(c, Error{ErrorCode::not_found, "unknown item kind", {}});
  return std::move(*out);
}

Response retire_item(Call& c) {
  return set_retirement(c, true);
}
Response reinstate_item(Call& c) {
  return set_retirement(c, false);
}

}  // namespace

FormSpec item_form_spec(std::string_view slug, const FileView& v, std::string_view id_prefix) {
  FormSpec spec;
  spec.id_prefix = std::string(id_prefix) + "-" + std::string(slug);
  // Labels and help texts are those of the record type the form edits (message catalogue).
  static constexpr std::pair<std::string_view, std::string_view> kEntities[] = {
      {"hazards", "hazard"},           {"situations", "hazardous_situation"},
      {"harms", "harm"},               {"risks", "situation_harm"},
      {"controls", "risk_control"},    {"residuals", "residual_estimate"},
      {"control-links", "control_link"}};
  for (const auto& [s, entity] : kEntities)
    if (s == slug) spec.entity = std::string(entity);
  if (slug == "harms") {
    spec.choices.emplace("severity_rank", severity_choices(v));
  } else if (slug == "risks") {
    spec.omit = {"situation_id", "harm_id"};
  } else if (slug == "residuals") {
    // Nothing of an estimate is preselected: P1 and P2 start empty, the risk and the severity
    // on "choose…" (a default severity once made a serious risk look negligible).
    spec.choices.emplace("severity_rank", severity_choices(v));
    spec.empty_choice.emplace("severity_rank", "choose…");
    spec.choices.emplace("severity_control_id", inherent_safety_choices(v));
    spec.empty_choice.emplace("severity_control_id", "none: the severity is not lowered");
    if (id_prefix == "edit") {
      spec.omit = {"situation_harm_id"};  // a revision stays with its risk
    } else {
      spec.choices.emplace("situation_harm_id", pair_choices(v, true));
      spec.empty_choice.emplace("situation_harm_id", "choose…");
    }
  } else if (slug == "control-links") {
    Choices controls;
    for (const auto& ctl : v.snapshot().controls)
      controls.emplace_back(ctl.header.id, risk::labelled(ctl));
    spec.choices.emplace("control_id", std::move(controls));
    spec.choices.emplace("situation_harm_id", pair_choices(v, false));
  }
  return spec;
}

void add_item_routes(http::RouteTable& routes) {
  using http::Access;
  using http::Exec;
  using http::Method;
  routes.add({.method = Method::get, .pattern = "/files/{id}/items/{kind}/{item}/edit",
              .operation_id = "webEditItem", .tag = "web", .handler = &edit_form,
              .access = Access::page,
              .permission = Permission::write_risk});
  routes.add({.method = Method::post, .pattern = "/files/{id}/items/{kind}/{item}",
              .operation_id = "webUpdateItem", .tag = "web", .handler = &update_item,
              .access = Access::page, .exec = Exec::write_pool,
              .permission = Permission::write_risk});
  routes.add({.method = Method::post, .pattern = "/files/{id}/items/{kind}/{item}/delete",
              .operation_id = "webRemoveItem", .tag = "web", .handler = &remove_item,
              .access = Access::page, .exec = Exec::write_pool,
              .permission = Permission::write_risk});
  routes.add({.method = Method::post, .pattern = "/files/{id}/items/{kind}/{item}/retire",
              .operation_id = "webRetireItem", .tag = "web", .handler = &retire_item,
              .access = Access::page, .exec = Exec::write_pool,
              .permission = Permission::write_risk});
  routes.add({.method = Method::post, .pattern = "/files/{id}/items/{kind}/{item}/reinstate",
              .operation_id = "webReinstateItem", .tag = "web", .handler = &reinstate_item,
              .access = Access::page, .exec = Exec::write_pool,
              .permission = Permission::write_risk});
  routes.add({.method = Method::post, .pattern = "/files/{id}/items/{kind}",
              .operation_id = "webCreateItem", .tag = "web", .handler = &create_item,
              .access = Access::page, .exec = Exec::write_pool,
              .permission = Permission::write_risk});
}

}  // namespace riskloop::web
