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

// `;` too: a spreadsheet set to a locale whose list separator is `;` splits an unquoted
// `x;=HYPERLINK(...)` into a second cell that it runs as a formula.
bool needs_quoting(std::string_view cell) {
  return cell.find_first_of(",;\"\r\n") != std::string_view::npos;
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

// `;` when the header record has a `;` and no `,` outside quoted fields (an exported header
// cell holding `;` is quoted and must not switch the separator).
char detect_separator(std::string_view text) {
  bool quoted = false, semicolon = false;
  for (const char c : text) {
    if (c == '"') {
      quoted = !quoted;
    } else if (!quoted) {
      if (c == ',') return ',';
      if (c == ';') semicolon = true;
      if (c == '\r' || c == '\n') break;
    }
  }
  return semicolon ? ';' : ',';
}

// A record-at-a-time reader over the whole text, within a SheetBudget.
class CsvReader {
 public:
  CsvReader(std::string_view text, char separator, SheetBudget& budget,
            std::vector<SheetIssue>& problems)
      : text_(text), sep_(separator), budget_(budget), problems_(problems) {}

  // Names columns in messages once the header has been read.
  void set_header(const std::vector<std::string>* header) { header_ = header; }

  bool done() const { return pos_ >= text_.size(); }

  // Reads one record into `cells`, reusing its strings; `row` is its spreadsheet row number.
  // Fails when the record breaks a limit; `listed` is false when one of its problems was only
  // counted.
  Status read_record(std::int64_t row, std::vector<std::string>& cells, bool& listed) {
    listed = true;
    std::size_t count = 0;
    const std::size_t record_start = pos_;
    RL_CHECK(budget_.add_row([&] { return place(record_start, 1); }));
    while (true) {
      const std::size_t start = pos_;
      if (count == budget_.limits().max_columns && at_value()) {
        cells.resize(count);
        return budget_.add_cell_text([&] { return place(start, count + 1); }, count + 1, 0);
      }
      const std::size_t column = ++count;
      if (cells.size() < count) cells.emplace_back();
      std::string& cell = cells[count - 1];
      cell.clear();
      const bool more = read_field(row, column, cell, listed);
      if (!cell.empty())
        RL_CHECK(budget_.add_cell_text([&] { return place(start, column); }, column, cell.size()));
      if (!more) break;
    }
    cells.resize(count);
    return budget_.add_cells([&] { return place(record_start, count); }, count);
  }

 private:
  // True unless the record ends here: another field follows (an empty one at a line end is
  // kept, as a spreadsheet's trailing separator).
  bool at_value() const {
    return pos_ < text_.size() && text_[pos_] != '\n' && text_[pos_] != '\r';
  }

  // Reads one field; true when another field of the same record follows.
  bool read_field(std::int64_t row, std::size_t column, std::string& out, bool& listed) {
    if (pos_ < text_.size() && text_[pos_] == '"') return read_quoted(row, column, out, listed);
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
             "whole field and double the inner quotes",
             listed);
    return end_of_field();
  }

  bool read_quoted(std::int64_t row, std::size_t column, std::string& out, bool& listed) {
    ++pos_;  // opening quote
    while (true) {
      const auto q = text_.find('"', pos_);
      if (q == std::string_view::npos) {
        out.append(text_.substr(pos_));
        pos_ = text_.size();
        report(row, column, "has a quoted field that is not closed before the end of the file",
               listed);
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
      report(row, column, "has text after the closing quote of a field", listed);
      const auto start = pos_;
      while (pos_ < text_.size() && text_[pos_] != sep_ && text_[pos_] != '\n' &&
             text_[pos_] != '\r')
        ++pos_;
      out.append(text_.substr(start, pos_ - start));
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

  void report(std::int64_t row, std::size_t column, std::string message, bool& listed) {
    SheetIssue issue{row, {}, std::move(message)};
    if (row > 1) issue.column = column_name(column);
    if (!budget_.add_issue(problems_, std::move(issue))) listed = false;
  }

  std::string column_name(std::size_t column) const {
    if (header_ && column - 1 < header_->size()) return (*header_)[column - 1];
    return "#" + std::to_string(column);
  }

  // "line 7, column 3" for the text at `pos`: lines as an editor counts them (CRLF, LF or CR
  // ends one), columns as fields of the record. Positions only move forward, so the count does.
  std::string place(std::size_t pos, std::size_t column) {
    for (; counted_to_ < pos && counted_to_ < text_.size(); ++counted_to_) {
      const char c = text_[counted_to_];
      if (c == '\n' || (c == '\r' && (counted_to_ + 1 >= text_.size() ||
                                        text_[counted_to_ + 1] != '\n')))
        ++line_;
    }
    return "line " + std::to_string(line_) + ", column " + std::to_string(column);
  }

  std::string_view text_;
  char sep_;
  SheetBudget& budget_;
  std::vector<SheetIssue>& problems_;
  std::size_t pos_ = 0;
  const std::vector<std::string>* header_ = nullptr;
  std::size_t counted_to_ = 0;
  std::size_t line_ = 1;
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

struct CsvRecordReader::State {
  State(std::string_view text, const SheetLimits& limits, std::vector<SheetIssue>& problems)
      : text(text.substr(0, kBom.size()) == kBom ? text.substr(kBom.size()) : text),
        budget(limits),
        reader(this->text, detect_separator(this->text), budget, problems),
        problems(problems) {}
  std::string_view text;
  SheetBudget budget;
  CsvReader reader;
  std::vector<SheetIssue>& problems;
  std::vector<std::string> header;
  std::int64_t row = 1;
};

CsvRecordReader::CsvRecordReader(std::string_view text, const SheetLimits& limits,
                                 std::vector<SheetIssue>& problems)
    : state_(std::make_unique<State>(text, limits, problems)) {}

CsvRecordReader::~CsvRecordReader() = default;

Status CsvRecordReader::read_header() {
  if (state_->text.empty()) return {};
  bool listed = true;
  RL_CHECK(state_->reader.read_record(1, state_->header, listed));
  state_->reader.set_header(&state_->header);
  return {};
}

const std::vector<std::string>& CsvRecordReader::header() const { return state_->header; }

Result<bool> CsvRecordReader::next(SheetRow& row) {
  auto& s = *state_;
  while (!s.reader.done()) {
    ++s.row;
    bool listed = true;
    RL_CHECK(s.reader.read_record(s.row, row.cells, listed));
    if (!listed) continue;  // a row whose problem is not listed is left out, as finish_issues says
    row.number = s.row;
    for (auto& c : row.cells) {
      const auto i = quotes_prefix(c);
      if (i > 0 && i < c.size() && is_formula_start(c[i])) c.erase(0, 1);
    }
    return true;
  }
  return false;
}

void CsvRecordReader::finish() { state_->budget.finish_issues(state_->problems); }

Result<ParsedSheet> read_csv(std::string_view text, const SheetLimits& limits) {
  ParsedSheet parsed;
  CsvRecordReader reader(text, limits, parsed.problems);
  RL_CHECK(reader.read_header());
  parsed.sheet.columns = reader.header();
  SheetRow row;
  while (RL_TRY(reader.next(row))) parsed.sheet.rows.push_back(std::move(row));
  reader.finish();
  return parsed;
}

}  // namespace riskloop::formats
