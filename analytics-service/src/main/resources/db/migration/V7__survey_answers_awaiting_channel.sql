-- Survey answers that arrived before their ticket (channel not known yet): found when it comes.
CREATE INDEX survey_fact_awaiting_channel ON survey_fact (ticket_id) WHERE channel IS NULL AND ticket_id IS NOT NULL;
