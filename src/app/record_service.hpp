// The use cases of a declared record type (core/record_declaration.hpp): create, get, find (typed,
// keyset-paged), count, update and delete, each authorized by the declaration's permissions,
// scoped to the caller's organization (another tenant's record is "not found"), validated by the
// declared limits, the type's own rules and its hooks, and journaled in the same transaction.
//
// A type's own behaviour plugs in without touching this file:
// - `Status validate(const T&)`, found by argument-dependent lookup: rules across its fields;
// - `RecordHooks<T>::before_write(tx, who, rec)`: rules across records (references exist...).
#pragma once

#include <algorithm>
#include <optional>

#include "app/app_context.hpp"
#include "app/principal.hpp"
#include "app/recorder.hpp"
#include "app/risk_access.hpp"
#include "core/product.hpp"
#include "core/record_rules.hpp"
#include "formats/json/record_json.hpp"

namespace riskloop::app {

template <class T>
struct RecordHooks {
  static Status before_write(store::Tx&, const Principal&, const T&) { return {}; }
};

template <DeclaredRecord T>
class RecordService {
 public:
  using record_type = T;

  explicit RecordService(AppContext& ctx) : ctx_(ctx) {}

  // `in` carries the fields; its header is ignored (the store assigns id, version and times).
  Result<T> create(const Principal& who, const T& in) {
    RL_CHECK(allowed(who, T::declaration.permissions.create, "add"));
    T rec = in;
    rec.header = {};
    RL_CHECK(validate_declared(rec));
    RL_CHECK(ctx_.store.transaction([&](store::Tx& tx) -> Status {
      RL_CHECK(check_owner(tx, who, rec));
      RL_CHECK(RecordHooks<T>::before_write(tx, who, rec));
      Recorder r(tx, who, ctx_.clock.now());
      return named_duplicate(r.create(rec, ctx_.ids.next_id()));
    }));
    return rec;
  }

  Result<T> get(const Principal& who, const Id& id) {
    RL_CHECK(allowed(who, T::declaration.permissions.read, "read"));
    T rec{};
    RL_CHECK(ctx_.store.read([&](store::Tx& tx) -> Status {
      rec = RL_TRY(read_visible(tx, who, id));
      return {};
    }));
    return rec;
  }

  // One page of the records that meet the query, in its order; `next` says where more follow.
  // Partners see only records of products shared with them.
  Result<store::Page<T>> find(const Principal& who, store::Query q) {
    RL_CHECK(allowed(who, T::declaration.permissions.read, "read"));
    q.limit = std::clamp(q.limit, 1, ctx_.options.max_page_size);
    store::Page<T> page;
    RL_CHECK(ctx_.store.read([&](store::Tx& tx) -> Status {
      page = RL_TRY(tx.find<T>(who.org_id, q));
      if (is_partner(who)) {
        std::vector<T> visible;
        for (auto& rec : page.items)
          if (check_owner(tx, who, rec)) visible.push_back(std::move(rec));
        page.items = std::move(visible);
      }
      return {};
    }));
    return page;
  }

  Result<std::int64_t> count(const Principal& who, const std::vector<store::Condition>& where) {
    RL_CHECK(allowed(who, T::declaration.permissions.read, "read"));
    if (is_partner(who))
      return fail(ErrorCode::forbidden, "partners cannot count " + std::string(T::declaration.plural));
    std::int64_t n = 0;
    RL_CHECK(ctx_.store.read([&](store::Tx& tx) -> Status {
      n = RL_TRY(tx.count<T>(who.org_id, where));
      return {};
    }));
    return n;
  }

  // Replaces the fields of the stored version `expected_version` (absent: the caller did not say;
  // the API requires it) with those of `in`. A change that changes nothing writes nothing.
  // Whether `who` may change records of T at all, before any record is read.
  static Status may_change(const Principal& who) {
    return allowed(who, T::declaration.permissions.update, "change");
  }

