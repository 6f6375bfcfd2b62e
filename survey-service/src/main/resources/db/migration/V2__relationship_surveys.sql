-- Relationship surveys (periodic NPS to active customers) and chat-ended surveys.
ALTER TABLE survey_definition ADD COLUMN interval_days integer NOT NULL DEFAULT 90;
-- churned customers are not asked
ALTER TABLE customer_contact ADD COLUMN lifecycle text;
-- a relationship invitation has no ticket; one per survey, customer and period, even with several replicas planning at once
ALTER TABLE invitation ADD COLUMN period integer;
CREATE UNIQUE INDEX invitation_relationship_period ON invitation (definition_id, customer_id, period) WHERE ticket_id IS NULL;
