-- A bounce (and a provider's status callback) names the message by the id it went out under: find its delivery by it.
CREATE INDEX IF NOT EXISTS delivery_provider_message_id ON delivery (provider_message_id);
