// The multi-user store: PostgreSQL 15 over libpq. Several app nodes may share one database; their
// write transactions take turns (see PostgresConnection::begin_write).
#pragma once

#include "store/sql_store.hpp"

namespace riskloop::store {

// `url`: "postgresql://user@host:port/dbname?..." (any libpq connection URI). The database must
// exist; open() applies pending migrations to it. StoreOptions::create and busy_timeout_ms are
// SQLite settings and have no effect here.
[[nodiscard]] Result<std::unique_ptr<Store>> open_postgres_store(const std::string& url,
                                                                 const StoreOptions& options);

}  // namespace riskloop::store
