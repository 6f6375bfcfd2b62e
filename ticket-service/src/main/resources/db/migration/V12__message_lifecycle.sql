-- What became of a message after it was written (issue 21): each delivery report of an agent's
-- reply as a step of its lifecycle, a customer's edits with the text they replaced, customers'
-- reactions. The message keeps the current delivery state beside its status for cheap reads.
ALTER TABLE message
    ADD COLUMN sent_at             timestamptz,
    ADD COLUMN delivery_code       text,
    ADD COLUMN delivery_reason     text,
    ADD COLUMN delivery_recipient  text,
    ADD COLUMN delivery_updated_at timestamptz,
    ADD COLUMN edited_at           timestamptz;

CREATE TABLE message_delivery_step (
    id         uuid PRIMARY KEY,
    tenant     text        NOT NULL,
    message_id uuid        NOT NULL REFERENCES message (id),
    status     text        NOT NULL,
    code       text,
    reason     text,
    at         timestamptz NOT NULL
);
CREATE INDEX message_delivery_step_message ON message_delivery_step (message_id, at);

CREATE TABLE message_revision (
    id          uuid PRIMARY KEY,
    tenant      text        NOT NULL,
    message_id  uuid        NOT NULL REFERENCES message (id),
    text        text        NOT NULL,
    replaced_at timestamptz NOT NULL
);
CREATE INDEX message_revision_message ON message_revision (message_id, replaced_at);

-- one reaction per author and message: a new one replaces it
CREATE TABLE message_reaction (
    tenant      text        NOT NULL,
    message_id  uuid        NOT NULL REFERENCES message (id),
    author_kind text        NOT NULL,
    author_id   text        NOT NULL,
    emoji       text        NOT NULL,
    at          timestamptz NOT NULL,
    PRIMARY KEY (message_id, author_kind, author_id)
);

-- changes of one message (delivery, edit, reaction) reach the live inbox without a Kafka event:
-- they name the message and, for delivery, its new status
ALTER TABLE ticket_change
    ADD COLUMN message_id      uuid,
    ADD COLUMN delivery_status text;
