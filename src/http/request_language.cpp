#include "http/request_language.hpp"

namespace riskloop::http {

namespace {
thread_local Language current = Language::en;
}  // namespace

Language request_language() { return current; }

LanguageScope::LanguageScope(Language language) : previous_(current) { current = language; }

LanguageScope::~LanguageScope() { current = previous_; }

}  // namespace riskloop::http
