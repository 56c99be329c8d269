// The application layer: every use case, authorized and validated, one transaction per command,
// its journal entries in the same transaction. HTTP and CLI call only this.
#pragma once

#include <memory>

#include "app/accounts.hpp"
#include "app/auth.hpp"
#include "app/journal_reader.hpp"
#include "app/products.hpp"

namespace riskloop::app {

class App {
 public:
  App(store::Store& store, const Clock& clock, IdSource& ids, AppOptions options = {})
      : ctx_{store, clock, ids, options},
        accounts_(ctx_),
        auth_(ctx_),
        products_(ctx_),
        journal_(ctx_) {}

  Accounts& accounts() { return accounts_; }
  Auth& auth() { return auth_; }
  Products& products() { return products_; }
  JournalReader& journal() { return journal_; }
  store::Store& store() { return ctx_.store; }
  const AppOptions& options() const { return ctx_.options; }
  const Clock& clock() const { return ctx_.clock; }

 private:
  AppContext ctx_;
  Accounts accounts_;
  Auth auth_;
  Products products_;
  JournalReader journal_;
};

// Production clock and ids (UUIDv7: time-ordered, random in the rest).
class SystemClock final : public Clock {
 public:
  Timestamp now() const override;
};
class UuidV7Source final : public IdSource {
 public:
  std::string next_id() override;
};

}  // namespace riskloop::app
