// Authorization checks and version preconditions shared by all use cases.
#include "app/principal.hpp"

#include "app/recorder.hpp"

namespace riskloop::app {

Status require(const Principal& who, Permission permission, std::string_view action) {
  if (who.local_operator || allows(who.role, permission)) return {};
  return fail(ErrorCode::forbidden, "your role (" + std::string(name_of(who.role)) +
                                        ") may not " + std::string(action));
}

Status check_version(std::string_view entity, const Id& id, std::int64_t stored,
                     std::optional<std::int64_t> expected) {
  if (!expected || *expected == stored) return {};
  return fail(ErrorCode::precondition,
              std::string(entity) + " " + id + " is at version " + std::to_string(stored) +
                  ", not " + std::to_string(*expected) +
                  "; someone changed it since you read it: reload and apply your change again");
}

}  // namespace riskloop::app
