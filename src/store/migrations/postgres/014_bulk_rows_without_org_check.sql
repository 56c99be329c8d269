-- Bulk rows check their organization through their batch, not row by row: the foreign key from
-- process_measurements to organizations cost a quarter of the server's time of a COPY (about 3 s
-- of 12 per million rows). Every row names its batch, verify checks that the batch exists with
-- the same organization, and bulk_batches keeps its foreign key to organizations.
ALTER TABLE process_measurements DROP CONSTRAINT process_measurements_org_id_fkey;
