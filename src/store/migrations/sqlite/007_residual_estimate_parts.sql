-- A residual estimate lists the possible consequences when its probability is not estimable
-- (ISO 14971 5.5), and names the inherent-safety-by-design control when its severity is below
-- the initial one. Both are empty for estimates written before; the journal leaves empty values
-- of these added fields out of its payloads, so those entries still verify (docs/journal.md).
ALTER TABLE residual_estimates ADD COLUMN consequences TEXT NOT NULL DEFAULT '';
ALTER TABLE residual_estimates ADD COLUMN severity_control_id TEXT NOT NULL DEFAULT '';
