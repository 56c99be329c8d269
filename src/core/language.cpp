#include "core/language.hpp"

#include <charconv>

#include "core/text_rules.hpp"

namespace riskloop {

namespace {

// The quality of an Accept-Language element's parameters ("q=0.8"); 1 when absent; nullopt when
// malformed (then the element is ignored).
std::optional<double> quality(std::string_view params) {
  double q = 1;
  while (!params.empty()) {
    const auto semi = params.find(';');
    const auto param = trim_blanks(params.substr(0, semi));
    params = semi == std::string_view::npos ? std::string_view{} : params.substr(semi + 1);
    if (param.size() < 2 || (param[0] != 'q' && param[0] != 'Q') || param[1] != '=') continue;
    const auto value = param.substr(2);
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), q);
    if (ec != std::errc{} || end != value.data() + value.size() || q < 0 || q > 1)
      return std::nullopt;
  }
  return q;
}

}  // namespace

std::string_view language_tag(Language language) {
  return language == Language::zh_hans ? "zh-CN" : "en";
}

std::string_view catalogue_file(Language language) {
  return language == Language::zh_hans ? "zh_CN.po" : "en.po";
}

std::string_view language_name(Language language) {
  return language == Language::zh_hans ? "简体中文" : "English";
}

std::optional<Language> language_of_tag(std::string_view tag) {
  const auto primary = tag.substr(0, tag.find_first_of("-_.@"));
  if (equals_ignoring_case(primary, "en")) return Language::en;
  if (equals_ignoring_case(primary, "zh")) return Language::zh_hans;
  return std::nullopt;
}

Language negotiate_language(std::string_view accept_language) {
  std::optional<Language> best;
  double best_q = 0;
  while (!accept_language.empty()) {
    const auto comma = accept_language.find(',');
    const auto element = accept_language.substr(0, comma);
    accept_language = comma == std::string_view::npos ? std::string_view{}
                                                       : accept_language.substr(comma + 1);
    const auto semi = element.find(';');
    const auto language = language_of_tag(trim_blanks(element.substr(0, semi)));
    const auto q = quality(semi == std::string_view::npos ? std::string_view{}
                                                          : element.substr(semi + 1));
    if (!language || !q || *q <= 0) continue;
    if (!best || *q > best_q) {
      best = language;
      best_q = *q;
    }
  }
  return best.value_or(Language::en);
}

Language language_of_locale(std::string_view lc_all, std::string_view lc_messages,
                            std::string_view lang) {
  for (const auto value : {lc_all, lc_messages, lang})
    if (!value.empty()) return language_of_tag(value).value_or(Language::en);
  return Language::en;
}

}  // namespace riskloop
