// RFC 4180 reading and writing with the formula-injection guard.
#include "formats/sheet/csv_table.hpp"

#include <algorithm>

namespace riskloop::formats {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

bool is_formula_start(char c) {
  return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

// Position of the first character after the leading single quotes.
std::size_t quotes_prefix(std::string_view cell) {
  std::size_t i = 0;
  while (i < cell.size() && cell[i] == '\'') ++i;
  return i;
}

bool needs_quoting(std::string_view cell) {
  return cell.find_first_of(",\"\r\n") != std::string_view::npos;
}

void append_field(std::string& out, std::string_view raw) {
  const std::string cell = guard_formula(raw);
  if (!needs_quoting(cell)) {
    out += cell;
    return;
  }
  out += '"';
  for (char c : cell) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

void append_record(std::string& out, const std::vector<std::string>& cells, std::size_t width) {
  for (std::size_t i = 0; i < width; ++i) {
    if (i > 0) out += ',';
    if (i < cells.size()) append_field(out, cells[i]);
  }
  out += "\r\n";
}

char detect_separator(std::string_view text) {
  const auto end = text.find_first_of("\r\n");
  const auto first_line = text.substr(0, end);
  if (first_line.find(',') == std::string_view::npos &&
      first_line.find(';') != std::string_view::npos)
    return ';';
  return ',';
}

// A record-at-a-time reader over the whole text.
class CsvReader {
 public:
  CsvReader(std::string_view text, char separator, std::vector<SheetIssue>& problems)
      : text_(text), sep_(separator), problems_(problems) {}

  // Names columns in messages once the header has been read.
  void set_header(const std::vector<std::string>* header) { header_ = header; }

  bool done() const { return pos_ >= text_.size(); }

  // Reads one record into `cells`; `row` is its spreadsheet row number.
  void read_record(std::int64_t row, std::vector<std::string>& cells) {
    cells.clear();
    while (true) {
      cells.emplace_back();
      const bool more = read_field(row, cells.size(), cells.back());
      if (!more) break;
    }
  }

 private:
  // Reads one field; true when another field of the same record follows.
  bool read_field(std::int64_t row, std::size_t column, std::string& out) {
    if (pos_ < text_.size() && text_[pos_] == '"') return read_quoted(row, column, out);
    const std::size_t start = pos_;
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == sep_ || c == '\n' || c == '\r') break;
      ++pos_;
    }
    out.assign(text_.substr(start, pos_ - start));
    if (out.find('"') != std::string::npos)
      report(row, column,
             "has a quote inside a field that does not start with one; quote the "
             "whole field and double the inner quotes");
    return end_of_field();
  }

  bool read_quoted(std::int64_t row, std::size_t column, std::string& out) {
    ++pos_;  // opening quote
    while (true) {
      const auto q = text_.find('"', pos_);
      if (q == std::string_view::npos) {
        out.append(text_.substr(pos_));
        pos_ = text_.size();
        report(row, column, "has a quoted field that is not closed before the end of the file");
        return false;
      }
      out.append(text_.substr(pos_, q - pos_));
      pos_ = q + 1;
      if (pos_ < text_.size() && text_[pos_] == '"') {
        out += '"';
        ++pos_;
        continue;
      }
      break;
    }
    if (pos_ < text_.size() && text_[pos_] != sep_ && text_[pos_] != '\n' && text_[pos_] != '\r') {
      report(row, column, "has text after the closing quote of a field");
      while (pos_ < text_.size() && text_[pos_] != sep_ && text_[pos_] != '\n' &&
             text_[pos_] != '\r')
        out += text_[pos_++];
    }
    return end_of_field();
  }

  // Consumes the separator or line end after a field; true when the record goes on.
  bool end_of_field() {
    if (pos_ >= text_.size()) return false;
    const char c = text_[pos_++];
    if (c == sep_) return true;
    if (c == '\r' && pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
    return false;
  }

  void report(std::int64_t row, std::size_t column, std::string message) {
    SheetIssue issue{row, {}, std::move(message)};
    if (row > 1) issue.column = column_name(column);
    problems_.push_back(std::move(issue));
  }

  std::string column_name(std::size_t column) const {
    if (header_ && column - 1 < header_->size()) return (*header_)[column - 1];
    return "#" + std::to_string(column);
  }

  std::string_view text_;
  char sep_;
  std::vector<SheetIssue>& problems_;
  std::size_t pos_ = 0;
  const std::vector<std::string>* header_ = nullptr;
};

}  // namespace

std::string guard_formula(std::string_view cell) {
  const auto i = quotes_prefix(cell);
  if (i < cell.size() && is_formula_start(cell[i])) return "'" + std::string(cell);
  return std::string(cell);
}

std::string unguard_formula(std::string_view cell) {
  const auto i = quotes_prefix(cell);
  if (i > 0 && i < cell.size() && is_formula_start(cell[i])) return std::string(cell.substr(1));
  return std::string(cell);
}

std::string encode_csv(const RiskSheet& sheet, const CsvWriteOptions& options) {
  std::string out;
  std::size_t estimate = 64;
  for (const auto& row : sheet.rows)
    for (const auto& cell : row.cells) estimate += cell.size() + 1;
  out.reserve(estimate + estimate / 16);
  if (options.byte_order_mark) out += kBom;
  const auto width = sheet.columns.size();
  append_record(out, sheet.columns, width);
  for (const auto& row : sheet.rows)
    append_record(out, row.cells, std::max(width, row.cells.size()));
  return out;
}

ParsedSheet read_csv(std::string_view text) {
  ParsedSheet parsed;
  if (text.substr(0, kBom.size()) == kBom) text.remove_prefix(kBom.size());
  if (text.empty()) return parsed;

  CsvReader reader(text, detect_separator(text), parsed.problems);
  reader.read_record(1, parsed.sheet.columns);
  reader.set_header(&parsed.sheet.columns);
  std::int64_t row = 1;
  std::vector<std::string> cells;
  while (!reader.done()) {
    ++row;
    reader.read_record(row, cells);
    SheetRow out;
    out.number = row;
    out.cells.reserve(cells.size());
    for (auto& c : cells) {
      const auto i = quotes_prefix(c);
      if (i > 0 && i < c.size() && is_formula_start(c[i])) c.erase(0, 1);
      out.cells.push_back(std::move(c));
    }
    parsed.sheet.rows.push_back(std::move(out));
  }
  return parsed;
}

}  // namespace riskloop::formats
