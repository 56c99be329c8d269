-- Account security (docs/security.md): invitations of accounts that already belong to another
-- organization, security events for administrators, and indexes for purging expired sessions.
CREATE TABLE invitations (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations (id),
  version INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  user_id TEXT NOT NULL REFERENCES users (id),
  email TEXT NOT NULL,
  role TEXT NOT NULL,
  invited_by TEXT NOT NULL,
  status TEXT NOT NULL
);
CREATE INDEX invitations_org ON invitations (org_id, id);
CREATE INDEX invitations_user ON invitations (user_id, status);

CREATE TABLE security_events (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations (id),
  version INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  kind TEXT NOT NULL,
  user_id TEXT NOT NULL REFERENCES users (id),
  purpose TEXT NOT NULL,
  locked INTEGER NOT NULL
);
CREATE INDEX security_events_org ON security_events (org_id, id);

CREATE INDEX sessions_expires ON sessions (expires_at);
CREATE INDEX login_throttle_window ON login_throttle (window_start);
