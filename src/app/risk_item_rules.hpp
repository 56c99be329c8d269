// What differs between the item types of a risk file: which ids an item refers to (all must be
// items of the same file), what may not be removed while referred to, and what follows a write.
#pragma once

#include "app/recorder.hpp"
#include "core/field_copy.hpp"
#include "core/risk/analysis_chain.hpp"
#include "core/risk/item_refs.hpp"
#include "core/risk/residual_estimate.hpp"
#include "core/risk/review.hpp"
#include "core/risk/risk_control.hpp"
#include "store/tx.hpp"

namespace riskloop::app {

namespace detail {

// Checks every field that names another item of a risk file (hazard_id, situation_id, harm_id,
// control_id, situation_harm_id): it must exist in the organization and belong to `file_id`.
struct ReferenceChecker {
  store::Tx& tx;
  const Id& org;
  const Id& file_id;
  Status status;

  template <class X>
  void operator()(std::string_view name, const X& value, unsigned = 0) {
    if constexpr (std::is_same_v<X, Id>) {
      if (!status) return;
      if (name == "hazard_id") status = check<risk::Hazard>(name, value);
      else if (name == "situation_id") status = check<risk::HazardousSituation>(name, value);
      else if (name == "harm_id") status = check<risk::Harm>(name, value);
      else if (name == "control_id") status = check<risk::RiskControl>(name, value);
      else if (name == "situation_harm_id") status = check<risk::SituationHarm>(name, value);
    }
  }

  template <Record T>
  Status check(std::string_view field, const Id& id) {
    const std::string where = "/" + std::string(field);
    if (id.empty()) return fail(ErrorCode::validation, "is required", where);
    const auto item = tx.get<T>(org, id);
    if (!item) {
      if (item.error().code == ErrorCode::not_found)
        return fail(ErrorCode::validation, std::string(T::entity) + " " + id + " does not exist", where);
      return tl::unexpected(item.error());
    }
    if (item->risk_file_id != file_id)
      return fail(ErrorCode::validation,
                  std::string(T::entity) + " " + id + " belongs to another risk file", where);
    return {};
  }
};

}  // namespace detail

template <class T>
Status check_item_references(store::Tx& tx, const Id& org, const T& rec) {
  detail::ReferenceChecker c{tx, org, rec.risk_file_id, {}};
  T::fields(c, rec);
  return c.status;
}

// Gives a new item its ref (core/risk/item_refs.hpp): the next number of its kind in its file.
// Every path that creates items calls it in the creating transaction.
template <class T>
Status assign_item_ref(store::Tx& tx, T& rec) {
  if constexpr (risk::ReferencedItem<T>) {
    const auto number = RL_TRY(tx.next_item_number(rec.risk_file_id, T::entity));
    rec.ref = risk::format_ref(T::ref_prefix, number);
  }
  return {};
}

// An input onto its record, and a record back onto its input (the start of a partial update):
// the same-named fields, except where a type's input differs from its record.
template <class Input, class T>
Status apply_input(const Input& in, T& rec) {
  return copy_fields(in, rec);
}
inline Status apply_input(const risk::ResidualEstimateInput& in, risk::ResidualEstimate& rec) {
  risk::apply(in, rec);
  return {};
}
template <class Input, class T>
Input record_input(const T& rec) {
  return input_of<Input>(rec);
}
template <>
inline risk::ResidualEstimateInput record_input<risk::ResidualEstimateInput>(
    const risk::ResidualEstimate& rec) {
  return risk::input_of_record(rec);
}

// Rules across records for an item about to be written (created, or changed when its header id
// is set), said in words: the pairs the store keeps unique ("hazard \"X\" already leads to
// hazardous situation \"Y\""), one residual estimate per risk ("This risk already has a residual
// estimate; revise it instead."), and a lowered residual severity naming its inherent-safety
// control (risk::check_severity_change).
Status check_item_rules(store::Tx& tx, const Id& org, const risk::HazardSituationLink& rec);
Status check_item_rules(store::Tx& tx, const Id& org, const risk::SituationHarm& rec);
Status check_item_rules(store::Tx& tx, const Id& org, const risk::ControlLink& rec);
Status check_item_rules(store::Tx& tx, const Id& org, const risk::IntroducedHazard& rec);
Status check_item_rules(store::Tx& tx, const Id& org, const risk::ResidualEstimate& rec);
template <class T>
Status check_item_rules(store::Tx&, const Id&, const T&) {
  return {};
}

// A duplicate the store refused (two writers racing past check_item_rules) in the words of
// check_item_rules, so that no database message reaches a person; other errors pass unchanged.
Error duplicate_in_words(Error error, std::string_view entity);

// Refuses to remove an item other items still refer to, naming them (the store's foreign keys
// would refuse too, but without saying which).
Status check_item_removable(store::Tx& tx, const Id& org, const risk::Hazard& rec);
Status check_item_removable(store::Tx& tx, const Id& org, const risk::HazardousSituation& rec);
Status check_item_removable(store::Tx& tx, const Id& org, const risk::Harm& rec);
Status check_item_removable(store::Tx& tx, const Id& org, const risk::SituationHarm& rec);
Status check_item_removable(store::Tx& tx, const Id& org, const risk::RiskControl& rec);
template <class T>
Status check_item_removable(store::Tx&, const Id&, const T&) {
  return {};  // links, residual estimates and reviews are referred to by nothing
}

// A review closed: the file's next review falls due one review period after it was held.
Status after_item_write(Recorder& r, const risk::Review& review);
template <class T>
Status after_item_write(Recorder&, const T&) {
  return {};
}

}  // namespace riskloop::app
