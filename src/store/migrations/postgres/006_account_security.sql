-- Twin of sqlite/006_account_security.sql: invitations, security events, purge indexes.
CREATE TABLE invitations (
  id TEXT COLLATE "C" PRIMARY KEY,
  org_id TEXT COLLATE "C" NOT NULL REFERENCES organizations (id),
  version BIGINT NOT NULL,
  created_at TEXT COLLATE "C" NOT NULL,
  updated_at TEXT COLLATE "C" NOT NULL,
  user_id TEXT COLLATE "C" NOT NULL REFERENCES users (id),
  email TEXT COLLATE "C" NOT NULL,
  role TEXT COLLATE "C" NOT NULL,
  invited_by TEXT COLLATE "C" NOT NULL,
  status TEXT COLLATE "C" NOT NULL
);
CREATE INDEX invitations_org ON invitations (org_id, id);
CREATE INDEX invitations_user ON invitations (user_id, status);

CREATE TABLE security_events (
  id TEXT COLLATE "C" PRIMARY KEY,
  org_id TEXT COLLATE "C" NOT NULL REFERENCES organizations (id),
  version BIGINT NOT NULL,
  created_at TEXT COLLATE "C" NOT NULL,
  updated_at TEXT COLLATE "C" NOT NULL,
  kind TEXT COLLATE "C" NOT NULL,
  user_id TEXT COLLATE "C" NOT NULL REFERENCES users (id),
  purpose TEXT COLLATE "C" NOT NULL,
  locked BIGINT NOT NULL
);
CREATE INDEX security_events_org ON security_events (org_id, id);

CREATE INDEX sessions_expires ON sessions (expires_at);
CREATE INDEX login_throttle_window ON login_throttle (window_start);
