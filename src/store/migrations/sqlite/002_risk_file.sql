-- The 1+2+3+4 risk file (ISO 14971): policies, files, the hazard -> situation -> harm chain,
-- controls, decisions, reviews, the operational risk register and electronic signatures.
-- Columns follow the record field lists in src/core/risk and src/core/signature.hpp;
-- tests/contract checks that they agree.

CREATE TABLE risk_policies (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations (id),
  version INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  policy_id TEXT NOT NULL,
  policy_version INTEGER NOT NULL,
  status TEXT NOT NULL,
  name TEXT NOT NULL,
  probability_basis TEXT NOT NULL,
  severity_levels TEXT NOT NULL,
  probability_levels TEXT NOT NULL,
  acceptability_matrix TEXT NOT NULL,
  overall_residual_criteria TEXT NOT NULL,
  not_estimable_criteria TEXT NOT NULL,
  approved_at TEXT,
  approved_by TEXT NOT NULL,
  UNIQUE (org_id, policy_id, policy_version)
);
CREATE INDEX risk_policies_org ON risk_policies (org_id, id);

CREATE TABLE risk_files (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations (id),
  version INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  product_id TEXT NOT NULL REFERENCES products (id),
  title TEXT NOT NULL,
  device_description TEXT NOT NULL,
  analysts TEXT NOT NULL,
  intended_use TEXT NOT NULL,
  reasonably_foreseeable_misuse TEXT NOT NULL,
  safety_characteristics TEXT NOT NULL,
  plan_scope TEXT NOT NULL,
  plan_responsibilities TEXT NOT NULL,
  plan_review_requirements TEXT NOT NULL,
  plan_acceptability_criteria TEXT NOT NULL,
  plan_overall_residual_method TEXT NOT NULL,
  plan_verification_activities TEXT NOT NULL,
  plan_production_information TEXT NOT NULL,
  policy_id TEXT NOT NULL,
  policy_version INTEGER NOT NULL,
  stage TEXT NOT NULL,
  review_period_days INTEGER NOT NULL,
  next_review_due TEXT
);
CREATE INDEX risk_files_org ON risk_files (org_id, id);
CREATE INDEX risk_files_product ON risk_files (org_id, product_id);

CREATE TABLE hazards (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations (id),
  version INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  risk_file_id TEXT NOT NULL REFERENCES risk_files (id),
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  category TEXT NOT NULL,
  condition TEXT NOT NULL,
  mission TEXT NOT NULL,
  stage TEXT NOT NULL
);
CREATE INDEX hazards_file ON hazards (org_id, risk_file_id, id);

CREATE TABLE hazardous_situations (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations (id),
  version INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  risk_file_id TEXT NOT NULL REFERENCES risk_files (id),
  title TEXT NOT NULL,
  sequence_of_events TEXT NOT NULL,
  p1 REAL,
  p1_source TEXT NOT NULL,
  p1_rationale TEXT NOT NULL,
  mission TEXT NOT NULL,
  stage TEXT NOT NULL
);
CREATE INDEX hazardous_situations_file ON hazardous_situations (org_id, risk_file_id, id);

CREATE TABLE harms (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations (id),
  version INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  risk_file_id TEXT NOT NULL REFERENCES risk_files (id),
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  severity_rank INTEGER,
  severity_rationale TEXT NOT NULL,
  mission TEXT NOT NULL,
  stage TEXT NOT NULL
);
CREATE INDEX harms_file ON harms (org_id, risk_file_id, id);

CREATE TABLE hazard_situation_links (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations (id),
  version INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  risk_file_id TEXT NOT NULL REFERENCES risk_files (id),
  hazard_id TEXT NOT NULL REFERENCES hazards (id),
  situation_id TEXT NOT NULL REFERENCES hazardous_situations (id),
  UNIQUE (hazard_id, situation_id)
);
CREATE INDEX hazard_situation_links_file ON hazard_situation_links (org_id, risk_file_id, id);

CREATE TABLE situation_harms (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations (id),
  version INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  risk_file_id TEXT NOT NULL REFERENCES risk_files (id),
  situation_id TEXT NOT NULL REFERENCES hazardous_situations (id),
  harm_id TEXT NOT NULL REFERENCES harms (id),
  p2 REAL,
  probability_not_estimable INTEGER NOT NULL,
  consequences TEXT NOT NULL,
  source TEXT NOT NULL,
  rationale TEXT NOT NULL,
  mission TEXT NOT NULL,
  stage TEXT NOT NULL,
  UNIQUE (situation_id, harm_id)
);
CREATE INDEX situation_harms_file ON situation_harms (org_id, risk_file_id, id);

CREATE TABLE risk_controls (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations (id),
  version INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  risk_file_id TEXT NOT NULL REFERENCES risk_files (id),
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  option TEXT NOT NULL,
  option_justification TEXT NOT NULL,
  implementation_reference TEXT NOT NULL,
  implementation_verification TEXT NOT NULL,
  implementation_evidence TEXT NOT NULL,
  effectiveness_verification TEXT NOT NULL,
  effectiveness_evidence TEXT NOT NULL,
  new_risks_reviewed INTEGER NOT NULL,
  mission TEXT NOT NULL,
  stage TEXT NOT NULL
);
CREATE INDEX risk_controls_file ON risk_controls (org_id, risk_file_id, id);

