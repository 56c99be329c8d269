// Re-authentication for signatures and signature look-ups.
#include "app/signatures.hpp"

#include "app/auth.hpp"

namespace riskloop::app {

Status confirm_signer(AppContext& ctx, const Principal& who, const SignatureInput& in) {
  if (who.user_id.empty())
    return fail(ErrorCode::forbidden,
                "a signature needs a person: act as a user (--as EMAIL) and give their password");
  if (in.password.empty()) return fail(ErrorCode::validation, "is required to sign", "/signature/password");
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
