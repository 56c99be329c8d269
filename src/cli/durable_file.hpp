// File operations for backup and restore that survive a crash: copies that are on disk before
// they are used, atomic replacement, and detecting an SQLite database that is open elsewhere.
#pragma once

#include <string>

#include "core/error.hpp"

namespace riskloop::cli {

// Creates a new file next to `target` ("<target>.restore-XXXXXX") holding a copy of `source`,
// flushed to disk. Returns its path.
Result<std::string> copy_beside(const std::string& source, const std::string& target);
// Flushes `path` to disk.
Status sync_file(const std::string& path);
// Renames `from` to `to` (same folder) and flushes the folder, so the rename is durable.
Status replace_durably(const std::string& from, const std::string& to);
// Removes `path` if it exists.
Status remove_if_exists(const std::string& path);
// Size of `path`, 0 if it does not exist.
std::uintmax_t size_or_zero(const std::string& path);

// True if another process has the SQLite database at `path` open. In WAL mode every connection
// holds a shared lock on the "DMS" byte (offset 128) of the "-shm" file for as long as it is
// open (SQLite's WAL file format, section on the shared-memory locks); we ask the kernel whether
// anyone holds it, without taking it.
Result<bool> sqlite_database_in_use(const std::string& path);

}  // namespace riskloop::cli
