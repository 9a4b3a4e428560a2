-- docket schema for PostgreSQL, migration 0009: partial indexes, as
-- migrations/0009_partial_indexes.sql. Indexes on columns that are often
-- NULL hold only the rows that have a value: a bulk import leaves these
-- columns NULL on most rows, and each lookup is by "= value", which implies
-- IS NOT NULL, so the planner still uses them (and the foreign-key checks,
-- which look children up the same way).
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
