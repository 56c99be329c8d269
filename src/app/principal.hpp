// Who is acting: the authenticated person (or local operator), their organization and role.
#pragma once

#include <string>

#include "core/error.hpp"
#include "core/record.hpp"
#include "core/role.hpp"

namespace riskloop::app {

struct Principal {
  Id user_id;               // empty for a local operator without --as
  std::string email;
  std::string display_name;
  std::string language;     // the user's chosen language tag ("en", "zh-CN"); "" when not chosen
  Id org_id;                // every command acts inside this organization
  Role role = Role::auditor;
  // Journal attribution: "user:<id>", "token:<id>" or "cli:<login>".
  std::string actor;
  // A person at the database file (the CLI): allowed everything, as file access allows it anyway.
  bool local_operator = false;
  // Set when authenticated by a session cookie: the session and its CSRF token.
  std::string session_hash;
  std::string csrf_token;
  bool session_signed = false;  // the session has made a signature already (21 CFR 11.200(a)(1))
  Id token_id;              // set when authenticated by an API token
};

// Fails with `forbidden` naming the role and action unless the principal may do it.
Status require(const Principal& who, Permission permission, std::string_view action);

}  // namespace riskloop::app
