// Organizations, members, API tokens and partner shares.
#pragma once

#include <optional>
#include <vector>

#include "app/app_context.hpp"
#include "app/principal.hpp"
#include "core/accounts.hpp"

namespace riskloop::app {

struct Member {
  User user;
  Membership membership;
  bool new_user = false;  // the user was created with this membership (else: an existing account)
  // Set instead of a membership when the account already belongs to another organization: it
  // joins only when its owner accepts (respond_to_invitation).
  std::optional<Invitation> invitation;
};

// An invitation as its invitee sees it: with the inviting organization's name.
struct ReceivedInvitation {
  Invitation invitation;
  Organization organization;
};

struct NewToken {
  ApiToken token;
  std::string secret;  // shown once, never stored
};

struct Page {
  std::string after;  // cursor: last id of the previous page
  int limit = 100;
};

class Accounts {
 public:
  explicit Accounts(AppContext& ctx) : ctx_(ctx) {}

  // Set-up of a new installation or tenant by a local operator: the organization, its first admin.
  struct Bootstrap {
    Organization organization;
    User admin;
    bool new_admin = false;  // the admin account was created (else: an existing user)
  };
  Result<Bootstrap> bootstrap(const Principal& op, const OrganizationInput& org,
                              const NewMemberInput& admin);

  // Organizations the principal belongs to (all of them for a local operator).
  Result<std::vector<Organization>> organizations(const Principal& who);
  Result<Organization> organization(const Principal& who, const Id& id);
  Result<Organization> organization_by_slug(const Principal& who, const std::string& slug);
  // Creates a tenant; the creator (an admin of their current organization) becomes its admin.
  Result<Organization> create_organization(const Principal& who, const OrganizationInput& in);

  Result<std::vector<Member>> members(const Principal& who, const Page& page);
  Result<Member> member(const Principal& who, const Id& user_id);
  Result<Member> member_by_email(const Principal& who, const std::string& email);
  // A new e-mail creates the account and its membership. An account that already belongs to
  // another organization is invited instead (Member::invitation) and joins when its owner
  // accepts; only a local operator (the CLI without --as) adds such an account at once.
  Result<Member> add_member(const Principal& who, const NewMemberInput& in);

  // The organization's invitations (admins), newest last.
  Result<std::vector<Invitation>> invitations(const Principal& who, const Page& page);
  // The caller's own pending invitations, from any organization.
  Result<std::vector<ReceivedInvitation>> my_invitations(const Principal& who);
  // The invitee accepts (becomes a member with the invitation's role) or declines.
  Result<Invitation> respond_to_invitation(const Principal& who, const Id& invitation_id,
                                           bool accept);
  // An admin withdraws a pending invitation of the organization.
  Result<Invitation> withdraw_invitation(const Principal& who, const Id& invitation_id);

  // Whether `who` may change the account `user_id` at all (themselves, or anyone for admins),
  // before the account is read.
  static Status may_change_user(const Principal& who, const Id& user_id);
  // Display name and status: admins for anyone, everyone for themselves (not their status).
  // Admins may change only accounts that belong to no other organization.
  Result<User> update_user(const Principal& who, const Id& user_id, const UserUpdateInput& in,
                           std::optional<std::int64_t> expected_version);
  // Own password (current one required) or, for admins and operators, anyone's in the organization
  // that belongs to no other organization. Ends the account's sessions and revokes its tokens.
  Status change_password(const Principal& who, const Id& user_id, const PasswordChangeInput& in);
  Result<Membership> set_role(const Principal& who, const Id& membership_id, Role role,
                              std::optional<std::int64_t> expected_version);
  Status remove_member(const Principal& who, const Id& membership_id,
                       std::optional<std::int64_t> expected_version);

  Result<NewToken> create_token(const Principal& who, const TokenInput& in);
  // Admins see every token of the organization, others their own.
  Result<std::vector<ApiToken>> tokens(const Principal& who, const Page& page);
  Result<ApiToken> revoke_token(const Principal& who, const Id& token_id);

  Result<Share> share(const Principal& who, const ShareInput& in);
  Result<std::vector<Share>> shares(const Principal& who, const Page& page);
  Status unshare(const Principal& who, const Id& share_id);

 private:
  AppContext& ctx_;
};

}  // namespace riskloop::app