CREATE TABLE control_links (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations (id),
  version INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  risk_file_id TEXT NOT NULL REFERENCES risk_files (id),
  control_id TEXT NOT NULL REFERENCES risk_controls (id),
  situation_harm_id TEXT NOT NULL REFERENCES situation_harms (id),
  UNIQUE (control_id, situation_harm_id)
);
CREATE INDEX control_links_file ON control_links (org_id, risk_file_id, id);

CREATE TABLE introduced_hazards (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations (id),
  version INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  risk_file_id TEXT NOT NULL REFERENCES risk_files (id),
  control_id TEXT NOT NULL REFERENCES risk_controls (id),
  hazard_id TEXT NOT NULL REFERENCES hazards (id),
  note TEXT NOT NULL,
  UNIQUE (control_id, hazard_id)
);
CREATE INDEX introduced_hazards_file ON introduced_hazards (org_id, risk_file_id, id);

CREATE TABLE residual_estimates (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations (id),
  version INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  risk_file_id TEXT NOT NULL REFERENCES risk_files (id),
  situation_harm_id TEXT NOT NULL REFERENCES situation_harms (id),
  probability_not_estimable INTEGER NOT NULL,
  p1 REAL NOT NULL,
  p2 REAL NOT NULL,
  severity_rank INTEGER NOT NULL,
  source TEXT NOT NULL,
  rationale TEXT NOT NULL,
  UNIQUE (situation_harm_id)
);
CREATE INDEX residual_estimates_file ON residual_estimates (org_id, risk_file_id, id);

CREATE TABLE benefit_risks (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations (id),
  version INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  risk_file_id TEXT NOT NULL REFERENCES risk_files (id),
  situation_harm_id TEXT NOT NULL REFERENCES situation_harms (id),
  benefits TEXT NOT NULL,
  data_reviewed TEXT NOT NULL,
  why_no_further_control TEXT NOT NULL,
  outcome TEXT NOT NULL,
  rationale TEXT NOT NULL,
  decided_by TEXT NOT NULL,
  decided_at TEXT NOT NULL
);
CREATE INDEX benefit_risks_file ON benefit_risks (org_id, risk_file_id, id);

CREATE TABLE overall_residual_risks (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations (id),
  version INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  risk_file_id TEXT NOT NULL REFERENCES risk_files (id),
  method TEXT NOT NULL,
  benefits TEXT NOT NULL,
  conclusion TEXT NOT NULL,
  significant_residual_risks TEXT NOT NULL,
  disclosure_reference TEXT NOT NULL,
  rationale TEXT NOT NULL,
  decided_by TEXT NOT NULL,
  decided_at TEXT NOT NULL
);
CREATE INDEX overall_residual_risks_file ON overall_residual_risks (org_id, risk_file_id, id);

CREATE TABLE risk_reviews (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations (id),
  version INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  risk_file_id TEXT NOT NULL REFERENCES risk_files (id),
  status TEXT NOT NULL,
  scheduled_for TEXT,
  held_at TEXT,
  attendees TEXT NOT NULL,
  conclusions TEXT NOT NULL,
  plan_followed INTEGER NOT NULL,
  overall_residual_acceptable INTEGER NOT NULL,
  post_production_methods_in_place INTEGER NOT NULL
);
CREATE INDEX risk_reviews_file ON risk_reviews (org_id, risk_file_id, id);

CREATE TABLE gate_decisions (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations (id),
  version INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  risk_file_id TEXT NOT NULL REFERENCES risk_files (id),
  stage TEXT NOT NULL,
  outcome TEXT NOT NULL,
  blocking_reasons INTEGER NOT NULL,
  rationale TEXT NOT NULL,
  decided_by TEXT NOT NULL,
  decided_at TEXT NOT NULL
);
CREATE INDEX gate_decisions_file ON gate_decisions (org_id, risk_file_id, id);

CREATE TABLE operational_risks (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations (id),
  version INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  category TEXT NOT NULL,
  owner TEXT NOT NULL,
  likelihood INTEGER NOT NULL,
  impact INTEGER NOT NULL,
  treatment TEXT NOT NULL,
  due_date TEXT,
  status TEXT NOT NULL,
  affected_product_ids TEXT NOT NULL,
  stage TEXT NOT NULL
);
CREATE INDEX operational_risks_org ON operational_risks (org_id, id);

CREATE TABLE policy_migrations (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations (id),
  version INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  risk_file_id TEXT NOT NULL REFERENCES risk_files (id),
  from_policy_id TEXT NOT NULL,
  from_policy_version INTEGER NOT NULL,
  to_policy_id TEXT NOT NULL,
  to_policy_version INTEGER NOT NULL,
  changes TEXT NOT NULL,
  rationale TEXT NOT NULL
);
CREATE INDEX policy_migrations_file ON policy_migrations (org_id, risk_file_id, id);

CREATE TABLE signatures (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations (id),
  version INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  signed_entity TEXT NOT NULL,
  signed_id TEXT NOT NULL,
  signed_version INTEGER NOT NULL,
  signed_digest TEXT NOT NULL,
  meaning TEXT NOT NULL,
  signer_id TEXT NOT NULL,
  printed_name TEXT NOT NULL,
  signed_at TEXT NOT NULL
);
CREATE INDEX signatures_signed ON signatures (org_id, signed_entity, signed_id);

