-- The 1+2+3+4 risk file (ISO 14971): policies, files, the hazard -> situation -> harm chain,
-- controls, decisions, reviews, the operational risk register and electronic signatures.
-- Columns follow the record field lists in src/core/risk and src/core/signature.hpp;
-- tests/contract checks that they agree.
-- PostgreSQL twin of sqlite/002_risk_file.sql: integers BIGINT, reals DOUBLE PRECISION, text
-- in byte order (COLLATE "C").

CREATE TABLE risk_policies (
  id TEXT COLLATE "C" PRIMARY KEY,
  org_id TEXT COLLATE "C" NOT NULL REFERENCES organizations (id),
  version BIGINT NOT NULL,
  created_at TEXT COLLATE "C" NOT NULL,
  updated_at TEXT COLLATE "C" NOT NULL,
  policy_id TEXT COLLATE "C" NOT NULL,
  policy_version BIGINT NOT NULL,
  status TEXT COLLATE "C" NOT NULL,
  name TEXT COLLATE "C" NOT NULL,
  probability_basis TEXT COLLATE "C" NOT NULL,
  severity_levels TEXT COLLATE "C" NOT NULL,
  probability_levels TEXT COLLATE "C" NOT NULL,
  acceptability_matrix TEXT COLLATE "C" NOT NULL,
  overall_residual_criteria TEXT COLLATE "C" NOT NULL,
  not_estimable_criteria TEXT COLLATE "C" NOT NULL,
  approved_at TEXT COLLATE "C",
  approved_by TEXT COLLATE "C" NOT NULL,
  UNIQUE (org_id, policy_id, policy_version)
);
CREATE INDEX risk_policies_org ON risk_policies (org_id, id);

CREATE TABLE risk_files (
  id TEXT COLLATE "C" PRIMARY KEY,
  org_id TEXT COLLATE "C" NOT NULL REFERENCES organizations (id),
  version BIGINT NOT NULL,
  created_at TEXT COLLATE "C" NOT NULL,
  updated_at TEXT COLLATE "C" NOT NULL,
  product_id TEXT COLLATE "C" NOT NULL REFERENCES products (id),
  title TEXT COLLATE "C" NOT NULL,
  device_description TEXT COLLATE "C" NOT NULL,
  analysts TEXT COLLATE "C" NOT NULL,
  intended_use TEXT COLLATE "C" NOT NULL,
  reasonably_foreseeable_misuse TEXT COLLATE "C" NOT NULL,
  safety_characteristics TEXT COLLATE "C" NOT NULL,
  plan_scope TEXT COLLATE "C" NOT NULL,
  plan_responsibilities TEXT COLLATE "C" NOT NULL,
  plan_review_requirements TEXT COLLATE "C" NOT NULL,
  plan_acceptability_criteria TEXT COLLATE "C" NOT NULL,
  plan_overall_residual_method TEXT COLLATE "C" NOT NULL,
  plan_verification_activities TEXT COLLATE "C" NOT NULL,
  plan_production_information TEXT COLLATE "C" NOT NULL,
  policy_id TEXT COLLATE "C" NOT NULL,
  policy_version BIGINT NOT NULL,
  stage TEXT COLLATE "C" NOT NULL,
  review_period_days BIGINT NOT NULL,
  next_review_due TEXT COLLATE "C"
);
CREATE INDEX risk_files_org ON risk_files (org_id, id);
CREATE INDEX risk_files_product ON risk_files (org_id, product_id);

CREATE TABLE hazards (
  id TEXT COLLATE "C" PRIMARY KEY,
  org_id TEXT COLLATE "C" NOT NULL REFERENCES organizations (id),
  version BIGINT NOT NULL,
  created_at TEXT COLLATE "C" NOT NULL,
  updated_at TEXT COLLATE "C" NOT NULL,
  risk_file_id TEXT COLLATE "C" NOT NULL REFERENCES risk_files (id),
  title TEXT COLLATE "C" NOT NULL,
  description TEXT COLLATE "C" NOT NULL,
  category TEXT COLLATE "C" NOT NULL,
  condition TEXT COLLATE "C" NOT NULL,
  mission TEXT COLLATE "C" NOT NULL,
  stage TEXT COLLATE "C" NOT NULL
);
CREATE INDEX hazards_file ON hazards (org_id, risk_file_id, id);

