-- Part 11: a signed gate decision or overall residual risk evaluation binds the file's analysis
-- as it was at signing (SHA-256, app::analysis_digest), so a later edit shows on the decision.
-- Decisions recorded before keep '' (not bound); their journal entries leave it out and verify.
ALTER TABLE gate_decisions ADD COLUMN content_digest TEXT NOT NULL DEFAULT '';
ALTER TABLE overall_residual_risks ADD COLUMN content_digest TEXT NOT NULL DEFAULT '';
