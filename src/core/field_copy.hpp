// Copies the fields of one field-listed struct onto the same-named fields of another: an input
// onto its record (create, update) and a record back onto its input (the start of a partial
// update). Names and types must agree; a mismatch is a programming error caught in tests.
#pragma once

#include <string>
#include <string_view>
#include <typeindex>
#include <utility>
#include <vector>

#include "core/error.hpp"

namespace riskloop {

namespace detail {

struct FieldSlot {
  std::string_view name;
  void* address;
  std::type_index type;
};

struct SlotCollector {
  std::vector<FieldSlot> slots;
  template <class X>
  void operator()(std::string_view name, X& value, unsigned = 0) {
    slots.push_back({name, &value, std::type_index(typeid(X))});
  }
};

struct SlotWriter {
  const std::vector<FieldSlot>& targets;
  std::string_view unmatched;  // the first source field without a target of the same type
  template <class X>
  void operator()(std::string_view name, const X& value, unsigned = 0) {
    for (const auto& t : targets) {
      if (t.name == name && t.type == std::type_index(typeid(X))) {
        *static_cast<X*>(t.address) = value;
        return;
      }
    }
    if (unmatched.empty()) unmatched = name;
  }
};

}  // namespace detail

// Assigns every field of `from` to the field of `to` with the same name. An internal error if
// some field of `from` has no same-named, same-typed field in `to` (its value would be lost): the
// two field lists disagree, which is a bug to fix there, never a fault of the caller's input.
template <class From, class To>
Status copy_fields(const From& from, To& to) {
  detail::SlotCollector targets;
  To::fields(targets, to);
  detail::SlotWriter writer{targets.slots, {}};
  From::fields(writer, from);
  if (!writer.unmatched.empty())
    return fail(ErrorCode::internal, "field \"" + std::string(writer.unmatched) +
                                         "\" has no same-named field of the same type to copy onto");
  return {};
}

// The settable part of a record: its input struct filled from the record's fields.
template <class Input, class RecordT>
Input input_of(const RecordT& rec) {
  Input in{};
  detail::SlotCollector targets;
  Input::fields(targets, in);
  detail::SlotWriter writer{targets.slots, {}};
  RecordT::fields(writer, rec);  // record fields without an input twin are simply skipped
  return in;
}

}  // namespace riskloop
