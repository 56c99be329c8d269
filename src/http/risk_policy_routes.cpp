// /api/v1/risk-policies: the organization's risk policy versions (ISO 14971 4.2, 4.4 d/e). Drafts
// change with PUT/PATCH; an approved version never changes, so a change is a new version (revise)
// that is approved again with a signature.
#include <cctype>

#include "app/risk_files.hpp"
#include "core/field_copy.hpp"
#include "core/risk/policy.hpp"
#include "http/json_schema.hpp"
#include "http/rest_conventions.hpp"
#include "http/routes.hpp"
#include "http/signed_body.hpp"

namespace riskloop::http {
namespace {

using risk::RiskPolicy;
using risk::RiskPolicyInput;

std::string policy_url(const Id& id) {
  return "/api/v1/risk-policies/" + id;
}

bool is_json_media_type(std::string_view content_type) {
  auto media = content_type.substr(0, content_type.find(';'));
  while (!media.empty() && media.back() == ' ') media.remove_suffix(1);
  std::string lower(media);
  for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return lower == "application/json";
}

// POST takes an optional body (the router knows only required ones): none or {} asks for the
// default 5 x 5 policy; the members sent replace the default's.
Result<std::optional<RiskPolicyInput>> optional_policy_body(const Call& c) {
  const auto json =
      RL_TRY(formats::parse_json_body(c.request.body, c.service.options.json_max_depth));
  if (json.is_object() && json.empty()) return std::nullopt;
  auto in = input_of<RiskPolicyInput>(risk::default_policy());
  RL_CHECK(formats::decode_fields(json, in));
  return in;
}

Response list_policies(Call& c) {
  const auto page = RL_HTTP_TRY(page_from_query(c));
  const auto policies = RL_HTTP_TRY(c.app().policies().list(c.principal, page));
  return page_response(
      policies, page.limit, [](const RiskPolicy& p) { return formats::to_json(p); },
      [](const RiskPolicy& p) { return p.header.id; });
}

Response create_policy(Call& c) {
  std::optional<RiskPolicyInput> in;
  if (c.request.body.find_first_not_of(" \t\r\n") != std::string_view::npos) {
    if (!is_json_media_type(c.request.content_type))
      return problem(
          415,
          Error{ErrorCode::malformed, "send the policy as Content-Type: application/json", {}});
    in = RL_HTTP_TRY(optional_policy_body(c));
  }
  const auto p = RL_HTTP_TRY(c.app().policies().create(c.principal, in));
  return record_response(p, 201, policy_url(p.header.id));
}

Response get_policy(Call& c) {
  return record_response(RL_HTTP_TRY(c.app().policies().get(c.principal, c.param(0))));
}

Response replace_policy(Call& c) {
  RiskPolicyInput in;
  RL_HTTP_CHECK(decode_body(c, in));
  return record_response(
      RL_HTTP_TRY(c.app().policies().update(c.principal, c.param(0), in, c.if_match)));
}

Response patch_policy(Call& c) {
  const auto id = c.param(0);
  RL_HTTP_CHECK(app::RiskPolicies::may_change(c.principal));
  auto in = input_of<RiskPolicyInput>(RL_HTTP_TRY(c.app().policies().get(c.principal, id)));
  RL_HTTP_CHECK(decode_body(c, in));
  return record_response(RL_HTTP_TRY(c.app().policies().update(c.principal, id, in, c.if_match)));
}

Response revise_policy(Call& c) {
  // The path names a version; the new draft follows the latest version of its policy.
  RL_HTTP_CHECK(app::RiskPolicies::may_change(c.principal));
  const auto version = RL_HTTP_TRY(c.app().policies().get(c.principal, c.param(0)));
  const auto next = RL_HTTP_TRY(c.app().policies().revise(c.principal, version.policy_id));
  return record_response(next, 201, policy_url(next.header.id));
}

Response approve_policy(Call& c) {
  const auto body = RL_HTTP_TRY(decode_signed<SignatureOnly>(c));
  return record_response(
      RL_HTTP_TRY(c.app().policies().approve(c.principal, c.param(0), body.signature, c.if_match)));
}

}  // namespace

void add_risk_policy_routes(RouteTable& routes) {
  constexpr SchemaRef kPolicy = record_ref<RiskPolicy>("RiskPolicy");
  constexpr SchemaRef kInput = input_ref<RiskPolicyInput>("RiskPolicyInput");
  constexpr SchemaRef kApproval = input_ref<Signed<SignatureOnly>>("SignatureBody");
  routes.add(
      {.method = Method::get,
       .pattern = "/api/v1/risk-policies",
       .operation_id = "listRiskPolicies",
       .summary = "Risk policy versions of the organization",
       .tag = "risk policies",
       .handler = &list_policies,
       .response_description = "A page of policy versions in creation order",
       .response = kPolicy,
       .list = true,
       .query = {{"after", "cursor: the `next` value of the previous page"},
                 {"limit", "page size, 1 to the server's maximum (default 100)", "integer"}}});
  routes.add({.method = Method::post,
              .pattern = "/api/v1/risk-policies",
              .operation_id = "createRiskPolicy",
              .summary = "Create a draft policy (version 1). The body is optional: none or {} "
                         "gives the default 5 x 5 policy; a RiskPolicyInput object replaces the "
                         "members it sends",
              .tag = "risk policies",
              .handler = &create_policy,
              .exec = Exec::write_pool,
              .status = 201,
              .response_description = "Created, as a draft",
              .response = kPolicy});
  routes.add({.method = Method::get,
              .pattern = "/api/v1/risk-policies/{id}",
              .operation_id = "getRiskPolicy",
              .summary = "One policy version",
              .tag = "risk policies",
              .handler = &get_policy,
              .response_description = "The policy version; ETag is its record version",
              .response = kPolicy});
  routes.add({.method = Method::put,
              .pattern = "/api/v1/risk-policies/{id}",
              .operation_id = "replaceRiskPolicy",
              .summary = "Replace every field of a draft policy version",
              .tag = "risk policies",
              .handler = &replace_policy,
              .exec = Exec::write_pool,
              .body = kInput,
              .response_description = "The draft after the change",
              .response = kPolicy,
              .if_match = true});
  routes.add({.method = Method::patch,
              .pattern = "/api/v1/risk-policies/{id}",
              .operation_id = "patchRiskPolicy",
              .summary = "Change some fields of a draft policy version",
              .tag = "risk policies",
              .handler = &patch_policy,
              .exec = Exec::write_pool,
              .body = kInput,
              .response_description = "The draft after the change",
              .response = kPolicy,
              .if_match = true});
  routes.add({.method = Method::post,
              .pattern = "/api/v1/risk-policies/{id}/revise",
              .operation_id = "reviseRiskPolicy",
              .summary = "Start the next version of the policy as a draft, from its latest version",
              .tag = "risk policies",
              .handler = &revise_policy,
              .exec = Exec::write_pool,
              .status = 201,
              .response_description = "The new draft version",
              .response = kPolicy});
  routes.add({.method = Method::post,
              .pattern = "/api/v1/risk-policies/{id}/approve",
              .operation_id = "approveRiskPolicy",
              .summary = "Approve a draft version with an electronic signature (password in the "
                         "body)",
              .tag = "risk policies",
              .handler = &approve_policy,
              .exec = Exec::write_pool,
              .body = kApproval,
              .response_description = "The approved version",
              .response = kPolicy,
              .if_match = true});
}

}  // namespace riskloop::http
