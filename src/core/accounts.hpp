// Tenants, people and their roles: organizations, users, memberships and API tokens.
#pragma once

#include <optional>
#include <string>

#include "core/enum_names.hpp"
#include "core/error.hpp"
#include "core/record.hpp"
#include "core/role.hpp"

namespace riskloop {

struct Organization {
  static constexpr std::string_view entity = "organization";
  static constexpr std::string_view table = "organizations";
  static constexpr Scope scope = Scope::global;

  RecordHeader header;
  std::string name;  // "MicroPort Medical (demo)"
  std::string slug;  // "microport-demo": lower-case letters, digits and '-'

  template <class V, class Self>
  static void fields(V& v, Self& s) {
    v("name", s.name);
    v("slug", s.slug);
  }
};

enum class UserStatus { active, disabled };
template <>
struct EnumNames<UserStatus> {
  static constexpr std::array<std::string_view, 2> names = {"active", "disabled"};
};

struct User {
  static constexpr std::string_view entity = "user";
  static constexpr std::string_view table = "users";
  static constexpr Scope scope = Scope::global;

  RecordHeader header;
  std::string email;          // unique, lower case; the login name
  std::string display_name;   // printed name on electronic signatures
  UserStatus status = UserStatus::active;
  std::string password_hash;  // argon2id string (libsodium crypto_pwhash_str)

  template <class V, class Self>
  static void fields(V& v, Self& s) {
    v("email", s.email);
    v("display_name", s.display_name);
    v("status", s.status);
    v("password_hash", s.password_hash, kSecret);
  }
};

struct Membership {
  static constexpr std::string_view entity = "membership";
  static constexpr std::string_view table = "memberships";
  static constexpr Scope scope = Scope::organization;

  RecordHeader header;
  Id user_id;
  Role role = Role::auditor;

  template <class V, class Self>
  static void fields(V& v, Self& s) {
    v("user_id", s.user_id);
    v("role", s.role);
  }
};

// A bearer token for scripts. The secret is shown once at creation; only its SHA-256 is stored.
struct ApiToken {
  static constexpr std::string_view entity = "api_token";
  static constexpr std::string_view table = "api_tokens";
  static constexpr Scope scope = Scope::organization;

  RecordHeader header;
  Id user_id;
  std::string name;        // what it is for, e.g. "ERP nightly export"
  std::string prefix;      // first characters of the secret, to recognise it in lists
  std::string token_hash;  // hex SHA-256 of the secret
  std::optional<Timestamp> expires_at;
  std::optional<Timestamp> revoked_at;

  template <class V, class Self>
  static void fields(V& v, Self& s) {
    v("user_id", s.user_id);
    v("name", s.name);
    v("prefix", s.prefix);
    v("token_hash", s.token_hash, kSecret);
    v("expires_at", s.expires_at);
    v("revoked_at", s.revoked_at);
  }
};

Status check_slug(std::string_view location, std::string_view slug);

}  // namespace riskloop
