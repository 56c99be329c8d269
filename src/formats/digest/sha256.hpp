// SHA-256 as lower-case hex, for the journal chain and for stored token digests.
#pragma once

#include <string>
#include <string_view>

namespace riskloop::formats {

std::string sha256_hex(std::string_view data);

}  // namespace riskloop::formats