CREATE TABLE hazardous_situations (
  id TEXT COLLATE "C" PRIMARY KEY,
  org_id TEXT COLLATE "C" NOT NULL REFERENCES organizations (id),
  version BIGINT NOT NULL,
  created_at TEXT COLLATE "C" NOT NULL,
  updated_at TEXT COLLATE "C" NOT NULL,
  risk_file_id TEXT COLLATE "C" NOT NULL REFERENCES risk_files (id),
  title TEXT COLLATE "C" NOT NULL,
  sequence_of_events TEXT COLLATE "C" NOT NULL,
  p1 DOUBLE PRECISION,
  p1_source TEXT COLLATE "C" NOT NULL,
  p1_rationale TEXT COLLATE "C" NOT NULL,
  mission TEXT COLLATE "C" NOT NULL,
  stage TEXT COLLATE "C" NOT NULL
);
CREATE INDEX hazardous_situations_file ON hazardous_situations (org_id, risk_file_id, id);

CREATE TABLE harms (
  id TEXT COLLATE "C" PRIMARY KEY,
  org_id TEXT COLLATE "C" NOT NULL REFERENCES organizations (id),
  version BIGINT NOT NULL,
  created_at TEXT COLLATE "C" NOT NULL,
  updated_at TEXT COLLATE "C" NOT NULL,
  risk_file_id TEXT COLLATE "C" NOT NULL REFERENCES risk_files (id),
  title TEXT COLLATE "C" NOT NULL,
  description TEXT COLLATE "C" NOT NULL,
  severity_rank BIGINT,
  severity_rationale TEXT COLLATE "C" NOT NULL,
  mission TEXT COLLATE "C" NOT NULL,
  stage TEXT COLLATE "C" NOT NULL
);
CREATE INDEX harms_file ON harms (org_id, risk_file_id, id);

CREATE TABLE hazard_situation_links (
  id TEXT COLLATE "C" PRIMARY KEY,
  org_id TEXT COLLATE "C" NOT NULL REFERENCES organizations (id),
  version BIGINT NOT NULL,
  created_at TEXT COLLATE "C" NOT NULL,
  updated_at TEXT COLLATE "C" NOT NULL,
  risk_file_id TEXT COLLATE "C" NOT NULL REFERENCES risk_files (id),
  hazard_id TEXT COLLATE "C" NOT NULL REFERENCES hazards (id),
  situation_id TEXT COLLATE "C" NOT NULL REFERENCES hazardous_situations (id),
  UNIQUE (hazard_id, situation_id)
);
CREATE INDEX hazard_situation_links_file ON hazard_situation_links (org_id, risk_file_id, id);

CREATE TABLE situation_harms (
  id TEXT COLLATE "C" PRIMARY KEY,
  org_id TEXT COLLATE "C" NOT NULL REFERENCES organizations (id),
  version BIGINT NOT NULL,
  created_at TEXT COLLATE "C" NOT NULL,
  updated_at TEXT COLLATE "C" NOT NULL,
  risk_file_id TEXT COLLATE "C" NOT NULL REFERENCES risk_files (id),
  situation_id TEXT COLLATE "C" NOT NULL REFERENCES hazardous_situations (id),
  harm_id TEXT COLLATE "C" NOT NULL REFERENCES harms (id),
  p2 DOUBLE PRECISION,
  probability_not_estimable BIGINT NOT NULL,
  consequences TEXT COLLATE "C" NOT NULL,
  source TEXT COLLATE "C" NOT NULL,
  rationale TEXT COLLATE "C" NOT NULL,
  mission TEXT COLLATE "C" NOT NULL,
  stage TEXT COLLATE "C" NOT NULL,
  UNIQUE (situation_id, harm_id)
);
CREATE INDEX situation_harms_file ON situation_harms (org_id, risk_file_id, id);

CREATE TABLE risk_controls (
  id TEXT COLLATE "C" PRIMARY KEY,
  org_id TEXT COLLATE "C" NOT NULL REFERENCES organizations (id),
  version BIGINT NOT NULL,
  created_at TEXT COLLATE "C" NOT NULL,
  updated_at TEXT COLLATE "C" NOT NULL,
  risk_file_id TEXT COLLATE "C" NOT NULL REFERENCES risk_files (id),
  title TEXT COLLATE "C" NOT NULL,
  description TEXT COLLATE "C" NOT NULL,
  option TEXT COLLATE "C" NOT NULL,
  option_justification TEXT COLLATE "C" NOT NULL,
  implementation_reference TEXT COLLATE "C" NOT NULL,
  implementation_verification TEXT COLLATE "C" NOT NULL,
  implementation_evidence TEXT COLLATE "C" NOT NULL,
  effectiveness_verification TEXT COLLATE "C" NOT NULL,
  effectiveness_evidence TEXT COLLATE "C" NOT NULL,
  new_risks_reviewed BIGINT NOT NULL,
  mission TEXT COLLATE "C" NOT NULL,
  stage TEXT COLLATE "C" NOT NULL
);
CREATE INDEX risk_controls_file ON risk_controls (org_id, risk_file_id, id);

