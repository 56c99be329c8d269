// SHA-256 as lower-case hex, for the journal chain and for stored token digests.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

namespace riskloop::formats {

std::string sha256_hex(std::string_view data);
// The digest of the pieces' concatenation, without building it.
std::string sha256_hex(std::initializer_list<std::string_view> pieces);

}  // namespace riskloop::formats
