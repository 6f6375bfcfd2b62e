-- Issue 22: attachments as rows of their own. A file's bytes live in the attachment store under the
-- tenant's SHA-256; this table says what it is, where it belongs and what became of it.
CREATE TABLE attachment (
    id                 uuid        PRIMARY KEY,
    tenant             text        NOT NULL,
    -- null for an agent's upload until it is sent, and for a channel-gateway report that came before its message
    ticket_id          uuid,
    message_id         uuid,
    -- its place among its message's files (from 0), the order the customer or agent gave them
    position           integer,
    file_name          text,
    -- what the sender said it is; content_type is what the bytes are (Apache Tika)
    declared_type      text,
    content_type       text,
    size               bigint,
    sha256             text,
    -- PENDING, STORED, FAILED
    status             text        NOT NULL,
    failure_reason     text,
    -- image, audio, voice, video, document, sticker, file (messaging providers); null for email parts and uploads
    kind               text,
    inline             boolean     NOT NULL DEFAULT false,
    content_id         text,
    -- NOT_SCANNED, CLEAN, INFECTED, FAILED; INFECTED files are kept but never served
    scan_verdict       text,
    scan_signature     text,
    -- messages from before the store: the provider's link or channel-gateway's download path
    legacy_url         text,
    -- the provider's id of the file (WhatsApp media id, Telegram file id)
    provider_reference text,
    -- the agent or integrator (Keycloak subject) who uploaded it; null for customers' files
    uploaded_by        text,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL
);
CREATE INDEX attachment_message ON attachment (message_id);
CREATE INDEX attachment_tenant_id ON attachment (tenant, id);
