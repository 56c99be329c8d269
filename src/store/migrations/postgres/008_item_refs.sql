-- PostgreSQL twin of sqlite/008_item_refs.sql.
ALTER TABLE hazards ADD COLUMN ref TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE hazards ADD COLUMN retired_rationale TEXT COLLATE "C" NOT NULL DEFAULT '';
UPDATE hazards SET ref = 'H-' || CASE WHEN n.num < 1000 THEN lpad(n.num::text, 3, '0') ELSE n.num::text END
  FROM (SELECT id, ROW_NUMBER() OVER (PARTITION BY risk_file_id ORDER BY created_at, id) AS num
        FROM hazards) AS n
  WHERE hazards.id = n.id;
CREATE UNIQUE INDEX hazards_ref ON hazards (risk_file_id, ref);

ALTER TABLE hazardous_situations ADD COLUMN ref TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE hazardous_situations ADD COLUMN retired_rationale TEXT COLLATE "C" NOT NULL DEFAULT '';
UPDATE hazardous_situations SET ref = 'HS-' || CASE WHEN n.num < 1000 THEN lpad(n.num::text, 3, '0') ELSE n.num::text END
  FROM (SELECT id, ROW_NUMBER() OVER (PARTITION BY risk_file_id ORDER BY created_at, id) AS num
        FROM hazardous_situations) AS n
  WHERE hazardous_situations.id = n.id;
CREATE UNIQUE INDEX hazardous_situations_ref ON hazardous_situations (risk_file_id, ref);

ALTER TABLE harms ADD COLUMN ref TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE harms ADD COLUMN retired_rationale TEXT COLLATE "C" NOT NULL DEFAULT '';
UPDATE harms SET ref = 'HM-' || CASE WHEN n.num < 1000 THEN lpad(n.num::text, 3, '0') ELSE n.num::text END
  FROM (SELECT id, ROW_NUMBER() OVER (PARTITION BY risk_file_id ORDER BY created_at, id) AS num
        FROM harms) AS n
  WHERE harms.id = n.id;
CREATE UNIQUE INDEX harms_ref ON harms (risk_file_id, ref);

ALTER TABLE situation_harms ADD COLUMN ref TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE situation_harms ADD COLUMN retired_rationale TEXT COLLATE "C" NOT NULL DEFAULT '';
UPDATE situation_harms SET ref = 'R-' || CASE WHEN n.num < 1000 THEN lpad(n.num::text, 3, '0') ELSE n.num::text END
  FROM (SELECT id, ROW_NUMBER() OVER (PARTITION BY risk_file_id ORDER BY created_at, id) AS num
        FROM situation_harms) AS n
  WHERE situation_harms.id = n.id;
CREATE UNIQUE INDEX situation_harms_ref ON situation_harms (risk_file_id, ref);

ALTER TABLE risk_controls ADD COLUMN ref TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE risk_controls ADD COLUMN retired_rationale TEXT COLLATE "C" NOT NULL DEFAULT '';
UPDATE risk_controls SET ref = 'RC-' || CASE WHEN n.num < 1000 THEN lpad(n.num::text, 3, '0') ELSE n.num::text END
  FROM (SELECT id, ROW_NUMBER() OVER (PARTITION BY risk_file_id ORDER BY created_at, id) AS num
        FROM risk_controls) AS n
  WHERE risk_controls.id = n.id;
CREATE UNIQUE INDEX risk_controls_ref ON risk_controls (risk_file_id, ref);

CREATE TABLE risk_item_counters (
  risk_file_id TEXT COLLATE "C" NOT NULL REFERENCES risk_files (id),
  kind TEXT COLLATE "C" NOT NULL,
  last_number BIGINT NOT NULL,
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
