-- docket schema, migration 0009: indexes on columns that are often NULL
-- hold only the rows that have a value. A bulk import leaves these columns
-- NULL on most rows (people without a team; risks and decisions not tied
-- to a blueprint, context, review or decision), and every such row cost an
-- index entry that no query reads: each lookup is by "= value", which
-- implies IS NOT NULL, so SQLite still uses these indexes for it (and for
-- the foreign-key checks, which look children up the same way).

DROP INDEX person_team;
CREATE INDEX person_team ON person(team) WHERE team IS NOT NULL;
DROP INDEX risk_decision;
CREATE INDEX risk_decision ON risk(decision_id) WHERE decision_id IS NOT NULL;
DROP INDEX risk_blueprint;
CREATE INDEX risk_blueprint ON risk(blueprint_id) WHERE blueprint_id IS NOT NULL;
DROP INDEX decision_review;
CREATE INDEX decision_review ON decision(review_id) WHERE review_id IS NOT NULL;
DROP INDEX decision_blueprint;
CREATE INDEX decision_blueprint ON decision(blueprint_id) WHERE blueprint_id IS NOT NULL;
DROP INDEX decision_context;
CREATE INDEX decision_context ON decision(context_id) WHERE context_id IS NOT NULL;
DROP INDEX review_blueprint;
CREATE INDEX review_blueprint ON review(blueprint_id) WHERE blueprint_id IS NOT NULL;
