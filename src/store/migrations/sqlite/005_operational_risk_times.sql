-- Twin of postgres/005_operational_risk_times.sql. SQLite keeps times as ISO 8601 UTC text, which
-- sorts as time does, so the operational risk table needs no change here; the number is kept so
-- both engines count the same migrations.
SELECT 1;
