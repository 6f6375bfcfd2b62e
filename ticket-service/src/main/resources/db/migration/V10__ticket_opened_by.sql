-- Who opened a ticket: CUSTOMER, or AGENT for proactive outreach (no first response is owed).
-- Existing tickets are judged as an import judges a line without openedBy: by the author of their
-- first message the customer saw (the customer's, or an agent's public one; notes, system and bot
-- messages decide nothing): an agent's opened it, otherwise the customer did.
ALTER TABLE ticket ADD COLUMN opened_by text;

UPDATE ticket t SET opened_by = COALESCE((
    SELECT CASE WHEN m.author_kind = 'AGENT' THEN 'AGENT' ELSE 'CUSTOMER' END
    FROM message m WHERE m.ticket_id = t.id
      AND (m.author_kind = 'CUSTOMER' OR (m.author_kind = 'AGENT' AND m.visibility = 'PUBLIC'))
    ORDER BY m.created_at, m.id LIMIT 1), 'CUSTOMER');
