-- Who opened the ticket (customer, or agent for proactive outreach), from any snapshot that says so;
-- null for tickets whose events predate it: the first visible message decides then (docs/kpi-definitions.md).
ALTER TABLE ticket_fact ADD COLUMN opened_by text;