CREATE TABLE control_links (
  id TEXT COLLATE "C" PRIMARY KEY,
  org_id TEXT COLLATE "C" NOT NULL REFERENCES organizations (id),
  version BIGINT NOT NULL,
  created_at TEXT COLLATE "C" NOT NULL,
  updated_at TEXT COLLATE "C" NOT NULL,
  risk_file_id TEXT COLLATE "C" NOT NULL REFERENCES risk_files (id),
  control_id TEXT COLLATE "C" NOT NULL REFERENCES risk_controls (id),
  situation_harm_id TEXT COLLATE "C" NOT NULL REFERENCES situation_harms (id),
  UNIQUE (control_id, situation_harm_id)
);
CREATE INDEX control_links_file ON control_links (org_id, risk_file_id, id);

CREATE TABLE introduced_hazards (
  id TEXT COLLATE "C" PRIMARY KEY,
  org_id TEXT COLLATE "C" NOT NULL REFERENCES organizations (id),
  version BIGINT NOT NULL,
  created_at TEXT COLLATE "C" NOT NULL,
  updated_at TEXT COLLATE "C" NOT NULL,
  risk_file_id TEXT COLLATE "C" NOT NULL REFERENCES risk_files (id),
  control_id TEXT COLLATE "C" NOT NULL REFERENCES risk_controls (id),
  hazard_id TEXT COLLATE "C" NOT NULL REFERENCES hazards (id),
  note TEXT COLLATE "C" NOT NULL,
  UNIQUE (control_id, hazard_id)
);
CREATE INDEX introduced_hazards_file ON introduced_hazards (org_id, risk_file_id, id);

CREATE TABLE residual_estimates (
  id TEXT COLLATE "C" PRIMARY KEY,
  org_id TEXT COLLATE "C" NOT NULL REFERENCES organizations (id),
  version BIGINT NOT NULL,
  created_at TEXT COLLATE "C" NOT NULL,
  updated_at TEXT COLLATE "C" NOT NULL,
  risk_file_id TEXT COLLATE "C" NOT NULL REFERENCES risk_files (id),
  situation_harm_id TEXT COLLATE "C" NOT NULL REFERENCES situation_harms (id),
  probability_not_estimable BIGINT NOT NULL,
  p1 DOUBLE PRECISION NOT NULL,
  p2 DOUBLE PRECISION NOT NULL,
  severity_rank BIGINT NOT NULL,
  source TEXT COLLATE "C" NOT NULL,
  rationale TEXT COLLATE "C" NOT NULL,
  UNIQUE (situation_harm_id)
);
CREATE INDEX residual_estimates_file ON residual_estimates (org_id, risk_file_id, id);

CREATE TABLE benefit_risks (
  id TEXT COLLATE "C" PRIMARY KEY,
  org_id TEXT COLLATE "C" NOT NULL REFERENCES organizations (id),
  version BIGINT NOT NULL,
  created_at TEXT COLLATE "C" NOT NULL,
  updated_at TEXT COLLATE "C" NOT NULL,
  risk_file_id TEXT COLLATE "C" NOT NULL REFERENCES risk_files (id),
  situation_harm_id TEXT COLLATE "C" NOT NULL REFERENCES situation_harms (id),
  benefits TEXT COLLATE "C" NOT NULL,
  data_reviewed TEXT COLLATE "C" NOT NULL,
  why_no_further_control TEXT COLLATE "C" NOT NULL,
  outcome TEXT COLLATE "C" NOT NULL,
  rationale TEXT COLLATE "C" NOT NULL,
  decided_by TEXT COLLATE "C" NOT NULL,
  decided_at TEXT COLLATE "C" NOT NULL
);
CREATE INDEX benefit_risks_file ON benefit_risks (org_id, risk_file_id, id);

CREATE TABLE overall_residual_risks (
  id TEXT COLLATE "C" PRIMARY KEY,
  org_id TEXT COLLATE "C" NOT NULL REFERENCES organizations (id),
  version BIGINT NOT NULL,
  created_at TEXT COLLATE "C" NOT NULL,
  updated_at TEXT COLLATE "C" NOT NULL,
  risk_file_id TEXT COLLATE "C" NOT NULL REFERENCES risk_files (id),
  method TEXT COLLATE "C" NOT NULL,
  benefits TEXT COLLATE "C" NOT NULL,
  conclusion TEXT COLLATE "C" NOT NULL,
  significant_residual_risks TEXT COLLATE "C" NOT NULL,
  disclosure_reference TEXT COLLATE "C" NOT NULL,
  rationale TEXT COLLATE "C" NOT NULL,
  decided_by TEXT COLLATE "C" NOT NULL,
  decided_at TEXT COLLATE "C" NOT NULL
);
CREATE INDEX overall_residual_risks_file ON overall_residual_risks (org_id, risk_file_id, id);

