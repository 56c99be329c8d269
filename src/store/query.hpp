// Typed queries over one record type: conditions on its indexed fields, one order, keyset pages.
//
//   Query q{.where = {{"status", Match::in, {"open", "in_treatment"}},
//                     {"due_date", Match::less, {"2026-12-01T00:00:00.000Z"}}},
//           .order = {"due_date"}, .limit = 50};
//   auto page = RL_TRY(tx.find<OperationalRisk>(org, q));   // page.items, page.next
//   q.after = page.next;                                       // the following page
//
// Pages are keyset pages (no OFFSET): a page is as fast at row 5,000,000 as at row 0. The order
// is the named field, then id; NULLs come last in either direction, on every engine. A page says
// whether more rows follow (`next` is set); nothing is ever cut off silently.
//
// Values are SQL values of the field's type (store/sql_value.hpp): texts for text, times and
// enums, integers for whole numbers and yes/no.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "store/record_sql.hpp"

namespace riskloop::store {

enum class Match {
  equal,             // field = value
  in,                // field is one of the values (at least one)
  less,              // field < value
  less_or_equal,     // field <= value
  greater,           // field > value
  greater_or_equal,  // field >= value
  prefix,            // text field starts with value (byte order, so index ranges work)
  is_null,           // field has no value (no values given)
  not_null,          // field has a value (no values given)
};

struct Condition {
  std::string field;
  Match match = Match::equal;
  std::vector<SqlValue> values;
};

struct Order {
  std::string field = "id";
  bool descending = false;
};

// Where the previous page ended: its last row's order-field value and id.
struct Cursor {
  SqlValue key;
  std::string id;
};

struct Query {
  std::vector<Condition> where;
  Order order;
  std::optional<Cursor> after;
  int limit = 50;  // 1..kMaxPageRows
};

inline constexpr int kMaxPageRows = 10000;

template <class T>
struct Page {
  std::vector<T> items;
  std::optional<Cursor> next;  // set when more rows follow: pass it as Query::after
};

// One value and how many rows have it (count_by).
struct ValueCount {
  SqlValue value;
  std::int64_t count = 0;
};

// SQL text and parameters built from a query; errors are ErrorCode::internal (the caller names
// fields, never a person), except for a wrong value count, which is ErrorCode::validation.
struct QuerySql {
  std::string text;
  std::vector<SqlValue> params;
};

// SELECT of one page (limit + 1 rows, so the caller can tell whether more follow).
[[nodiscard]] Result<QuerySql> page_sql(const RecordSql& rs, std::string_view table,
                                        const std::string* org, const Query& q);
// SELECT count(*) with the conditions; `exists` adds LIMIT 1 to a SELECT 1 instead.
[[nodiscard]] Result<QuerySql> count_sql(const RecordSql& rs, std::string_view table,
                                         const std::string* org,
                                         const std::vector<Condition>& where, bool exists);
// SELECT field, count(*) ... GROUP BY field ORDER BY field (NULL last).
[[nodiscard]] Result<QuerySql> count_by_sql(const RecordSql& rs, std::string_view table,
                                            const std::string* org, const std::string& field,
                                            const std::vector<Condition>& where);

// The smallest text greater than every text that starts with `prefix` (its last code point
// raised by one, carrying past U+10FFFF); "" when there is none.
std::string prefix_upper_bound(std::string_view prefix);

}  // namespace riskloop::store
