// Serializing PDF objects: the body in object order with a byte offset per object, the
// cross-reference table of those offsets, and the trailer.
#include "formats/pdf/pdf_document.hpp"

#include <zlib.h>

#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "formats/digest/sha256.hpp"
#include "formats/pdf/utf8_decode.hpp"

namespace riskloop::formats::pdf {
namespace {

constexpr char kHex[] = "0123456789ABCDEF";

void append_hex16(std::string& out, unsigned value) {
  for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(value >> shift) & 0xF];
}

bool printable_ascii(std::string_view text) {
  for (char c : text)
    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) > 0x7E) return false;
  return true;
}

}  // namespace

ObjectId PdfDocument::reserve() {
  bodies_.emplace_back();
  return static_cast<ObjectId>(bodies_.size());
}

void PdfDocument::set(ObjectId id, std::string body) {
  if (id < 1 || static_cast<std::size_t>(id) > bodies_.size())
    throw std::logic_error("PDF object " + std::to_string(id) + " was not reserved");
  bodies_[static_cast<std::size_t>(id - 1)] = std::move(body);
}

ObjectId PdfDocument::add(std::string body) {
  const auto id = reserve();
  set(id, std::move(body));
  return id;
}

void PdfDocument::set_stream(ObjectId id, std::string_view entries, std::string_view data,
                             bool compress) {
  std::string packed;
  if (compress) packed = flate(data, compression_level_);
  const std::string_view bytes = compress ? std::string_view(packed) : data;
  std::string body = "<< /Length " + std::to_string(bytes.size());
  if (compress) body += " /Filter /FlateDecode";
  if (!entries.empty()) {
    body += ' ';
    body += entries;
  }
  body += " >>\nstream\n";
  body += bytes;
  body += "\nendstream";
  set(id, std::move(body));
}

ObjectId PdfDocument::add_stream(std::string_view entries, std::string_view data, bool compress) {
  const auto id = reserve();
  set_stream(id, entries, data, compress);
  return id;
}

std::string PdfDocument::finish(ObjectId catalog, const DocumentInfo& info) {
  const auto info_id =
      add("<< /Title " + text_string(info.title) + " /Producer (riskloop) /CreationDate " +
          date_string(info.created_at) + " >>");
  std::size_t total = 64;
  for (const auto& b : bodies_) total += b.size() + 40;
  std::string out;
  out.reserve(total + bodies_.size() * 20 + 256);
  // The comment of bytes above 127 tells transfer tools the file is binary.
  out += "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n";
  std::vector<std::size_t> offsets;
  offsets.reserve(bodies_.size());
  for (std::size_t i = 0; i < bodies_.size(); ++i) {
    offsets.push_back(out.size());
    out += std::to_string(i + 1);
    out += " 0 obj\n";
    out += bodies_[i].empty() ? std::string_view("null") : std::string_view(bodies_[i]);
    out += "\nendobj\n";
  }
  // The ID identifies this content; the same document always gets the same ID.
  const auto id = sha256_hex(out).substr(0, 32);
  const auto xref = out.size();
  out += "xref\n0 " + std::to_string(bodies_.size() + 1) + "\n0000000000 65535 f \n";
  char entry[24];
  for (auto offset : offsets) {
    std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", offset);
    out += entry;
  }
  out += "trailer\n<< /Size " + std::to_string(bodies_.size() + 1) + " /Root " +
         std::to_string(catalog) + " 0 R /Info " + std::to_string(info_id) + " 0 R /ID [<" + id +
         "> <" + id + ">] >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return out;
}

std::string text_string(std::string_view utf8) {
  if (printable_ascii(utf8)) {
    std::string out = "(";
    for (char c : utf8) {
      if (c == '(' || c == ')' || c == '\\') out += '\\';
      out += c;
    }
    return out + ")";
  }
  std::string out = "<FEFF";
  for (std::size_t at = 0; at < utf8.size();) {
    const auto cp = next_code_point(utf8, at);
    if (cp < 0x10000) {
      append_hex16(out, static_cast<unsigned>(cp));
    } else {
      const auto v = static_cast<unsigned>(cp - 0x10000);
      append_hex16(out, 0xD800 + (v >> 10));
      append_hex16(out, 0xDC00 + (v & 0x3FF));
    }
  }
  return out + ">";
}

std::string date_string(Timestamp t) {
  const auto day = std::chrono::floor<std::chrono::days>(t);
  const std::chrono::year_month_day ymd(day);
  const std::chrono::hh_mm_ss hms(std::chrono::floor<std::chrono::seconds>(t - day));
  char text[32];
  std::snprintf(text, sizeof text, "(D:%04d%02u%02u%02d%02d%02dZ)", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()));
  return text;
}

std::string name(std::string_view text) {
  std::string out = "/";
  for (char c : text) {
    const auto b = static_cast<unsigned char>(c);
    const bool regular = b > 0x20 && b < 0x7F && std::string_view("()<>[]{}/%#").find(c) ==
                                                     std::string_view::npos;
    if (regular) {
      out += c;
    } else {
      out += '#';
      out += kHex[b >> 4];
      out += kHex[b & 0xF];
    }
  }
  return out;
}

void append_number(std::string& out, double value) {
  const double rounded = std::round(value * 100.0) / 100.0;
  if (rounded == 0.0 || !std::isfinite(rounded)) {
    out += '0';
    return;
  }
  char text[32];
  const auto [end, ec] =
      std::to_chars(text, text + sizeof text, rounded, std::chars_format::fixed, 2);
  std::string_view digits(text, static_cast<std::size_t>(end - text));
  if (ec != std::errc()) digits = "0";
  while (digits.back() == '0') digits.remove_suffix(1);
  if (digits.back() == '.') digits.remove_suffix(1);
  out += digits;
}

std::string number(double value) {
  std::string out;
  append_number(out, value);
  return out;
}

std::string flate(std::string_view data, int level) {
  uLongf size = compressBound(static_cast<uLong>(data.size()));
  std::string out(size, '\0');
  const int rc = compress2(reinterpret_cast<Bytef*>(out.data()), &size,
                           reinterpret_cast<const Bytef*>(data.data()),
                           static_cast<uLong>(data.size()), level);
  if (rc != Z_OK) throw std::runtime_error("zlib compression failed");  // only out of memory
  out.resize(size);
  return out;
}

}  // namespace riskloop::formats::pdf
