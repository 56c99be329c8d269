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
  // The language of their pages: "en", "zh-CN", or "" (not chosen: the browser's decides).
  std::string language;

  template <class V, class Self>
  static void fields(V& v, Self& s) {
    v("email", s.email);
    v("display_name", s.display_name);
    v("status", s.status);
    v("password_hash", s.password_hash, kSecret);
    v("language", s.language, kAddedLater);
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

// Something of the organization made visible to a partner (external alliance member). Partners
// see nothing else.
struct Share {
  static constexpr std::string_view entity = "share";
  static constexpr std::string_view table = "shares";
  static constexpr Scope scope = Scope::organization;

  RecordHeader header;
  std::string shared_entity;  // e.g. "product"
  Id shared_id;
  Id user_id;                 // the partner

  template <class V, class Self>
  static void fields(V& v, Self& s) {
    v("shared_entity", s.shared_entity);
    v("shared_id", s.shared_id);
    v("user_id", s.user_id);
  }
};

struct ShareInput {
  std::string shared_entity;
  Id shared_id;
  Id user_id;
  template <class V, class Self>
  static void fields(V& v, Self& s) {
    v("shared_entity", s.shared_entity);
    v("shared_id", s.shared_id);
    v("user_id", s.user_id);
  }
};

// An organization's invitation to an account that already belongs to another organization. The
// account joins only when its owner accepts while logged in: an admin of one organization can
// never take over an account that another organization relies on.
enum class InvitationStatus { pending, accepted, declined, withdrawn };
template <>
struct EnumNames<InvitationStatus> {
  static constexpr std::array<std::string_view, 4> names = {"pending", "accepted", "declined",
                                                            "withdrawn"};
};

struct Invitation {
  static constexpr std::string_view entity = "invitation";
  static constexpr std::string_view table = "invitations";
  static constexpr Scope scope = Scope::organization;

  RecordHeader header;
  Id user_id;               // the invited account
  std::string email;        // its e-mail, as the inviting admin typed it
  Role role = Role::engineer;  // the role it gets on accepting
  std::string invited_by;   // the inviting member's e-mail (or the local operator's actor)
  InvitationStatus status = InvitationStatus::pending;

  template <class V, class Self>
  static void fields(V& v, Self& s) {
    v("user_id", s.user_id);
    v("email", s.email);
    v("role", s.role);
    v("invited_by", s.invited_by);
    v("status", s.status);
  }
};

// Something an administrator should look at: a failed password re-check (signature, password
// change, policy migration) and whether it locked the account. Journaled like every record.
struct SecurityEvent {
  static constexpr std::string_view entity = "security_event";
  static constexpr std::string_view table = "security_events";
  static constexpr Scope scope = Scope::organization;

  RecordHeader header;
  std::string kind;     // "password_recheck_failed"
  Id user_id;           // whose password was wrong
  std::string purpose;  // what the password was asked for: "signature", "password change", ...
  bool locked = false;  // this failure locked the account (login included) for a while

  template <class V, class Self>
  static void fields(V& v, Self& s) {
    v("kind", s.kind);
    v("user_id", s.user_id);
    v("purpose", s.purpose);
    v("locked", s.locked);
  }
};

// --- what people may submit (each validate() names the offending field) ------------------

struct OrganizationInput {
  std::string name;
  std::string slug;
  template <class V, class Self>
  static void fields(V& v, Self& s) {
    v("name", s.name);
    v("slug", s.slug);
  }
};
Status validate(const OrganizationInput& in);

// A new member: creates the user if the e-mail is unknown (then password is required), else adds
// the existing user to the organization.
struct NewMemberInput {
  std::string email;
  std::string display_name;
  std::string password;
  Role role = Role::engineer;
  template <class V, class Self>
  static void fields(V& v, Self& s) {
    v("email", s.email);
    v("display_name", s.display_name);
    v("password", s.password);
    v("role", s.role);
  }
};

struct UserUpdateInput {
  std::string display_name;
  UserStatus status = UserStatus::active;
  std::string language;  // "en", "zh-CN", or "" for the browser's choice
  template <class V, class Self>
  static void fields(V& v, Self& s) {
    v("display_name", s.display_name);
    v("status", s.status);
    v("language", s.language);
  }
};
Status validate(const UserUpdateInput& in);

struct PasswordChangeInput {
  std::string current_password;  // required when changing one's own password
  std::string new_password;
  template <class V, class Self>
  static void fields(V& v, Self& s) {
    v("current_password", s.current_password);
    v("new_password", s.new_password);
  }
};

struct RoleInput {
  Role role = Role::auditor;
  template <class V, class Self>
  static void fields(V& v, Self& s) {
    v("role", s.role);
  }
};

struct TokenInput {
  std::string name;
  std::optional<std::int64_t> expires_in_days;  // required: 1..kMaxTokenDays
  template <class V, class Self>
  static void fields(V& v, Self& s) {
    v("name", s.name);
    v("expires_in_days", s.expires_in_days);
  }
};
// API tokens always expire, at most this many days after they are made: a leaked token stops
// working on its own.
inline constexpr std::int64_t kMaxTokenDays = 365;
Status validate(const TokenInput& in);

struct LoginInput {
  std::string email;
  std::string password;
  std::string organization;  // slug; empty = the user's first organization
  template <class V, class Self>
  static void fields(V& v, Self& s) {
    v("email", s.email);
    v("password", s.password);
    v("organization", s.organization);
  }
};

Status check_slug(std::string_view location, std::string_view slug);
// At least 12 characters, at most 1024 bytes, valid UTF-8.
Status check_password(std::string_view location, std::string_view password);
Status check_display_name(std::string_view location, std::string_view name);

}  // namespace riskloop
