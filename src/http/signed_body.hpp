// The body of a signed request: the decision's own members plus the signature, which carries the
// signer's password (21 CFR 11.200: re-entered at every signing). The password travels only in
// this JSON body, never in a header or the query, so it never reaches a log line or a proxy's
// access log.
//
//   {"stage":"design","outcome":"passed","rationale":"...",
//    "signature":{"password":"...","meaning":"approval"}}
#pragma once

#include "core/signature.hpp"
#include "http/rest_conventions.hpp"

namespace riskloop::http {

template <class Input>
struct Signed {
  Input input;
  SignatureInput signature;

  template <class V, class Self>
  static void fields(V& v, Self& s) {
    Input::fields(v, s.input);
    v("signature", s.signature);
  }
};

// A body holding only the signature (approving a policy version).
struct SignatureOnly {
  template <class V, class Self>
  static void fields(V&, Self&) {}
};

// Decodes a signed body; a missing signature is named at "/signature/password", where the
// password would have been.
template <class Input>
Result<Signed<Input>> decode_signed(const Call& call) {
  Signed<Input> out;
  RL_CHECK(decode_body(call, out));
  if (!call.body.contains("signature"))
    return fail(ErrorCode::validation, "is required to sign", "/signature/password");
  return out;
}

}  // namespace riskloop::http
