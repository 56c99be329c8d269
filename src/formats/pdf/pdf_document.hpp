// The object layer of a PDF 1.7 file: numbered indirect objects, Flate-compressed streams, the
// cross-reference table and the trailer, and the syntax of PDF values. Knows nothing of pages or
// fonts. The subset of PDF riskloop writes is described in docs/formats/risk-management-report.md,
// section "PDF".
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/time.hpp"

namespace riskloop::formats::pdf {

// Number of an indirect object; referred to as "<id> 0 R".
using ObjectId = int;

struct DocumentInfo {
  std::string title;       // any UTF-8 text
  Timestamp created_at{};  // CreationDate, passed in: the same input gives the same bytes
};

class PdfDocument {
 public:
  // zlib level for content and font streams (1 fastest .. 9 smallest).
  explicit PdfDocument(int compression_level = 6) : compression_level_(compression_level) {}

  // A number for an object whose body is set later, so objects can refer to each other in any
  // order. Objects are numbered 1, 2, 3, ... in the order of reservation.
  ObjectId reserve();
  // Sets the body of a reserved object: a dictionary, array or other value, without "obj".
  void set(ObjectId id, std::string body);
  ObjectId add(std::string body);
  // Sets a stream object. `entries` are extra dictionary entries (e.g. "/Length1 1234"); Length
  // and, when compressing, Filter /FlateDecode are added.
  void set_stream(ObjectId id, std::string_view entries, std::string_view data,
                  bool compress = true);
  ObjectId add_stream(std::string_view entries, std::string_view data, bool compress = true);

  // The whole file: header, the objects in number order, the cross-reference table, and the
  // trailer with Root `catalog`, an Info dictionary (Title, Producer "riskloop", CreationDate)
  // and an ID computed from the content. An object reserved but never set is written as null.
  std::string finish(ObjectId catalog, const DocumentInfo& info);

 private:
  int compression_level_;
  std::vector<std::string> bodies_;  // index = id - 1, each "<< ... >>" or a stream
};

// A text string: (literal) for printable ASCII, else <FEFF...> in UTF-16BE hex.
std::string text_string(std::string_view utf8);
// (D:YYYYMMDDHHmmSSZ)
std::string date_string(Timestamp t);
// A name such as /DejaVuSans; bytes outside the regular characters as #xx.
std::string name(std::string_view text);
// A real number with at most two decimals and no exponent ("12", "-3.5", "0.25").
void append_number(std::string& out, double value);
std::string number(double value);
// zlib (RFC 1950) compression as FlateDecode reads it.
std::string flate(std::string_view data, int level);

}  // namespace riskloop::formats::pdf
