// The Content-Disposition header of a download whose name may be in any language (RFC 6266 with
// the RFC 8187/5987 encoding): an ASCII `filename` for old clients and a UTF-8 `filename*`.
#pragma once

#include <string>
#include <string_view>

namespace riskloop::http {

// `<disposition>; filename="<ascii>"; filename*=UTF-8''<percent-encoded name>`, e.g. for the
// name "支架-report.pdf" and the fallback "risk-file-report.pdf":
// `attachment; filename="risk-file-report.pdf"; filename*=UTF-8''%E6%94%AF%E6%9E%B6-report.pdf`.
// `disposition` is "attachment" or "inline". In `ascii_fallback` every byte outside printable
// ASCII, and '"', '\\', '%', becomes '_'. In `utf8_name` every byte but letters, digits and
// "!#$&+-.^_`|~" is percent-encoded (attr-char of RFC 8187), invalid UTF-8 included, so the
// header never carries a raw non-ASCII byte, a quote or a line break. `filename*` is left out
// when `utf8_name` equals the fallback.
std::string content_disposition(std::string_view disposition, std::string_view ascii_fallback,
                                std::string_view utf8_name);

}  // namespace riskloop::http
