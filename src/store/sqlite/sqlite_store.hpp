// The embedded default store: one SQLite database file in WAL mode.
#pragma once

#include "store/sql_store.hpp"

namespace riskloop::store {

[[nodiscard]] Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path,
                                                               const StoreOptions& options);

}  // namespace riskloop::store
