-- The content of attachments customers send (email), up to a size cap; larger ones are metadata only.
CREATE TABLE attachment (
    id                   uuid PRIMARY KEY,      -- derived from channel, provider message id and position: a retry stores nothing new
    tenant               text        NOT NULL,
    channel_id           text        NOT NULL,
    provider_message_id  text        NOT NULL,
    name                 text        NOT NULL,
    content_type         text        NOT NULL,
    size                 bigint      NOT NULL,
    content              bytea       NOT NULL,
    created_at           timestamptz NOT NULL
);
CREATE INDEX attachment_message ON attachment (channel_id, provider_message_id);
