// Roles of a member in an organization, and what each may do.
#pragma once

#include <array>
#include <string_view>

#include "core/enum_names.hpp"

namespace riskloop {

enum class Role {
  admin,         // manages members, tokens and everything else in the organization
  risk_manager,  // owns risk files and policies, signs risk decisions
  engineer,      // design and process engineering: edits risk items and products
  quality,       // quality engineering: edits risk items, verifications, reviews
  regulatory,    // regulatory affairs: products and registrations
  vigilance,     // post-market surveillance and vigilance
  auditor,       // reads everything, changes nothing
  partner,       // external alliance member: sees only what is shared with it
};

template <>
struct EnumNames<Role> {
  static constexpr std::array<std::string_view, 8> names = {
      "admin",      "risk_manager", "engineer", "quality",
      "regulatory", "vigilance",    "auditor",  "partner"};
};

// Kinds of action, checked in app/ for every command.
enum class Permission {
  read,             // read the organization's records (partners: only what is shared)
  write_products,   // create and change products
  write_risk,       // create and change risk files and their items
  sign_risk,        // sign risk decisions (gates, overall residual risk, policy approval)
  write_vigilance,  // complaints, adverse events and their reports
  manage_members,   // users, memberships, organization settings
  manage_own_tokens,  // create and revoke one's own API tokens
};

bool allows(Role role, Permission permission);

}  // namespace riskloop
