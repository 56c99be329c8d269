// The "1+2+3+4" frame: the mission and life-cycle stage that every risk item carries.
#pragma once

#include <array>
#include <string_view>

#include "core/enum_names.hpp"

namespace riskloop::risk {

// The two parallel missions: product life-cycle risk management (ISO 14971) and operational
// (enterprise) risk control (ISO 13485 4.1.2 b, 7.4.1; outside ISO 14971).
enum class Mission { product_lifecycle, operational };

// The three stages, in life-cycle order. A gate for a stage covers that stage and every earlier
// one.
enum class Stage { design, manufacturing, post_launch };

// True when an item of stage `item` counts at the gate of stage `gate`.
constexpr bool at_or_before(Stage item, Stage gate) {
  return static_cast<int>(item) <= static_cast<int>(gate);
}

}  // namespace riskloop::risk

namespace riskloop {

template <>
struct EnumNames<risk::Mission> {
  static constexpr std::array<std::string_view, 2> names = {"product_lifecycle", "operational"};
};

template <>
struct EnumNames<risk::Stage> {
  static constexpr std::array<std::string_view, 3> names = {"design", "manufacturing",
                                                            "post_launch"};
};

}  // namespace riskloop
