// The languages of riskloop's screens, messages and reports, and how one is chosen from what a
// browser (Accept-Language, RFC 9110 section 12.5.4) or a terminal (LANG, LC_MESSAGES) asks for.
// English is the source language: every text exists in English first (po/en.po and the English
// strings in templates and code); Simplified Chinese translates them (po/zh_CN.po).
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace riskloop {

enum class Language { en, zh_hans };

inline constexpr std::array kLanguages{Language::en, Language::zh_hans};

// The BCP 47 tag for HTML `lang` and Content-Language: "en", "zh-CN".
std::string_view language_tag(Language language);
// The catalogue's file name in po/: "en.po", "zh_CN.po".
std::string_view catalogue_file(Language language);
// The language's own name, for a language menu: "English", "简体中文".
std::string_view language_name(Language language);

// The language a tag or locale name asks for: "en", "en-GB", "zh", "zh-CN", "zh-Hans",
// "zh_CN.UTF-8", "zh-TW" (Chinese readers get Simplified Chinese, the only Chinese we have).
// Case does not matter. nullopt for any other language, "*" or an empty tag.
std::optional<Language> language_of_tag(std::string_view tag);

// The best language for an Accept-Language header: the highest quality among the languages we
// have (the first of equal quality), English when the header names none of them. q=0 refuses a
// language; a malformed element is ignored, never an error.
Language negotiate_language(std::string_view accept_language);

// The language of a terminal session from the POSIX locale variables, in the order that decides:
// LC_ALL, then LC_MESSAGES, then LANG (the first that is set and not empty); "C" and "POSIX" and
// unknown languages mean English. LANGUAGE (a GNU list) is not read.
Language language_of_locale(std::string_view lc_all, std::string_view lc_messages,
                            std::string_view lang);

}  // namespace riskloop
