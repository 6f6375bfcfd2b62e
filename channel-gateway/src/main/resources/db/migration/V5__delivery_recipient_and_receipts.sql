-- Whom a delivery went to and when it left, so receipts that name no message find it: Messenger and
-- Instagram watermarks say "every message to this person up to this time was delivered / read".
-- provider_status is the furthest the provider itself has reported (null until it reports), so a
-- watermark repeated or overtaken by a per-message status reports each delivery once.
ALTER TABLE delivery ADD COLUMN recipient text;
ALTER TABLE delivery ADD COLUMN sent_at timestamptz;
ALTER TABLE delivery ADD COLUMN provider_status text;
CREATE INDEX delivery_recipient ON delivery (tenant, channel_id, recipient, sent_at);