CREATE TABLE risk_reviews (
  id TEXT COLLATE "C" PRIMARY KEY,
  org_id TEXT COLLATE "C" NOT NULL REFERENCES organizations (id),
  version BIGINT NOT NULL,
  created_at TEXT COLLATE "C" NOT NULL,
  updated_at TEXT COLLATE "C" NOT NULL,
  risk_file_id TEXT COLLATE "C" NOT NULL REFERENCES risk_files (id),
  status TEXT COLLATE "C" NOT NULL,
  scheduled_for TEXT COLLATE "C",
  held_at TEXT COLLATE "C",
  attendees TEXT COLLATE "C" NOT NULL,
  conclusions TEXT COLLATE "C" NOT NULL,
  plan_followed BIGINT NOT NULL,
  overall_residual_acceptable BIGINT NOT NULL,
  post_production_methods_in_place BIGINT NOT NULL
);
CREATE INDEX risk_reviews_file ON risk_reviews (org_id, risk_file_id, id);

CREATE TABLE gate_decisions (
  id TEXT COLLATE "C" PRIMARY KEY,
  org_id TEXT COLLATE "C" NOT NULL REFERENCES organizations (id),
  version BIGINT NOT NULL,
  created_at TEXT COLLATE "C" NOT NULL,
  updated_at TEXT COLLATE "C" NOT NULL,
  risk_file_id TEXT COLLATE "C" NOT NULL REFERENCES risk_files (id),
  stage TEXT COLLATE "C" NOT NULL,
  outcome TEXT COLLATE "C" NOT NULL,
  blocking_reasons BIGINT NOT NULL,
  rationale TEXT COLLATE "C" NOT NULL,
  decided_by TEXT COLLATE "C" NOT NULL,
  decided_at TEXT COLLATE "C" NOT NULL
);
CREATE INDEX gate_decisions_file ON gate_decisions (org_id, risk_file_id, id);

CREATE TABLE operational_risks (
  id TEXT COLLATE "C" PRIMARY KEY,
  org_id TEXT COLLATE "C" NOT NULL REFERENCES organizations (id),
  version BIGINT NOT NULL,
  created_at TEXT COLLATE "C" NOT NULL,
  updated_at TEXT COLLATE "C" NOT NULL,
  title TEXT COLLATE "C" NOT NULL,
  description TEXT COLLATE "C" NOT NULL,
  category TEXT COLLATE "C" NOT NULL,
  owner TEXT COLLATE "C" NOT NULL,
  likelihood BIGINT NOT NULL,
  impact BIGINT NOT NULL,
  treatment TEXT COLLATE "C" NOT NULL,
  due_date TEXT COLLATE "C",
  status TEXT COLLATE "C" NOT NULL,
  affected_product_ids TEXT COLLATE "C" NOT NULL,
  stage TEXT COLLATE "C" NOT NULL
);
CREATE INDEX operational_risks_org ON operational_risks (org_id, id);

CREATE TABLE policy_migrations (
  id TEXT COLLATE "C" PRIMARY KEY,
  org_id TEXT COLLATE "C" NOT NULL REFERENCES organizations (id),
  version BIGINT NOT NULL,
  created_at TEXT COLLATE "C" NOT NULL,
  updated_at TEXT COLLATE "C" NOT NULL,
  risk_file_id TEXT COLLATE "C" NOT NULL REFERENCES risk_files (id),
  from_policy_id TEXT COLLATE "C" NOT NULL,
  from_policy_version BIGINT NOT NULL,
  to_policy_id TEXT COLLATE "C" NOT NULL,
  to_policy_version BIGINT NOT NULL,
  changes TEXT COLLATE "C" NOT NULL,
  rationale TEXT COLLATE "C" NOT NULL
);
CREATE INDEX policy_migrations_file ON policy_migrations (org_id, risk_file_id, id);

CREATE TABLE signatures (
  id TEXT COLLATE "C" PRIMARY KEY,
  org_id TEXT COLLATE "C" NOT NULL REFERENCES organizations (id),
  version BIGINT NOT NULL,
  created_at TEXT COLLATE "C" NOT NULL,
  updated_at TEXT COLLATE "C" NOT NULL,
  signed_entity TEXT COLLATE "C" NOT NULL,
  signed_id TEXT COLLATE "C" NOT NULL,
  signed_version BIGINT NOT NULL,
  signed_digest TEXT COLLATE "C" NOT NULL,
  meaning TEXT COLLATE "C" NOT NULL,
  signer_id TEXT COLLATE "C" NOT NULL,
  printed_name TEXT COLLATE "C" NOT NULL,
  signed_at TEXT COLLATE "C" NOT NULL
);
CREATE INDEX signatures_signed ON signatures (org_id, signed_entity, signed_id);

