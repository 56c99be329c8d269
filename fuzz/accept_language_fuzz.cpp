// Accept-Language (every page request) and locale names: whatever the bytes, a language we have
// is chosen, and Chinese only when the text names it.
#include <algorithm>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/language.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto chosen = riskloop::negotiate_language(text);
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (chosen == riskloop::Language::zh_hans && lower.find("zh") == std::string::npos) std::abort();
  const auto tagged = riskloop::language_of_tag(text);
  if (tagged && riskloop::language_of_tag(riskloop::language_tag(*tagged)) != tagged) std::abort();
  (void)riskloop::language_of_locale(text, text, text);
  return 0;
}
