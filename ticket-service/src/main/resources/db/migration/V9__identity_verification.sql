-- Issue 19 (9): an address a chat or form visitor only typed is an unverified identity. It never
-- identifies an existing customer, so the same value may be claimed by several provisional customers
-- while at most one customer holds it verified.
ALTER TABLE customer_identity ADD COLUMN verified boolean NOT NULL DEFAULT true;

ALTER TABLE customer_identity DROP CONSTRAINT customer_identity_unique;
CREATE UNIQUE INDEX customer_identity_unique ON customer_identity (tenant, type, value) WHERE verified;
-- a customer claims an address once
CREATE UNIQUE INDEX customer_identity_claim ON customer_identity (customer_id, type, value) WHERE NOT verified;
