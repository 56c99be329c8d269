// Canonical JSON (docs/journal.md section 2): one value, one encoding, for hashing and comparing.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace riskloop::formats {

// Appends `text` as a canonical JSON string (quotes included). `text` must be valid UTF-8.
void append_canonical_string(std::string& out, std::string_view text);
// Appends a finite double in its shortest round-trip form.
void append_canonical_double(std::string& out, double value);

// Canonical encoding of any JSON value (used for export lines and tests). Numbers keep their
// parsed kind: integers as integers, reals as shortest round-trip reals.
std::string canonical_json(const nlohmann::json& value);

}  // namespace riskloop::formats
