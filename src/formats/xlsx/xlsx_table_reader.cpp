// XLSX parts: package rels -> workbook -> sheet rels -> sheet XML and shared strings.
#include "formats/xlsx/xlsx_table_reader.hpp"

#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>
#include <vector>

#include <pugixml.hpp>

#include "formats/xlsx/zip_archive_reader.hpp"

namespace riskloop::formats {
namespace {

constexpr std::size_t kMaxRow = 1048576;
constexpr std::size_t kMaxColumn = 16384;

std::string_view local_name(const pugi::xml_node& node) {
  std::string_view name = node.name();
  const auto colon = name.rfind(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

std::string_view local_name(const pugi::xml_attribute& attr) {
  std::string_view name = attr.name();
  const auto colon = name.rfind(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node child(const pugi::xml_node& node, std::string_view local) {
  for (auto c = node.first_child(); c; c = c.next_sibling())
    if (c.type() == pugi::node_element && local_name(c) == local) return c;
  return {};
}

// Parses `xml` in place; it must stay alive as long as the document.
Result<pugi::xml_document> parse_part(std::string& xml, std::string_view part) {
  pugi::xml_document doc;
  const auto r = doc.load_buffer_inplace(xml.data(), xml.size(),
                                         pugi::parse_default | pugi::parse_ws_pcdata_single,
                                         pugi::encoding_utf8);
  if (!r)
    return fail(ErrorCode::malformed, std::string(part) + " is not well-formed XML: " +
                                          r.description() + " at byte " + std::to_string(r.offset));
  return doc;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Excel writes characters XML cannot hold as _xHHHH_, and a literal "_x" that would read as one
// as _x005F_x.
void append_unescaped(std::string& out, std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto at = text.find("_x", i);
    if (at == std::string_view::npos || at + 7 > text.size()) break;
    int v = 0;
    bool hex = text[at + 6] == '_';
    for (std::size_t k = 2; hex && k < 6; ++k) {
      const int d = hex_value(text[at + k]);
      hex = d >= 0;
      v = v * 16 + d;
    }
    if (!hex || (v >= 0xD800 && v <= 0xDFFF)) {
      out.append(text.substr(i, at + 2 - i));
      i = at + 2;
      continue;
    }
    out.append(text.substr(i, at - i));
    append_utf8(out, static_cast<std::uint32_t>(v));
    i = at + 7;
  }
  out.append(text.substr(i));
}

// The text of a shared string item or inline string: its <t>, or the <t> of each rich-text run
// (phonetic runs left out).
std::string string_item_text(const pugi::xml_node& item) {
  std::string out;
  for (auto c = item.first_child(); c; c = c.next_sibling()) {
    const auto name = local_name(c);
    if (name == "t") {
      append_unescaped(out, c.child_value());
    } else if (name == "r") {
      if (const auto t = child(c, "t")) append_unescaped(out, t.child_value());
    }
  }
  return out;
}

std::string number_text(std::string_view v) {
  double value = 0.0;
  const auto r = std::from_chars(v.data(), v.data() + v.size(), value);
  if (r.ec != std::errc() || r.ptr != v.data() + v.size() || !std::isfinite(value))
    return std::string(v);
  char buf[32];
  const auto w = std::to_chars(buf, buf + sizeof buf, value == 0.0 ? 0.0 : value);
  return std::string(buf, w.ptr);
}

// "BC12" -> column 55 (1-based), row 12; zeros where a part is missing.
void parse_cell_ref(std::string_view ref, std::size_t& column, std::size_t& row) {
  column = 0;
  row = 0;
  std::size_t i = 0;
  for (; i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z' && column <= kMaxColumn; ++i)
    column = column * 26 + static_cast<std::size_t>(ref[i] - 'A' + 1);
  for (; i < ref.size() && ref[i] >= '0' && ref[i] <= '9' && row <= kMaxRow; ++i)
    row = row * 10 + static_cast<std::size_t>(ref[i] - '0');
}

// 55 -> "BC".
std::string column_letters(std::size_t column) {
  std::string out;
  for (; column > 0; column = (column - 1) / 26)
    out.insert(out.begin(), static_cast<char>('A' + (column - 1) % 26));
  return out;
}

// Target of a relationship, as a path inside the archive, relative to the folder `base`.
std::string resolve_target(std::string_view base, std::string_view target) {
  std::vector<std::string> parts;
  std::string path = target.starts_with('/') ? std::string(target.substr(1))
                                             : std::string(base) + std::string(target);
  std::stringstream in(path);
  std::string part;
  while (std::getline(in, part, '/')) {
    if (part == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!part.empty() && part != ".") {
      parts.push_back(part);
    }
  }
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "/") + p;
  return out;
}

struct Relationship {
  std::string id, type, target;
};

class Workbook {
 public:
  Workbook(ZipArchiveReader& zip, const XlsxReadOptions& options) : zip_(zip), options_(options) {}

  Result<std::string> read_required(const std::string& part) {
    auto content = RL_TRY(zip_.read(part, options_.max_part_bytes));
    if (!content) return fail(ErrorCode::malformed, "is not an XLSX workbook (no " + part + ")");
    return std::move(*content);
  }

  // The relationships of `part` (e.g. "xl/workbook.xml" -> "xl/_rels/workbook.xml.rels").
  Result<std::vector<Relationship>> relationships(std::string_view part) {
    const auto slash = part.rfind('/');
    const std::string folder =
        slash == std::string_view::npos ? "" : std::string(part.substr(0, slash + 1));
    const std::string file(slash == std::string_view::npos ? part : part.substr(slash + 1));
    const std::string rels_part = folder + "_rels/" + file + ".rels";
    auto xml = RL_TRY(zip_.read(rels_part, options_.max_part_bytes));
    std::vector<Relationship> out;
    if (!xml) return out;
    const auto doc = RL_TRY(parse_part(*xml, rels_part));
    for (auto r = doc.document_element().first_child(); r; r = r.next_sibling()) {
      if (local_name(r) != "Relationship") continue;
      out.push_back({r.attribute("Id").value(), r.attribute("Type").value(),
                     resolve_target(folder, r.attribute("Target").value())});
    }
    return out;
  }

 private:
  ZipArchiveReader& zip_;
  const XlsxReadOptions& options_;
};

const Relationship* relation_of_type(const std::vector<Relationship>& rels, std::string_view type) {
  for (const auto& r : rels)
    if (r.type.ends_with(type)) return &r;
  return nullptr;
}

// Shared strings are counted against the cells (each needs one to be used) and their text
// against the text cap, so the list itself stays within the limits.
Result<std::vector<std::string>> read_shared_strings(ZipArchiveReader& zip, const std::string& part,
                                                     const XlsxReadOptions& options) {
  std::vector<std::string> out;
  auto xml = RL_TRY(zip.read(part, options.max_part_bytes));
  if (!xml) return out;
  const auto doc = RL_TRY(parse_part(*xml, part));
  SheetBudget budget(options.limits);
  for (auto si = doc.document_element().first_child(); si; si = si.next_sibling()) {
    if (local_name(si) != "si") continue;
    auto text = string_item_text(si);
    const auto where = [&] { return part + ", string " + std::to_string(out.size() + 1); };
    RL_CHECK(budget.add_cells(where, 1));
    RL_CHECK(budget.add_cell_text(where, 1, text.size()));
    out.push_back(std::move(text));
  }
  return out;
}

struct SheetPart {
  std::string name;  // as the workbook names it
  std::string part;  // path inside the archive
};

// The sheet part to read: by name, or the first in workbook order.
Result<SheetPart> sheet_part(Workbook& book, const std::string& workbook_part,
                               const std::vector<Relationship>& rels,
                               const XlsxReadOptions& options) {
  auto xml = RL_TRY(book.read_required(workbook_part));
  const auto doc = RL_TRY(parse_part(xml, workbook_part));
  const auto sheets = child(doc.document_element(), "sheets");
  std::string names;
  for (auto s = sheets.first_child(); s; s = s.next_sibling()) {
    if (local_name(s) != "sheet") continue;
    const std::string name = s.attribute("name").value();
    names += (names.empty() ? "" : ", ") + name;
    if (!options.sheet_name.empty() && name != options.sheet_name) continue;
    std::string rel_id;
    for (auto a = s.first_attribute(); a; a = a.next_attribute())
      if (local_name(a) == "id" && std::string_view(a.name()) != "sheetId") rel_id = a.value();
    for (const auto& r : rels)
      if (r.id == rel_id) return SheetPart{name, r.target};
    return fail(ErrorCode::malformed, "sheet \"" + name + "\" has no part in the workbook");
  }
  if (options.sheet_name.empty()) return fail(ErrorCode::malformed, "the workbook has no sheet");
  return fail(ErrorCode::not_found, "the workbook has no sheet named \"" + options.sheet_name +
                                        "\" (it has: " + names + ")");
}

std::string column_label(const std::vector<std::string>& header, std::size_t column) {
  if (column >= 1 && column <= header.size() && !header[column - 1].empty())
    return header[column - 1];
  return "#" + std::to_string(column);
}

Result<ParsedSheet> read_sheet(std::string& xml, const SheetPart& sheet,
                               const std::vector<std::string>& shared, const SheetLimits& limits) {
  const auto doc = RL_TRY(parse_part(xml, sheet.part));
  const auto data = child(doc.document_element(), "sheetData");
  ParsedSheet out;
  SheetBudget budget(limits);
  bool have_header = false;
  std::size_t row_number = 0;
  std::vector<std::string> cells;
  std::vector<SheetIssue> row_problems;
  const auto row_place = [&] {
    return "sheet \"" + sheet.name + "\", row " + std::to_string(row_number);
  };
  for (auto row = data.first_child(); row; row = row.next_sibling()) {
    if (row.type() != pugi::node_element || local_name(row) != "row") continue;
    const auto r = row.attribute("r").as_ullong(0);
    row_number = r > 0 ? static_cast<std::size_t>(r) : row_number + 1;
    if (row_number > kMaxRow)
      return fail(ErrorCode::too_large, "the sheet has rows past 1 048 576");
    cells.clear();
    row_problems.clear();
    std::size_t column = 0;
    for (auto c = row.first_child(); c; c = c.next_sibling()) {
      if (c.type() != pugi::node_element || local_name(c) != "c") continue;
      std::size_t ref_column = 0, ref_row = 0;
      parse_cell_ref(c.attribute("r").value(), ref_column, ref_row);
      column = ref_column > 0 ? ref_column : column + 1;
      if (column > kMaxColumn)
        return fail(ErrorCode::too_large, "the sheet has cells past column 16 384");
      const auto cell_place = [&] { return row_place() + ", column " + column_letters(column); };
      const std::string_view type = c.attribute("t").value();
      const std::string_view v = child(c, "v").child_value();
      std::string value;
      if (type == "s") {
        std::size_t index = 0;
        const auto p = std::from_chars(v.data(), v.data() + v.size(), index);
        if (p.ec != std::errc() || index >= shared.size()) {
          row_problems.push_back({static_cast<std::int64_t>(row_number),
                                  column_label(out.sheet.columns, column),
                                  "refers to a shared string the workbook does not have"});
        } else {
          // Checked before the copy: one long string referenced by every cell is the bomb.
          RL_CHECK(budget.add_cell_text(cell_place, column, shared[index].size()));
          value = shared[index];
        }
      } else if (type == "inlineStr") {
        value = string_item_text(child(c, "is"));
      } else if (type == "b") {
        value = v == "1" ? "true" : "false";
      } else if (type == "str" || type == "e" || type == "d") {
        append_unescaped(value, v);
      } else if (!v.empty()) {
        value = number_text(v);
      }
      if (value.empty()) continue;
      if (type != "s") RL_CHECK(budget.add_cell_text(cell_place, column, value.size()));
      if (cells.size() < column) cells.resize(column);
      cells[column - 1] = std::move(value);
    }
    if (cells.empty() && row_problems.empty()) continue;
    RL_CHECK(budget.add_row(row_place));
    RL_CHECK(budget.add_cells(row_place, cells.size()));
    if (!have_header) {
      have_header = true;
      out.sheet.columns = std::move(cells);
      cells = {};
      for (auto& p : row_problems) budget.add_issue(out.problems, std::move(p));
      continue;
    }
    bool listed = true;
    for (auto& p : row_problems) listed = budget.add_issue(out.problems, std::move(p)) && listed;
    if (listed) out.sheet.rows.push_back({static_cast<std::int64_t>(row_number), std::move(cells)});
    cells = {};
  }
  budget.finish_issues(out.problems);
  return out;
}

}  // namespace

Result<ParsedSheet> read_xlsx_bytes(std::string_view bytes, const XlsxReadOptions& options) {
  auto zip = RL_TRY(ZipArchiveReader::open(bytes, options.max_inflated_bytes));
  Workbook book(zip, options);

  const auto package = RL_TRY(book.relationships(""));
  std::string workbook_part = "xl/workbook.xml";
  if (const auto* main = relation_of_type(package, "/officeDocument")) workbook_part = main->target;

  const auto rels = RL_TRY(book.relationships(workbook_part));
  const auto sheet = RL_TRY(sheet_part(book, workbook_part, rels, options));
  std::vector<std::string> shared;
  if (const auto* strings = relation_of_type(rels, "/sharedStrings"))
    shared = RL_TRY(read_shared_strings(zip, strings->target, options));

  auto xml = RL_TRY(book.read_required(sheet.part));
  return read_sheet(xml, sheet, shared, options.limits);
}

Result<ParsedSheet> read_xlsx_file(const std::filesystem::path& path,
                                   const XlsxReadOptions& options) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(ErrorCode::storage, "cannot open " + path.string());
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return fail(ErrorCode::storage, "cannot read " + path.string());
  return read_xlsx_bytes(bytes, options);
}

}  // namespace riskloop::formats
