-- PostgreSQL twin of sqlite/004_bulk_batches.sql.

-- A journaled record: its create entry is the batch entry.
CREATE TABLE bulk_batches (
  id TEXT COLLATE "C" PRIMARY KEY,
  org_id TEXT COLLATE "C" NOT NULL REFERENCES organizations (id),
  version BIGINT NOT NULL,
  created_at TEXT COLLATE "C" NOT NULL,
  updated_at TEXT COLLATE "C" NOT NULL,
  record_type TEXT COLLATE "C" NOT NULL,
  import_run_id TEXT COLLATE "C" NOT NULL,
  source_name TEXT COLLATE "C" NOT NULL,
  source_sha256 TEXT COLLATE "C" NOT NULL,
  first_row BIGINT NOT NULL,
  last_row BIGINT NOT NULL,
  row_count BIGINT NOT NULL,
  merkle_root TEXT COLLATE "C" NOT NULL
);
CREATE INDEX bulk_batches_run ON bulk_batches (import_run_id, first_row);

-- Progress of one file's import, updated with each batch; not journaled.
CREATE TABLE import_runs (
  id TEXT COLLATE "C" PRIMARY KEY,
  org_id TEXT COLLATE "C" NOT NULL REFERENCES organizations (id),
  version BIGINT NOT NULL,
  created_at TEXT COLLATE "C" NOT NULL,
  updated_at TEXT COLLATE "C" NOT NULL,
  record_type TEXT COLLATE "C" NOT NULL,
  source_name TEXT COLLATE "C" NOT NULL,
  source_sha256 TEXT COLLATE "C" NOT NULL,
  actor TEXT COLLATE "C" NOT NULL,
  total_rows BIGINT NOT NULL,
  rows_done BIGINT NOT NULL,
  batches_done BIGINT NOT NULL,
  status TEXT COLLATE "C" NOT NULL
);
CREATE UNIQUE INDEX import_runs_source ON import_runs (org_id, record_type, source_sha256);

-- Append-only rows; batch_id is checked by verify, not by a foreign key, so that a row without
-- its batch is a finding rather than an impossibility.
CREATE TABLE process_measurements (
  id TEXT COLLATE "C" PRIMARY KEY,
  org_id TEXT COLLATE "C" NOT NULL REFERENCES organizations (id),
  source_row BIGINT NOT NULL,
  product_id TEXT COLLATE "C" NOT NULL,
  lot TEXT COLLATE "C" NOT NULL,
  characteristic TEXT COLLATE "C" NOT NULL,
  value DOUBLE PRECISION NOT NULL,
  unit TEXT COLLATE "C" NOT NULL,
  measured_at TEXT COLLATE "C" NOT NULL,
  station TEXT COLLATE "C" NOT NULL,
  operator TEXT COLLATE "C" NOT NULL,
  batch_id TEXT COLLATE "C" NOT NULL,
  leaf_index BIGINT NOT NULL,
  leaf_hash TEXT COLLATE "C" NOT NULL
);
CREATE INDEX process_measurements_lot ON process_measurements (org_id, lot, id);
CREATE INDEX process_measurements_characteristic
  ON process_measurements (org_id, characteristic, measured_at);
CREATE INDEX process_measurements_product ON process_measurements (org_id, product_id, id);
CREATE UNIQUE INDEX process_measurements_leaf ON process_measurements (batch_id, leaf_index);
