// The items of a risk file (hazards, situations, harms, links, controls, residual estimates,
// reviews): one generic service, since each is created, read, changed and removed the same way.
// What differs per type lives in risk_item_rules.hpp.
#pragma once

#include <algorithm>
#include <optional>
#include <vector>

#include "app/accounts.hpp"
#include "app/recorder.hpp"
#include "app/risk_access.hpp"
#include "app/risk_item_rules.hpp"

namespace riskloop::app {

template <Record T, class Input>
class RiskItems {
 public:
  using record_type = T;
  using input_type = Input;

  explicit RiskItems(AppContext& ctx) : ctx_(ctx) {}

  Result<T> create(const Principal& who, const Id& file_id, const Input& in) {
    RL_CHECK(require(who, Permission::write_risk, "change risk files"));
    RL_CHECK(validate(in));
    T rec{};
    RL_CHECK(apply_input(in, rec));
    rec.risk_file_id = file_id;
    RL_CHECK(in_words(ctx_.store.transaction([&](store::Tx& tx) -> Status {
      RL_CHECK(visible_file(tx, who, file_id));
      RL_CHECK(check_item_references(tx, who.org_id, rec));
      RL_CHECK(check_item_rules(tx, who.org_id, rec));
      RL_CHECK(assign_item_ref(tx, rec));
      Recorder r(tx, who, ctx_.clock.now());
      RL_CHECK(r.create(rec, ctx_.ids.next_id()));
      return after_item_write(r, rec);
    })));
    return rec;
  }

  Result<T> get(const Principal& who, const Id& id) {
    T rec{};
    RL_CHECK(ctx_.store.read([&](store::Tx& tx) -> Status {
      rec = RL_TRY(read_visible(tx, who, id));
      return {};
    }));
    return rec;
  }

  Result<std::vector<T>> list(const Principal& who, const Id& file_id, const Page& page) {
    std::vector<T> out;
    RL_CHECK(ctx_.store.read([&](store::Tx& tx) -> Status {
      RL_CHECK(visible_file(tx, who, file_id));
      out = RL_TRY(tx.list<T>(who.org_id,
                              {.where = {{"risk_file_id", file_id}},
                               .after_id = page.after,
                               .limit = std::clamp(page.limit, 1, ctx_.options.max_page_size)}));
      return {};
    }));
    return out;
  }

  // Whether `who` may change items at all, before any record is read.
  static Status may_change(const Principal& who) {
    return require(who, Permission::write_risk, "change risk files");
  }

  Result<T> update(const Principal& who, const Id& id, const Input& in,
                   std::optional<std::int64_t> expected_version) {
    RL_CHECK(may_change(who));
    RL_CHECK(validate(in));
    T rec{};
    RL_CHECK(in_words(ctx_.store.transaction([&](store::Tx& tx) -> Status {
      rec = RL_TRY(read_visible(tx, who, id));
      RL_CHECK(check_version(T::entity, id, rec.header.version, expected_version));
      const std::string before = formats::canonical_payload(rec);
      RL_CHECK(apply_input(in, rec));
      if (formats::canonical_payload(rec) == before) return {};  // a save without a change
      RL_CHECK(check_item_references(tx, who.org_id, rec));
      RL_CHECK(check_item_rules(tx, who.org_id, rec));
      Recorder r(tx, who, ctx_.clock.now());
      RL_CHECK(r.update(rec));
      return after_item_write(r, rec);
    })));
    return rec;
  }

  Status remove(const Principal& who, const Id& id, std::optional<std::int64_t> expected_version) {
    RL_CHECK(require(who, Permission::write_risk, "change risk files"));
    return ctx_.store.transaction([&](store::Tx& tx) -> Status {
      const auto rec = RL_TRY(read_visible(tx, who, id));
      RL_CHECK(check_version(T::entity, id, rec.header.version, expected_version));
      RL_CHECK(check_item_removable(tx, who.org_id, rec));
      Recorder r(tx, who, ctx_.clock.now());
      return r.remove(rec);
    });
  }

  // Retires an item (core/risk/item_refs.hpp): it stays stored, listed and readable, journaled
  // as an update carrying the rationale, but no longer counts in the assessment. Refused for an
  // item already retired (conflict) and without a rationale (validation, "/rationale").
  Result<T> retire(const Principal& who, const Id& id, const std::string& rationale,
                   std::optional<std::int64_t> expected_version) requires risk::ReferencedItem<T> {
    RL_CHECK(risk::validate_retire_rationale(rationale));
    return set_retirement(who, id, rationale, expected_version);
  }

  // Counts the item again; refused (conflict) for an item that is not retired.
  Result<T> reinstate(
      const Principal& who, const Id& id,
      std::optional<std::int64_t> expected_version) requires risk::ReferencedItem<T> {
    return set_retirement(who, id, {}, expected_version);
  }

  // The settable fields of a stored item: where a partial update starts.
  static Input input_of_record(const T& rec) { return record_input<Input>(rec); }

 private:
  static Status in_words(Status written) {
    if (written) return written;
    return tl::unexpected(duplicate_in_words(written.error(), T::entity));
  }

  Result<T> set_retirement(const Principal& who, const Id& id, const std::string& rationale,
                           std::optional<std::int64_t> expected_version) {
    RL_CHECK(require(who, Permission::write_risk, "change risk files"));
    T rec{};
    RL_CHECK(ctx_.store.transaction([&](store::Tx& tx) -> Status {
      rec = RL_TRY(read_visible(tx, who, id));
      RL_CHECK(check_version(T::entity, id, rec.header.version, expected_version));
      const std::string name = std::string(T::entity) + " " + risk::ref_or_id(rec);
      if (!rationale.empty() && risk::retired(rec))
        return fail(ErrorCode::conflict, name + " is already retired (\"" + rec.retired_rationale +
                                             "\"); reinstate it first to retire it again");
      if (rationale.empty() && !risk::retired(rec))
        return fail(ErrorCode::conflict, name + " is not retired");
      rec.retired_rationale = rationale;
      Recorder r(tx, who, ctx_.clock.now());
      RL_CHECK(r.update(rec));
      return after_item_write(r, rec);
    }));
    return rec;
  }

  Result<T> read_visible(store::Tx& tx, const Principal& who, const Id& id) {
    auto rec = RL_TRY(tx.get<T>(who.org_id, id));
    if (!visible_file(tx, who, rec.risk_file_id))
      return fail(ErrorCode::not_found, std::string(T::entity) + " " + id + " does not exist");
    return rec;
  }

  AppContext& ctx_;
};

}  // namespace riskloop::app
