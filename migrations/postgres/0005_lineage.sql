-- docket schema for PostgreSQL, migration 0005: lineage, as
-- migrations/0005_lineage.sql. One edge for each foreign key that says
-- "this record rests on that one". Walking src -> dst goes up to a
-- record's inputs; dst -> src goes down to what rests on it. Revisions and
-- supersessions point at older rows (CHECKs in 0001), so the graph has no
-- cycles.
CREATE VIEW lineage_edge (src_kind, src_id, dst_kind, dst_id, relation) AS
  SELECT 'context', id, 'context', supersedes_id, 'revises' FROM context WHERE supersedes_id IS NOT NULL
  UNION ALL
  SELECT 'blueprint', id, 'context', context_id, 'drawn from' FROM blueprint
  UNION ALL
  SELECT 'blueprint', id, 'blueprint', supersedes_id, 'supersedes' FROM blueprint WHERE supersedes_id IS NOT NULL
  UNION ALL
  SELECT 'review', id, 'blueprint', blueprint_id, 'reviews' FROM review WHERE blueprint_id IS NOT NULL
  UNION ALL
  SELECT 'decision', id, 'blueprint', blueprint_id, 'belongs to' FROM decision WHERE blueprint_id IS NOT NULL
  UNION ALL
  SELECT 'decision', id, 'context', context_id, 'meets' FROM decision WHERE context_id IS NOT NULL
  UNION ALL
  SELECT 'decision', id, 'review', review_id, 'taken in' FROM decision WHERE review_id IS NOT NULL
  UNION ALL
  SELECT 'decision', id, 'decision', supersedes_id, 'supersedes' FROM decision WHERE supersedes_id IS NOT NULL
  UNION ALL
  SELECT 'decision', decision_id, 'evidence', evidence_id,
         CASE stance WHEN 'supports' THEN 'supported by' ELSE 'contradicted by' END
  FROM decision_evidence
  UNION ALL
  SELECT 'risk', id, 'decision', decision_id, 'left by' FROM risk WHERE decision_id IS NOT NULL
  UNION ALL
  SELECT 'risk', id, 'blueprint', blueprint_id, 'left by' FROM risk WHERE blueprint_id IS NOT NULL
  UNION ALL
  SELECT 'verification_step', id, 'risk', risk_id, 'verifies' FROM verification_step
  UNION ALL
  SELECT DISTINCT 'verification_step', step_id, 'evidence', evidence_id, 'shown by'
  FROM verification_result WHERE evidence_id IS NOT NULL;

CREATE INDEX decision_blueprint ON decision(blueprint_id);
CREATE INDEX decision_context ON decision(context_id);
CREATE INDEX blueprint_context ON blueprint(context_id);
CREATE INDEX review_blueprint ON review(blueprint_id);
CREATE INDEX verification_result_evidence ON verification_result(evidence_id);
