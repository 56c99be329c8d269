// Store::open: picks the engine from the URL.
#include "store/postgres/postgres_store.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "store/store.hpp"

namespace riskloop::store {

Result<std::unique_ptr<Store>> Store::open(const StoreOptions& options) {
  const std::string& url = options.url;
  if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0)
    return open_postgres_store(url, options);
  std::string path = url.rfind("sqlite:", 0) == 0 ? url.substr(7) : url;
  if (path.empty()) return fail(ErrorCode::validation, "the database path is empty", "--db");
  return open_sqlite_store(path, options);
}

}  // namespace riskloop::store
