// The role/permission table: the single place that says who may do what.
#include "core/role.hpp"

namespace riskloop {

bool allows(Role role, Permission p) {
  switch (p) {
    case Permission::read:
      return true;  // partners are further limited to shared records by the caller
    case Permission::write_products:
      return role == Role::admin || role == Role::risk_manager || role == Role::engineer ||
             role == Role::quality || role == Role::regulatory;
    case Permission::write_risk:
      return role == Role::admin || role == Role::risk_manager || role == Role::engineer ||
             role == Role::quality;
    case Permission::sign_risk:
      return role == Role::admin || role == Role::risk_manager;
    case Permission::write_vigilance:
      return role == Role::admin || role == Role::risk_manager || role == Role::quality ||
             role == Role::regulatory || role == Role::vigilance;
    case Permission::manage_members:
      return role == Role::admin;
    case Permission::manage_own_tokens:
      return true;  // a token never grants more than its owner's role
  }
  return false;
}

}  // namespace riskloop
