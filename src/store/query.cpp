// SQL text of typed queries (store/query.hpp). Field names come from code and are checked against
// the record type's columns; every value is a parameter.
#include "store/query.hpp"

namespace riskloop::store {

namespace {

class Builder {
 public:
  Builder(const RecordSql& rs, std::string_view table) : rs_(rs), table_(table) {}

  std::string param(SqlValue v) {
    out_.params.push_back(std::move(v));
    return "$" + std::to_string(out_.params.size());
  }

  Status check_column(const std::string& field) const {
    if (!rs_.has_column(field))
      return fail(ErrorCode::internal,
                  "no field " + field + " in " + std::string(table_) + " to query by");
    return {};
  }

  Status where(const std::string* org, const std::vector<Condition>& conditions) {
    out_.text += " FROM " + std::string(table_) + " WHERE ";
    std::vector<std::string> terms;
    if (org) terms.push_back("org_id = " + param(*org));
    for (const auto& c : conditions) terms.push_back(RL_TRY(term(c)));
    if (terms.empty()) terms.emplace_back("1 = 1");
    for (std::size_t i = 0; i < terms.size(); ++i) out_.text += (i ? " AND " : "") + terms[i];
    return {};
  }

  Result<std::string> term(const Condition& c) {
    RL_CHECK(check_column(c.field));
    const std::string& f = c.field;
    const auto need = [&](std::size_t n) -> Status {
      if (c.values.size() != n)
        return fail(ErrorCode::validation, "needs " + std::to_string(n) + " value(s), got " +
                                               std::to_string(c.values.size()),
                    f);
      return {};
    };
    switch (c.match) {
      case Match::equal:
        RL_CHECK(need(1));
        return f + " = " + param(c.values[0]);
      case Match::in: {
        if (c.values.empty()) return fail(ErrorCode::validation, "needs at least one value", f);
        std::string list;
        for (const auto& v : c.values) list += (list.empty() ? "" : ", ") + param(v);
        return f + " IN (" + list + ")";
      }
      case Match::less:
        RL_CHECK(need(1));
        return f + " < " + param(c.values[0]);
      case Match::less_or_equal:
        RL_CHECK(need(1));
        return f + " <= " + param(c.values[0]);
      case Match::greater:
        RL_CHECK(need(1));
        return f + " > " + param(c.values[0]);
      case Match::greater_or_equal:
        RL_CHECK(need(1));
        return f + " >= " + param(c.values[0]);
      case Match::prefix: {
        RL_CHECK(need(1));
        const auto* text = std::get_if<std::string>(&c.values[0]);
        if (!text) return fail(ErrorCode::validation, "a prefix must be text", f);
        if (text->empty()) return std::string("1 = 1");
        const std::string upper = prefix_upper_bound(*text);
        std::string t = f + " >= " + param(*text);
        if (!upper.empty()) t += " AND " + f + " < " + param(upper);
        return "(" + t + ")";
      }
      case Match::is_null:
        RL_CHECK(need(0));
        return f + " IS NULL";
      case Match::not_null:
        RL_CHECK(need(0));
        return f + " IS NOT NULL";
    }
    return fail(ErrorCode::internal, "unknown match", f);
  }

  // Rows after the cursor in the order (field, id). A field that always holds a value compares as
  // the row value (field, id), which both engines answer with one index range; a field that may
  // be NULL puts its NULLs last in both directions, which needs the longer OR form.
  std::string after(const Order& order, const Cursor& cursor) {
    const std::string& f = order.field;
    const std::string cmp = order.descending ? "<" : ">";
    if (f == "id") return "id " + cmp + " " + param(cursor.id);
    if (rs_.is_never_null(f)) {
      const std::string key = param(cursor.key);
      return "(" + f + ", id) " + cmp + " (" + key + ", " + param(cursor.id) + ")";
    }
    const std::string id = param(cursor.id);
    if (std::holds_alternative<std::monostate>(cursor.key))
      return "(" + f + " IS NULL AND id " + cmp + " " + id + ")";
    const std::string key = param(cursor.key);
    return "(" + f + " " + cmp + " " + key + " OR (" + f + " = " + key + " AND id " + cmp + " " +
           id + ") OR " + f + " IS NULL)";
  }

