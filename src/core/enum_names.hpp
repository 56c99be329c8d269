// One table of names per enum, used for JSON, storage and messages alike.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace riskloop {

// Specialize with: static constexpr std::array<std::string_view, N> names = {...};
// in the order of the enumerators (which must be 0..N-1).
template <class E>
struct EnumNames;

template <class E>
concept NamedEnum = std::is_enum_v<E> && requires { EnumNames<E>::names; };

template <NamedEnum E>
constexpr std::string_view name_of(E value) {
  return EnumNames<E>::names[static_cast<std::size_t>(value)];
}

template <NamedEnum E>
constexpr std::optional<E> enum_from_name(std::string_view text) {
  const auto& names = EnumNames<E>::names;
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == text) return static_cast<E>(i);
  return std::nullopt;
}

// "a, b or c": for messages that say what is allowed.
template <NamedEnum E>
std::string allowed_names() {
  std::string out;
  const auto& names = EnumNames<E>::names;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += (i + 1 == names.size()) ? " or " : ", ";
    out += names[i];
  }
  return out;
}

}  // namespace riskloop
