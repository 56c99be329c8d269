// Electronic signatures (21 CFR Part 11.50, 11.70, 11.200): a signed record version, bound to the
// digest of that version's canonical state, with the signer's printed name, time and meaning.
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "core/enum_names.hpp"
#include "core/record.hpp"

namespace riskloop {

enum class SignatureMeaning { authorship, review, approval, responsibility };

template <>
struct EnumNames<SignatureMeaning> {
  static constexpr std::array<std::string_view, 4> names = {"authorship", "review", "approval",
                                                            "responsibility"};
};

struct Signature {
  static constexpr std::string_view entity = "signature";
  static constexpr std::string_view table = "signatures";
  static constexpr Scope scope = Scope::organization;

  RecordHeader header;
  std::string signed_entity;   // Record::entity of what was signed, e.g. "gate_decision"
  Id signed_id;
  std::int64_t signed_version = 0;
  std::string signed_digest;   // SHA-256 of the canonical payload of that version (11.70)
  SignatureMeaning meaning = SignatureMeaning::approval;
  Id signer_id;                // the user who re-entered their password
  std::string printed_name;    // their display name at the time (11.50)
  Timestamp signed_at{};

  template <class V, class Self>
  static void fields(V& v, Self& s) {
    v("signed_entity", s.signed_entity);
    v("signed_id", s.signed_id);
    v("signed_version", s.signed_version);
    v("signed_digest", s.signed_digest);
    v("meaning", s.meaning);
    v("signer_id", s.signer_id);
    v("printed_name", s.printed_name);
    v("signed_at", s.signed_at);
  }
};

// What the signer provides (11.200(a)): the password at every signing, and their e-mail (the user
// id) too at the first signing of a session and at every signing by an API token; the meaning.
struct SignatureInput {
  std::string password;
  SignatureMeaning meaning = SignatureMeaning::approval;
  std::string email;

  template <class V, class Self>
  static void fields(V& v, Self& s) {
    v("password", s.password);
    v("meaning", s.meaning);
    v("email", s.email);
  }
};

}  // namespace riskloop
