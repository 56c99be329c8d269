-- Bulk data: batches journaled by Merkle root (docs/journal.md section 7), import runs, and the
-- first bulk record type, process measurements.

-- A journaled record: its create entry is the batch entry.
CREATE TABLE bulk_batches (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations (id),
  version INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  record_type TEXT NOT NULL,
  import_run_id TEXT NOT NULL,
  source_name TEXT NOT NULL,
  source_sha256 TEXT NOT NULL,
  first_row INTEGER NOT NULL,
  last_row INTEGER NOT NULL,
  row_count INTEGER NOT NULL,
  merkle_root TEXT NOT NULL
);
CREATE INDEX bulk_batches_run ON bulk_batches (import_run_id, first_row);

-- Progress of one file's import, updated with each batch; not journaled.
CREATE TABLE import_runs (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations (id),
  version INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  record_type TEXT NOT NULL,
  source_name TEXT NOT NULL,
  source_sha256 TEXT NOT NULL,
  actor TEXT NOT NULL,
  total_rows INTEGER NOT NULL,
  rows_done INTEGER NOT NULL,
  batches_done INTEGER NOT NULL,
  status TEXT NOT NULL
);
CREATE UNIQUE INDEX import_runs_source ON import_runs (org_id, record_type, source_sha256);

-- Append-only rows; batch_id is checked by verify, not by a foreign key, so that a row without
-- its batch is a finding rather than an impossibility.
CREATE TABLE process_measurements (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations (id),
  source_row INTEGER NOT NULL,
  product_id TEXT NOT NULL,
  lot TEXT NOT NULL,
  characteristic TEXT NOT NULL,
  value REAL NOT NULL,
  unit TEXT NOT NULL,
  measured_at TEXT NOT NULL,
  station TEXT NOT NULL,
  operator TEXT NOT NULL,
  batch_id TEXT NOT NULL,
  leaf_index INTEGER NOT NULL,
  leaf_hash TEXT NOT NULL
);
CREATE INDEX process_measurements_lot ON process_measurements (org_id, lot, id);
CREATE INDEX process_measurements_characteristic
  ON process_measurements (org_id, characteristic, measured_at);
CREATE INDEX process_measurements_product ON process_measurements (org_id, product_id, id);
CREATE UNIQUE INDEX process_measurements_leaf ON process_measurements (batch_id, leaf_index);
