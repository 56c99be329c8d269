// Electronic signatures: re-authentication and the signature record bound to the signed version.
#pragma once

#include "app/app_context.hpp"
#include "app/recorder.hpp"
#include "core/signature.hpp"

namespace riskloop::app {

// 21 CFR 11.200(a)(1): the first signing of a session (a series of signings during one period of
// access) takes both components, the e-mail and the password; so does every signing with an API
// token, which is no such period. Later signings in the session take the password. (A CLI command
// run with --as names the person on its command line.)
bool needs_both_components(const Principal& who);

// Checks the signer's components (needs_both_components; the password against its stored hash),
// outside any transaction: argon2id is slow by design. A local operator without a person (--as)
// cannot sign.
Status confirm_signer(AppContext& ctx, const Principal& who, const SignatureInput& in);

// Records the signature of `rec` as it stands now (its version and canonical digest), in the
// caller's transaction, after confirm_signer succeeded.
template <Record T>
Result<Signature> sign_record(Recorder& r, IdSource& ids, const T& rec, SignatureMeaning meaning) {
  Signature s;
  s.signed_entity = std::string(T::entity);
  s.signed_id = rec.header.id;
  s.signed_version = rec.header.version;
  s.signed_digest = formats::sha256_hex(formats::canonical_payload(rec));
  s.meaning = meaning;
  s.signer_id = r.who().user_id;
  s.printed_name = r.who().display_name;
  s.signed_at = r.now();
  RL_CHECK(r.create(s, ids.next_id()));
  if (!r.who().session_hash.empty())
    RL_CHECK(r.tx().mark_session_signed(r.who().session_hash, r.now()));
  return s;
}

// Signatures of one record, oldest first.
Result<std::vector<Signature>> signatures_of(store::Tx& tx, const Id& org, std::string_view entity,
                                             const Id& id);

}  // namespace riskloop::app
