-- Imported history (issue 20): the ticket replica keeps the ticket's external id (an imported
-- survey answer may name its ticket by it) and whether its latest state came from an import of
-- history (an invitation is never sent about an imported solve); a customer first known from an
-- import remembers when, so relationship surveys do not mail a whole imported customer base at once.
ALTER TABLE ticket_state ADD COLUMN external_id text;
ALTER TABLE ticket_state ADD COLUMN historical boolean NOT NULL DEFAULT false;
CREATE INDEX ticket_state_external_id ON ticket_state (tenant, external_id) WHERE external_id IS NOT NULL;
ALTER TABLE customer_contact ADD COLUMN imported_at timestamptz;
