// Classification of the field types a record may hold (see core/record.hpp), shared by every
// visitor so they all agree on what a field is.
#pragma once

#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "core/enum_names.hpp"
#include "core/time.hpp"

namespace riskloop {

template <class X>
struct is_optional : std::false_type {};
template <class X>
struct is_optional<std::optional<X>> : std::true_type {};

template <class X>
struct is_vector : std::false_type {};
template <class X>
struct is_vector<std::vector<X>> : std::true_type {};

// A value stored as one column / one JSON scalar.
template <class X>
concept ScalarField = std::is_same_v<X, std::string> || std::is_same_v<X, bool> ||
                      std::is_same_v<X, double> || std::is_same_v<X, std::int64_t> ||
                      std::is_same_v<X, Timestamp> || NamedEnum<X>;

// A plain struct nested in a record (an element of a list field); it lists its own fields.
template <class X>
concept NestedField = std::is_class_v<X> && !ScalarField<X> && !is_optional<X>::value &&
                      !is_vector<X>::value;

}  // namespace riskloop
