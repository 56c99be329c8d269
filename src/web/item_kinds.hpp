// The item types of a risk file as the UI edits them: URL slug, the app service, and how their
// forms look (fields left out, fields chosen from a list). Shared by the tabs that show the items
// and by the generic create / edit / delete routes (item_routes.cpp).
#pragma once

#include <string_view>

#include "app/app.hpp"
#include "web/form_view.hpp"
#include "web/risk_file_view.hpp"

namespace riskloop::web {

// The form of an item of kind `slug` (hazards, situations, harms, risks, controls, residuals,
// reviews) for file view `v`.
FormSpec item_form_spec(std::string_view slug, const FileView& v, std::string_view id_prefix);

// Calls f(service, slug) with the RiskItems service of `slug`; false for an unknown slug.
template <class F>
bool with_item_kind(app::App& app, std::string_view slug, F&& f) {
  if (slug == "hazards") {
    f(app.hazards());
    return true;
  }
  if (slug == "situations") {
    f(app.situations());
    return true;
  }
  if (slug == "harms") {
    f(app.harms());
    return true;
  }
  if (slug == "risks") {
    f(app.situation_harms());
    return true;
  }
  if (slug == "controls") {
    f(app.controls());
    return true;
  }
  if (slug == "control-links") {
    f(app.control_links());
    return true;
  }
  if (slug == "residuals") {
    f(app.residual_estimates());
    return true;
  }
  if (slug == "reviews") {
    f(app.reviews());
    return true;
  }
  return false;
}

// What a table row of an item with a ref needs for its ref, retired mark and retire action
// (templates retired_note, retire_action): kind, ref, version, retired and retired_rationale.
template <risk::ReferencedItem T>
void set_item_state(Data& row, std::string_view slug, const T& item) {
  row.set("kind", std::string(slug));
  row.set("ref", item.ref);
  row.set("version", std::to_string(item.header.version));
  row.set("retired", flag(risk::retired(item)));  // a section: an empty string would still render
  row.set("retired_rationale", item.retired_rationale);
}

// The data of an in-place edit row (template edit_row): the item's form inside one table row.
template <class Input>
Data edit_row(std::string_view slug, const Id& file_id, const Id& item_id, std::int64_t version,
              const Input& in, const FormSpec& spec, int colspan, std::string_view back) {
  Data d;
  d.set("kind", std::string(slug));
  d.set("file_id", file_id);
  d.set("item_id", item_id);
  d.set("version", std::to_string(version));
  d.set("colspan", std::to_string(colspan));
  d.set("back", std::string(back));
  d.set("fields", form_fields(in, spec));
  d.set("form_error", flag(false));
  if (spec.errors)
    if (const auto g = general_error(*spec.errors); !g.empty()) d.set("form_error", g);
  return d;
}

// Whether `failed` is the edit form of item `id` of kind `slug`.
inline bool is_failed_edit(const FailedForm* failed, std::string_view slug, const Id& id) {
  return failed && failed->form == "edit:" + std::string(slug) + ":" + id;
}

// Applies the failed form (values and errors) to `spec` when it is the form called `name`.
inline void apply_failed(FormSpec& spec, const FailedForm* failed, std::string_view name) {
  if (failed && failed->form == name) {
    spec.submitted = failed->submitted;
    spec.errors = &failed->errors;
  }
}

}  // namespace riskloop::web
