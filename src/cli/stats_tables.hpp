// Result tables of the `riskloop stats` commands, written as CSV (tables separated by one empty
// line, each with its header) or as one JSON object of arrays of row objects (--format json).
// Numbers keep 17 significant digits, so a value read back is the value computed.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

#include "cli/command_context.hpp"

namespace riskloop::cli {

enum class StatsFormat { csv, json };
// "csv" or "json"; a usage error otherwise.
CommandResult<StatsFormat> stats_format(const std::string& name);

class StatsTable {
 public:
  StatsTable(std::string name, std::vector<std::string> columns);
  // Starts a row; the cells follow in column order.
  StatsTable& row();
  StatsTable& text(std::string value);
  StatsTable& number(double value);  // NaN and ±Inf: "NaN", "Inf", "-Inf" in CSV, null in JSON
  StatsTable& integer(std::int64_t value);
  StatsTable& boolean(bool value);
  StatsTable& empty();  // no value: an empty CSV cell, null in JSON

  const std::string& name() const { return name_; }

 private:
  struct Cell {
    enum class Kind { text, raw, null } kind;
    std::string csv;   // as written in CSV
    std::string json;  // as written in JSON (raw or quoted later)
  };
  friend void write_stats_tables(std::ostream&, const std::vector<StatsTable>&, StatsFormat);
  std::string name_;
  std::vector<std::string> columns_;
  std::vector<std::vector<Cell>> rows_;
};

void write_stats_tables(std::ostream& out, const std::vector<StatsTable>& tables,
                        StatsFormat format);

}  // namespace riskloop::cli
