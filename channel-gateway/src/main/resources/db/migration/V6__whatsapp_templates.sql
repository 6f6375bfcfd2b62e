-- WhatsApp message templates per channel: written here, submitted to Meta for review, their review
-- status kept in step by the status webhook and by a sync. Only an APPROVED template is sent.

CREATE TABLE whatsapp_template (
    id               uuid PRIMARY KEY,
    tenant           text        NOT NULL,
    channel_id       text        NOT NULL REFERENCES channel (id),
    name             text        NOT NULL,    -- [a-z0-9_], as Meta requires
    language         text        NOT NULL,    -- el, en, en_US …
    category         text        NOT NULL,    -- MARKETING, UTILITY, AUTHENTICATION
    header_text      text,
    body_text        text        NOT NULL,    -- with {{1}}, {{2}} … variables
    body_examples    text        NOT NULL DEFAULT '[]',  -- JSON array: an example value per variable
    footer_text      text,
    buttons          text        NOT NULL DEFAULT '[]',  -- JSON array of {type, text, url, phoneNumber, example}
    status           text        NOT NULL,    -- DRAFT, PENDING, APPROVED, REJECTED, PAUSED, DISABLED
    rejected_reason  text,
    provider_id      text,                    -- Meta's template id once submitted
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    version          bigint      NOT NULL DEFAULT 0,
    UNIQUE (channel_id, name, language)
);
CREATE INDEX whatsapp_template_provider ON whatsapp_template (provider_id);