  Result<T> update(const Principal& who, const Id& id, const T& in,
                   std::optional<std::int64_t> expected_version) {
    RL_CHECK(may_change(who));
    RL_CHECK(validate_declared(in));
    T rec{};
    RL_CHECK(ctx_.store.transaction([&](store::Tx& tx) -> Status {
      rec = RL_TRY(read_visible(tx, who, id));
      RL_CHECK(check_version(T::entity, id, rec.header.version, expected_version));
      const RecordHeader header = rec.header;
      const std::string before = formats::canonical_payload(rec);
      rec = in;
      rec.header = header;
      if (formats::canonical_payload(rec) == before) return {};
      RL_CHECK(check_owner(tx, who, rec));
      RL_CHECK(RecordHooks<T>::before_write(tx, who, rec));
      Recorder r(tx, who, ctx_.clock.now());
      return named_duplicate(r.update(rec));
    }));
    return rec;
  }

  Status remove(const Principal& who, const Id& id, std::optional<std::int64_t> expected_version) {
    if (!T::declaration.permissions.removable)
      return fail(ErrorCode::forbidden,
                  std::string(T::declaration.plural) + " cannot be deleted; they stay on record");
    RL_CHECK(allowed(who, T::declaration.permissions.remove, "delete"));
    return ctx_.store.transaction([&](store::Tx& tx) -> Status {
      const T rec = RL_TRY(read_visible(tx, who, id));
      RL_CHECK(check_version(T::entity, id, rec.header.version, expected_version));
      Recorder r(tx, who, ctx_.clock.now());
      return r.remove(rec);
    });
  }

 private:
  static bool is_partner(const Principal& who) {
    return !who.local_operator && who.role == Role::partner;
  }

  static Status allowed(const Principal& who, Permission p, std::string_view verb) {
    if (T::declaration.owner == Owner::organization && is_partner(who))
      return fail(ErrorCode::forbidden, "partners have no access to " +
                                            std::string(T::declaration.plural));
    return require(who, p, std::string(verb) + " " + std::string(T::declaration.plural));
  }


  // The record's owner (product or risk file) exists in the organization and is visible to the
  // caller; for organization records there is nothing to check.
  static Status check_owner(store::Tx& tx, const Principal& who, const T& rec) {
    if constexpr (T::declaration.owner == Owner::product) {
      if (!tx.get<Product>(who.org_id, rec.product_id) || !RL_TRY(product_visible(tx, who, rec.product_id)))
        return fail(ErrorCode::validation, "product " + rec.product_id + " does not exist",
                    "/product_id");
    } else if constexpr (T::declaration.owner == Owner::risk_file) {
      if (!visible_file(tx, who, rec.risk_file_id))
        return fail(ErrorCode::validation, "risk file " + rec.risk_file_id + " does not exist",
                    "/risk_file_id");
    }
    return {};
  }

  // A write refused by a unique index of the declaration, said in the record's words (the
  // store's own message names tables and constraints); other results pass unchanged.
  static Status named_duplicate(Status written) {
    if (written || written.error().code != ErrorCode::conflict) return written;
    for (const auto& index : T::declaration.indexes) {
      if (!index.unique) continue;
      std::string fields(index.first);
      if (!index.second.empty()) fields += index.third.empty() ? " and " : ", ";
      fields += index.second;
      if (!index.third.empty()) fields += " and " + std::string(index.third);
      return fail(ErrorCode::conflict,
                  "a " + std::string(T::declaration.title) + " with the same " + fields +
                      " already exists",
                  "/" + std::string(index.first));
    }
    return fail(ErrorCode::conflict,
                "conflicts with a " + std::string(T::declaration.title) + " already stored");
  }

  Result<T> read_visible(store::Tx& tx, const Principal& who, const Id& id) {
    auto rec = RL_TRY(tx.get<T>(who.org_id, id));
    if (is_partner(who) && !check_owner(tx, who, rec))
      return fail(ErrorCode::not_found, std::string(T::entity) + " " + id + " does not exist");
    return rec;
  }

  AppContext& ctx_;
};

}  // namespace riskloop::app
