-- Human-readable references (H-001, HS-001, HM-001, R-001, RC-001) and retirement for the items
-- of a risk file. A ref is unique per file and kind, assigned when the item is created from the
-- file's counter (risk_item_counters), which only grows: a removed item's number is never given
-- again. Existing items get theirs here, in creation order per file; the journal is left as it
-- was (their refs enter it with their next change, docs/journal.md). An item is retired while
-- retired_rationale holds text: empty for every item written before.
ALTER TABLE hazards ADD COLUMN ref TEXT NOT NULL DEFAULT '';
ALTER TABLE hazards ADD COLUMN retired_rationale TEXT NOT NULL DEFAULT '';
UPDATE hazards SET ref = 'H-' || printf('%03d', n.num)
  FROM (SELECT id, ROW_NUMBER() OVER (PARTITION BY risk_file_id ORDER BY created_at, id) AS num
        FROM hazards) AS n
  WHERE hazards.id = n.id;
CREATE UNIQUE INDEX hazards_ref ON hazards (risk_file_id, ref);

ALTER TABLE hazardous_situations ADD COLUMN ref TEXT NOT NULL DEFAULT '';
ALTER TABLE hazardous_situations ADD COLUMN retired_rationale TEXT NOT NULL DEFAULT '';
UPDATE hazardous_situations SET ref = 'HS-' || printf('%03d', n.num)
  FROM (SELECT id, ROW_NUMBER() OVER (PARTITION BY risk_file_id ORDER BY created_at, id) AS num
        FROM hazardous_situations) AS n
  WHERE hazardous_situations.id = n.id;
CREATE UNIQUE INDEX hazardous_situations_ref ON hazardous_situations (risk_file_id, ref);

ALTER TABLE harms ADD COLUMN ref TEXT NOT NULL DEFAULT '';
ALTER TABLE harms ADD COLUMN retired_rationale TEXT NOT NULL DEFAULT '';
UPDATE harms SET ref = 'HM-' || printf('%03d', n.num)
  FROM (SELECT id, ROW_NUMBER() OVER (PARTITION BY risk_file_id ORDER BY created_at, id) AS num
        FROM harms) AS n
  WHERE harms.id = n.id;
CREATE UNIQUE INDEX harms_ref ON harms (risk_file_id, ref);

ALTER TABLE situation_harms ADD COLUMN ref TEXT NOT NULL DEFAULT '';
ALTER TABLE situation_harms ADD COLUMN retired_rationale TEXT NOT NULL DEFAULT '';
UPDATE situation_harms SET ref = 'R-' || printf('%03d', n.num)
  FROM (SELECT id, ROW_NUMBER() OVER (PARTITION BY risk_file_id ORDER BY created_at, id) AS num
        FROM situation_harms) AS n
  WHERE situation_harms.id = n.id;
CREATE UNIQUE INDEX situation_harms_ref ON situation_harms (risk_file_id, ref);

ALTER TABLE risk_controls ADD COLUMN ref TEXT NOT NULL DEFAULT '';
ALTER TABLE risk_controls ADD COLUMN retired_rationale TEXT NOT NULL DEFAULT '';
UPDATE risk_controls SET ref = 'RC-' || printf('%03d', n.num)
  FROM (SELECT id, ROW_NUMBER() OVER (PARTITION BY risk_file_id ORDER BY created_at, id) AS num
        FROM risk_controls) AS n
  WHERE risk_controls.id = n.id;
CREATE UNIQUE INDEX risk_controls_ref ON risk_controls (risk_file_id, ref);

CREATE TABLE risk_item_counters (
  risk_file_id TEXT NOT NULL REFERENCES risk_files (id),
  kind TEXT NOT NULL,
  last_number INTEGER NOT NULL,
  PRIMARY KEY (risk_file_id, kind)
);
INSERT INTO risk_item_counters (risk_file_id, kind, last_number)
  SELECT risk_file_id, 'hazard', COUNT(*) FROM hazards GROUP BY risk_file_id;
INSERT INTO risk_item_counters (risk_file_id, kind, last_number)
  SELECT risk_file_id, 'hazardous_situation', COUNT(*) FROM hazardous_situations GROUP BY risk_file_id;
INSERT INTO risk_item_counters (risk_file_id, kind, last_number)
  SELECT risk_file_id, 'harm', COUNT(*) FROM harms GROUP BY risk_file_id;
INSERT INTO risk_item_counters (risk_file_id, kind, last_number)
  SELECT risk_file_id, 'situation_harm', COUNT(*) FROM situation_harms GROUP BY risk_file_id;
INSERT INTO risk_item_counters (risk_file_id, kind, last_number)
  SELECT risk_file_id, 'risk_control', COUNT(*) FROM risk_controls GROUP BY risk_file_id;