  QuerySql& out() { return out_; }

 private:
  const RecordSql& rs_;
  std::string_view table_;
  QuerySql out_;
};

}  // namespace

Result<QuerySql> page_sql(const RecordSql& rs, std::string_view table, const std::string* org,
                          const Query& q) {
  if (q.limit < 1 || q.limit > kMaxPageRows)
    return fail(ErrorCode::validation,
                "must be 1 to " + std::to_string(kMaxPageRows) + ", got " + std::to_string(q.limit),
                "limit");
  Builder b(rs, table);
  RL_CHECK(b.check_column(q.order.field));
  b.out().text = "SELECT " + rs.select_list;
  RL_CHECK(b.where(org, q.where));
  if (q.after) b.out().text += " AND " + b.after(q.order, *q.after);
  const std::string dir = q.order.descending ? " DESC" : " ASC";
  b.out().text += " ORDER BY ";
  if (q.order.field != "id")
    b.out().text += q.order.field + dir + (rs.is_never_null(q.order.field) ? ", " : " NULLS LAST, ");
  b.out().text += "id" + dir + " LIMIT " + std::to_string(q.limit + 1);
  return std::move(b.out());
}

Result<QuerySql> count_sql(const RecordSql& rs, std::string_view table, const std::string* org,
                           const std::vector<Condition>& where, bool exists) {
  Builder b(rs, table);
  b.out().text = exists ? "SELECT 1" : "SELECT count(*)";
  RL_CHECK(b.where(org, where));
  if (exists) b.out().text += " LIMIT 1";
  return std::move(b.out());
}

Result<QuerySql> count_by_sql(const RecordSql& rs, std::string_view table, const std::string* org,
                              const std::string& field, const std::vector<Condition>& where) {
  Builder b(rs, table);
  RL_CHECK(b.check_column(field));
  b.out().text = "SELECT " + field + ", count(*)";
  RL_CHECK(b.where(org, where));
  b.out().text += " GROUP BY " + field + " ORDER BY " + field + " ASC NULLS LAST";
  return std::move(b.out());
}

namespace {

// Appends the UTF-8 encoding of code point `cp`.
void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += char(cp);
  } else if (cp < 0x800) {
    out += char(0xC0 | (cp >> 6));
    out += char(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += char(0xE0 | (cp >> 12));
    out += char(0x80 | ((cp >> 6) & 0x3F));
    out += char(0x80 | (cp & 0x3F));
  } else {
    out += char(0xF0 | (cp >> 18));
    out += char(0x80 | ((cp >> 12) & 0x3F));
    out += char(0x80 | ((cp >> 6) & 0x3F));
    out += char(0x80 | (cp & 0x3F));
  }
}

}  // namespace

std::string prefix_upper_bound(std::string_view prefix) {
  // Walk back over code points; the last one below U+10FFFF is raised by one and the rest dropped.
  std::string head(prefix);
  while (!head.empty()) {
    std::size_t start = head.size() - 1;
    while (start > 0 && (static_cast<unsigned char>(head[start]) & 0xC0) == 0x80) --start;
    const auto lead = static_cast<unsigned char>(head[start]);
    const std::size_t len = head.size() - start;
    char32_t cp = len == 1 ? lead : len == 2 ? lead & 0x1F : len == 3 ? lead & 0x0F : lead & 0x07;
    for (std::size_t i = start + 1; i < head.size(); ++i)
      cp = (cp << 6) | (static_cast<unsigned char>(head[i]) & 0x3F);
    head.resize(start);
    if (cp < 0x10FFFF) {
      ++cp;
      if (cp == 0xD800) cp = 0xE000;  // surrogates are not characters
      append_utf8(head, cp);
      return head;
    }
  }
  return {};
}

}  // namespace riskloop::store
