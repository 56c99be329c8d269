// The language the current request is answered in, for the code that renders text for a person
// (pages, labels, messages) without threading it through every call. The router sets it for the
// duration of a request on the thread that handles it (handlers are synchronous on that thread);
// the command line sets it once from the locale. Outside any scope it is English.
#pragma once

#include "core/language.hpp"

namespace riskloop::http {

Language request_language();

// Sets request_language() on this thread until destroyed (then the previous value returns).
class LanguageScope {
 public:
  explicit LanguageScope(Language language);
  ~LanguageScope();
  LanguageScope(const LanguageScope&) = delete;
  LanguageScope& operator=(const LanguageScope&) = delete;

 private:
  Language previous_;
};

}  // namespace riskloop::http
