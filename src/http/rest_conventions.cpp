// Shared representation rules of the REST API (see rest_conventions.hpp).
#include "http/rest_conventions.hpp"

#include <cctype>
#include <charconv>

namespace riskloop::http {

std::string dump_json(const nlohmann::json& body) {
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Response json_response(int status, const nlohmann::json& body) {
  Response r;
  r.status = status;
  r.body = dump_json(body);
  return r;
}

Response no_content() {
  Response r;
  r.status = 204;
  return r;
}

std::string etag(std::int64_t version) {
  return "\"" + std::to_string(version) + "\"";
}

Result<app::Page> page_from_query(const Call& call) {
  const int max = std::max(1, call.app().options().max_page_size);
  app::Page page;
  page.limit = std::min(100, max);
  if (auto after = RL_TRY(query_param(call.request.query, "after"))) page.after = std::move(*after);
  if (auto limit = RL_TRY(query_param(call.request.query, "limit"))) {
    int n = 0;
    const auto* end = limit->data() + limit->size();
    const auto [ptr, ec] = std::from_chars(limit->data(), end, n);
    if (ec != std::errc() || ptr != end || n < 1 || n > max)
      return fail(
          ErrorCode::validation,
          "must be a whole number from 1 to " + std::to_string(max) + ", not \"" + *limit + "\"",
          parameter_location("limit"));
    page.limit = n;
  }
  return page;
}

Status require_member(const Call& call, std::string_view name) {
  if (call.body.is_object() && !call.body.contains(name))
    return fail(ErrorCode::validation, "is required", "/" + std::string(name));
  return {};
}

std::string media_type(std::string_view content_type) {
  auto media = content_type.substr(0, content_type.find(';'));
  while (!media.empty() && (media.back() == ' ' || media.back() == '\t')) media.remove_suffix(1);
  std::string out(media);
  for (auto& ch : out) ch = char(std::tolower(static_cast<unsigned char>(ch)));
  return out;
}

std::optional<Response> require_csv(const Call& call) {
  const auto media = media_type(call.request.content_type);
  if (media == "text/csv") return std::nullopt;
  return problem(415, Error{ErrorCode::malformed,
                            (media.empty() ? std::string("the file has no Content-Type")
                                           : "Content-Type " + media + " is not text/csv") +
                                "; send the CSV file as text/csv"});
}

}  // namespace riskloop::http
