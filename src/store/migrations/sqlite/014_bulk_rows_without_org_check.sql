-- Twin of postgres/014_bulk_rows_without_org_check.sql, which drops the foreign key from
-- process_measurements to organizations there. SQLite keeps it: its check is a cheap lookup,
-- and dropping it would mean rebuilding the table.
SELECT 1;
