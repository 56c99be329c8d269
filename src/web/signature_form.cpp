#include "web/signature_form.hpp"

#include "app/signatures.hpp"
#include "web/form_view.hpp"

namespace riskloop::web {

Data signature_part(const Call& c, const FailedForm* failed, std::string_view form,
                    std::string_view id) {
  Data d;
  d.set("sig_id", std::string(id));
  d.set("meanings", enum_options(SignatureMeaning::approval));
  d.set("sig_needs_email", flag(app::needs_both_components(c.principal)));
  for (const auto* field : {"password", "email"}) {
    Data error = flag(false);
    if (failed && failed->form == form)
      if (const auto it = failed->errors.find(std::string("signature.") + field);
          it != failed->errors.end())
        error = Data(it->second);
    d.set(std::string("sig_") + field + "_error", error);
  }
  return d;
}

bool read_signature(const Call& c, SignatureInput& sig, FieldErrors& errors) {
  sig.password = c.form.get("signature.password");
  sig.email = c.form.get("signature.email");
  if (const auto m = enum_from_name<SignatureMeaning>(c.form.get("signature.meaning")))
    sig.meaning = *m;
  if (sig.email.empty() && app::needs_both_components(c.principal))
    errors.emplace("signature.email",
                   "enter your e-mail: the first signature of a session takes both your e-mail "
                   "and your password");
  if (sig.password.empty()) errors.emplace("signature.password", "enter your password to sign");
  return !sig.password.empty() && (!sig.email.empty() || !app::needs_both_components(c.principal));
}

bool record_signature_error(FieldErrors& errors, const Error& e) {
  if (e.location == "/signature/email") {
    errors.emplace("signature.email", e.message);
    return true;
  }
  if (e.location == "/password" || e.location == "/signature/password" ||
      e.code == ErrorCode::unauthenticated) {
    errors.emplace("signature.password", e.message);
    return true;
  }
  return false;
}

}  // namespace riskloop::web
