-- PostgreSQL twin of sqlite/007_residual_estimate_parts.sql.
ALTER TABLE residual_estimates ADD COLUMN consequences TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE residual_estimates ADD COLUMN severity_control_id TEXT COLLATE "C" NOT NULL DEFAULT '';
