-- The operational risk register becomes a declared record type (core/record_declaration.hpp):
-- its table is now described by the declaration, in which times are real TIMESTAMPTZ columns on
-- PostgreSQL. Stored values are riskloop's own ISO 8601 UTC texts, which convert exactly.
ALTER TABLE operational_risks
  ALTER COLUMN created_at TYPE TIMESTAMPTZ USING created_at::timestamptz,
  ALTER COLUMN updated_at TYPE TIMESTAMPTZ USING updated_at::timestamptz,
  ALTER COLUMN due_date TYPE TIMESTAMPTZ USING due_date::timestamptz;
