// CSV and JSON writing of the stats result tables.
#include "cli/stats_tables.hpp"

#include <cmath>
#include <cstdio>
#include <ostream>

namespace riskloop::cli {
namespace {

std::string csv_quote(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string json_quote(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

}  // namespace

CommandResult<StatsFormat> stats_format(const std::string& name) {
  if (name == "csv") return StatsFormat::csv;
  if (name == "json") return StatsFormat::json;
  return usage_error("--format must be csv or json, not \"" + name + "\"", "--format");
}

StatsTable::StatsTable(std::string name, std::vector<std::string> columns)
    : name_(std::move(name)), columns_(std::move(columns)) {}

StatsTable& StatsTable::row() {
  rows_.emplace_back();
  return *this;
}

StatsTable& StatsTable::text(std::string value) {
  rows_.back().push_back({Cell::Kind::text, value, std::move(value)});
  return *this;
}

StatsTable& StatsTable::number(double value) {
  if (std::isnan(value)) {
    rows_.back().push_back({Cell::Kind::null, "NaN", "null"});
  } else if (std::isinf(value)) {
    rows_.back().push_back({Cell::Kind::null, value > 0 ? "Inf" : "-Inf", "null"});
  } else {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.17g", value);
    rows_.back().push_back({Cell::Kind::raw, buf, buf});
  }
  return *this;
}

StatsTable& StatsTable::integer(std::int64_t value) {
  const std::string s = std::to_string(value);
  rows_.back().push_back({Cell::Kind::raw, s, s});
  return *this;
}

StatsTable& StatsTable::boolean(bool value) {
  rows_.back().push_back({Cell::Kind::raw, value ? "true" : "false", value ? "true" : "false"});
  return *this;
}

StatsTable& StatsTable::empty() {
  rows_.back().push_back({Cell::Kind::null, "", "null"});
  return *this;
}

void write_stats_tables(std::ostream& out, const std::vector<StatsTable>& tables,
                        StatsFormat format) {
  if (format == StatsFormat::csv) {
    for (std::size_t t = 0; t < tables.size(); ++t) {
      const StatsTable& table = tables[t];
      if (t > 0) out << '\n';
      for (std::size_t c = 0; c < table.columns_.size(); ++c)
        out << (c ? "," : "") << csv_quote(table.columns_[c]);
      out << '\n';
      for (const auto& row : table.rows_) {
        for (std::size_t c = 0; c < row.size(); ++c)
          out << (c ? "," : "") << (row[c].kind == StatsTable::Cell::Kind::text ? csv_quote(row[c].csv) : row[c].csv);
        out << '\n';
      }
    }
    return;
  }
  out << "{";
  for (std::size_t t = 0; t < tables.size(); ++t) {
    const StatsTable& table = tables[t];
    out << (t ? ",\n " : "\n ") << json_quote(table.name_) << ": [";
    for (std::size_t r = 0; r < table.rows_.size(); ++r) {
      out << (r ? ",\n  {" : "\n  {");
      const auto& row = table.rows_[r];
      for (std::size_t c = 0; c < row.size() && c < table.columns_.size(); ++c) {
        out << (c ? ", " : "") << json_quote(table.columns_[c]) << ": ";
        out << (row[c].kind == StatsTable::Cell::Kind::text ? json_quote(row[c].json) : row[c].json);
      }
      out << "}";
    }
    out << (table.rows_.empty() ? "]" : "\n ]");
  }
  out << "\n}\n";
}

}  // namespace riskloop::cli
