// The electronic-signature part of every signing dialog (template sign_fields): the meaning, the
// password at every signing and the e-mail too where 21 CFR 11.200(a)(1) asks for both components
// (app::needs_both_components), read back from the submitted form with an error per field.
#pragma once

#include <string_view>

#include "core/signature.hpp"
#include "web/page.hpp"
#include "web/risk_file_view.hpp"

namespace riskloop::web {

// The template data of the signature fields of dialog `form` (ids start with `id`), with the
// errors of a failed attempt at that dialog.
Data signature_part(const Call& c, const FailedForm* failed, std::string_view form,
                    std::string_view id);

// Reads the signature fields into `sig`; false (with an error per missing field) when one is
// missing. The password is never shown again.
bool read_signature(const Call& c, SignatureInput& sig, FieldErrors& errors);

// After a signing failed: a wrong e-mail or password goes under its field; false for any other
// error (the caller places it).
bool record_signature_error(FieldErrors& errors, const Error& e);

}  // namespace riskloop::web
