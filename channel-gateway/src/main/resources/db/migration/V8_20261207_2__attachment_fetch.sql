-- Media a messaging provider holds (WhatsApp media ids, Telegram file ids, Messenger/Instagram/Twilio links), to be
-- fetched into the attachment store. One row per attachment, written with the message's receipt; the row goes when
-- its stored/failed report is in the outbox. A row survives restarts; a claimed row is leased (next_attempt_at in
-- the future), so a replica that dies mid-fetch leaves it to be taken again once the lease runs out.
CREATE TABLE attachment_fetch (
    attachment_id        uuid PRIMARY KEY,      -- Attachment.idOf(channel, provider message id, position)
    tenant               text        NOT NULL,
    channel_id           text        NOT NULL,
    provider             text        NOT NULL,  -- the channel's type: WHATSAPP, MESSENGER, INSTAGRAM, TELEGRAM, SMS (Twilio)
    reference            text        NOT NULL,  -- the media id, file id or link the provider gave
    file_name            text,
    message_key          text        NOT NULL,  -- the message's Kafka key: the report follows the message
    provider_message_id  text        NOT NULL,
    attempts             integer     NOT NULL DEFAULT 0,
    next_attempt_at      timestamptz NOT NULL,
    last_error           text,
    created_at           timestamptz NOT NULL
);
CREATE INDEX attachment_fetch_due ON attachment_fetch (next_attempt_at);
