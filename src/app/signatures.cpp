// Re-authentication for signatures and signature look-ups.
#include "app/signatures.hpp"

#include <algorithm>
#include <cctype>

#include "app/auth.hpp"

namespace riskloop::app {

namespace {

bool same_email(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

bool needs_both_components(const Principal& who) {
  return !who.token_id.empty() || (!who.session_hash.empty() && !who.session_signed);
}

Status confirm_signer(AppContext& ctx, const Principal& who, const SignatureInput& in) {
  if (who.user_id.empty())
    return fail(ErrorCode::forbidden,
                "a signature needs a person: act as a user (--as EMAIL) and give their password");
  if (in.password.empty()) return fail(ErrorCode::validation, "is required to sign", "/signature/password");
  if (needs_both_components(who) && in.email.empty())
    return fail(ErrorCode::validation,
                "is required to sign: the first signature of a session, and every signature "
                "made with an API token, takes your e-mail and your password",
                "/signature/email");
  if (!in.email.empty() && !same_email(in.email, who.email))
    return fail(ErrorCode::unauthenticated,
                "is not the e-mail of the person signed in; the signature was not made",
                "/signature/email");
  auto confirmed = Auth(ctx).confirm_password(who, in.password, "signature", "/signature/password");
  if (!confirmed && confirmed.error().code == ErrorCode::unauthenticated)
    return fail(ErrorCode::unauthenticated, "the password is wrong; the signature was not made",
                "/signature/password");
  return confirmed;
}

Result<std::vector<Signature>> signatures_of(store::Tx& tx, const Id& org, std::string_view entity,
                                             const Id& id) {
  return tx.list_all<Signature>(org, {{"signed_entity", std::string(entity)}, {"signed_id", id}});
}

}  // namespace riskloop::app
