-- Foundation: accounts, products, the journal, sessions.
-- PostgreSQL twin of sqlite/001_foundation.sql: same tables, columns, constraints and indexes.
-- Text compares in byte order (COLLATE "C"), as in SQLite, whatever the database's locale; this
-- also keeps indexes valid across C library upgrades.
CREATE TABLE organizations (
  id TEXT COLLATE "C" PRIMARY KEY,
  version BIGINT NOT NULL,
  created_at TEXT COLLATE "C" NOT NULL,
  updated_at TEXT COLLATE "C" NOT NULL,
  name TEXT COLLATE "C" NOT NULL,
  slug TEXT COLLATE "C" NOT NULL UNIQUE
);

CREATE TABLE users (
  id TEXT COLLATE "C" PRIMARY KEY,
  version BIGINT NOT NULL,
  created_at TEXT COLLATE "C" NOT NULL,
  updated_at TEXT COLLATE "C" NOT NULL,
  email TEXT COLLATE "C" NOT NULL UNIQUE,
  display_name TEXT COLLATE "C" NOT NULL,
  status TEXT COLLATE "C" NOT NULL,
  password_hash TEXT COLLATE "C" NOT NULL
);

CREATE TABLE memberships (
  id TEXT COLLATE "C" PRIMARY KEY,
  org_id TEXT COLLATE "C" NOT NULL REFERENCES organizations (id),
  version BIGINT NOT NULL,
  created_at TEXT COLLATE "C" NOT NULL,
  updated_at TEXT COLLATE "C" NOT NULL,
  user_id TEXT COLLATE "C" NOT NULL REFERENCES users (id),
  role TEXT COLLATE "C" NOT NULL,
  UNIQUE (org_id, user_id)
);
CREATE INDEX memberships_user ON memberships (user_id);

CREATE TABLE api_tokens (
  id TEXT COLLATE "C" PRIMARY KEY,
  org_id TEXT COLLATE "C" NOT NULL REFERENCES organizations (id),
  version BIGINT NOT NULL,
  created_at TEXT COLLATE "C" NOT NULL,
  updated_at TEXT COLLATE "C" NOT NULL,
  user_id TEXT COLLATE "C" NOT NULL REFERENCES users (id),
  name TEXT COLLATE "C" NOT NULL,
  prefix TEXT COLLATE "C" NOT NULL,
  token_hash TEXT COLLATE "C" NOT NULL UNIQUE,
  expires_at TEXT COLLATE "C",
  revoked_at TEXT COLLATE "C"
);
CREATE INDEX api_tokens_org ON api_tokens (org_id, id);

CREATE TABLE products (
  id TEXT COLLATE "C" PRIMARY KEY,
  org_id TEXT COLLATE "C" NOT NULL REFERENCES organizations (id),
  version BIGINT NOT NULL,
  created_at TEXT COLLATE "C" NOT NULL,
  updated_at TEXT COLLATE "C" NOT NULL,
  name TEXT COLLATE "C" NOT NULL,
  family TEXT COLLATE "C" NOT NULL,
  model TEXT COLLATE "C" NOT NULL,
  description TEXT COLLATE "C" NOT NULL
);
CREATE INDEX products_org ON products (org_id, id);

-- The hash-chained journal (docs/journal.md). Append-only: the triggers refuse changes. seq is
-- assigned by the writer (the next number after the head), never by a sequence.
CREATE TABLE journal (
  seq BIGINT PRIMARY KEY,
  at TEXT COLLATE "C" NOT NULL,
  actor TEXT COLLATE "C" NOT NULL,
  org_id TEXT COLLATE "C" NOT NULL,
  entity TEXT COLLATE "C" NOT NULL,
  entity_id TEXT COLLATE "C" NOT NULL,
  op TEXT COLLATE "C" NOT NULL,
  payload TEXT COLLATE "C" NOT NULL,
  prev_hash TEXT COLLATE "C" NOT NULL,
  hash TEXT COLLATE "C" NOT NULL
);
CREATE INDEX journal_entity ON journal (entity, entity_id, seq);
CREATE INDEX journal_org ON journal (org_id, seq);
CREATE FUNCTION journal_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the journal is append-only';
END;
$$;
CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal
  FOR EACH ROW EXECUTE FUNCTION journal_refuse_change();
CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal
  FOR EACH ROW EXECUTE FUNCTION journal_refuse_change();
-- TRUNCATE skips row triggers; SQLite has no TRUNCATE, PostgreSQL needs this one too.
CREATE TRIGGER journal_no_truncate BEFORE TRUNCATE ON journal
  FOR EACH STATEMENT EXECUTE FUNCTION journal_refuse_change();

CREATE TABLE sessions (
  token_hash TEXT COLLATE "C" PRIMARY KEY,
  user_id TEXT COLLATE "C" NOT NULL REFERENCES users (id),
  org_id TEXT COLLATE "C" NOT NULL REFERENCES organizations (id),
  csrf_token TEXT COLLATE "C" NOT NULL,
  created_at TEXT COLLATE "C" NOT NULL,
  expires_at TEXT COLLATE "C" NOT NULL,
  last_seen_at TEXT COLLATE "C" NOT NULL,
  authenticated_at TEXT COLLATE "C" NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE login_throttle (
  key TEXT COLLATE "C" PRIMARY KEY,
  failures BIGINT NOT NULL,
  window_start TEXT COLLATE "C" NOT NULL,
  locked_until TEXT COLLATE "C"
);

CREATE TABLE shares (
  id TEXT COLLATE "C" PRIMARY KEY,
  org_id TEXT COLLATE "C" NOT NULL REFERENCES organizations (id),
  version BIGINT NOT NULL,
  created_at TEXT COLLATE "C" NOT NULL,
  updated_at TEXT COLLATE "C" NOT NULL,
  shared_entity TEXT COLLATE "C" NOT NULL,
  shared_id TEXT COLLATE "C" NOT NULL,
  user_id TEXT COLLATE "C" NOT NULL REFERENCES users (id),
  UNIQUE (org_id, shared_entity, shared_id, user_id)
);
CREATE INDEX shares_user ON shares (org_id, user_id, shared_entity);
