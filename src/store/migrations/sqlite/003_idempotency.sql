-- Idempotency-Key answers, shared by every node on the database (docs/api.md, "Idempotency-Key").
-- A cache of responses, like sessions: not journaled, rows expire and are purged.
--
-- One row per (organization, principal, method, path, key). A row is claimed "in_progress" in a
-- transaction of its own before the request runs, so a second node sees the claim; it becomes
-- "done" with the stored response when the request finishes. expires_at bounds both states: an
-- in-progress row whose node died is taken over after its lease, a done row is forgotten after
-- the retention time.
CREATE TABLE idempotency_keys (
  org_id TEXT NOT NULL,
  principal TEXT NOT NULL,
  method TEXT NOT NULL,
  path TEXT NOT NULL,
  idempotency_key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('in_progress', 'done')),
  status INTEGER,
  content_type TEXT,
  headers TEXT,
  body TEXT,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  PRIMARY KEY (org_id, principal, method, path, idempotency_key)
);
CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at);
