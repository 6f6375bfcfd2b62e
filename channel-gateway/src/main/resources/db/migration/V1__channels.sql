-- Channels per tenant, what came in (for provider retries), and what went out (at most once per request).

CREATE TABLE channel (
    id             text PRIMARY KEY,            -- stable, used in webhook URLs: acme-email, acme-whatsapp, …
    tenant         text        NOT NULL,
    type           text        NOT NULL,        -- EMAIL, CHAT, SMS, WHATSAPP, MESSENGER, INSTAGRAM, TELEGRAM, FORM, PHONE
    name           text        NOT NULL,
    address        text,                        -- the mailbox, number or page the customers write to
    -- non-secret settings (IMAP host and port, …) as JSON
    settings       text        NOT NULL DEFAULT '{}',
    -- secrets (webhook secret, IMAP password, provider tokens) as JSON, AES-GCM encrypted; never returned
    secrets        text        NOT NULL,
    -- {"el": "…", "en": "…"}: the acknowledgement of a new conversation
    ack_templates  text        NOT NULL DEFAULT '{}',
    enabled        boolean     NOT NULL,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    version        bigint      NOT NULL DEFAULT 0
);
CREATE INDEX channel_tenant ON channel (tenant, type);

-- a provider message id accepted once; retries of it are answered 200 and produce nothing
CREATE TABLE inbound_receipt (
    channel_id           text        NOT NULL,
    provider_message_id  text        NOT NULL,
    event_id             text,
    received_at          timestamptz NOT NULL,
    PRIMARY KEY (channel_id, provider_message_id)
);

-- each outbound request is delivered at most once
CREATE TABLE delivery (
    request_id           text PRIMARY KEY,
    tenant               text        NOT NULL,
    channel_id           text,
    ticket_id            text,
    status               text        NOT NULL,   -- SENDING, DELIVERED, FAILED
    attempts             integer     NOT NULL DEFAULT 0,
    provider_message_id  text,
    error                text,
    created_at           timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL
);
