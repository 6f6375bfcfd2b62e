-- Issue 21: replies leave from the channel account the customer wrote to, email copies whoever
-- takes part, WhatsApp templates, and phone tickets answered by callback.

-- the channel account (channel-gateway channel id) a message came in on or left from
ALTER TABLE message ADD COLUMN channel_id text;
-- inbound email: its Cc and the Reply-To it asked answers to go to; agent reply: whom it was copied to
ALTER TABLE message ADD COLUMN cc varchar[];
ALTER TABLE message ADD COLUMN bcc varchar[];
ALTER TABLE message ADD COLUMN reply_to text;
-- a WhatsApp template reply: {name, language, bodyParameters, buttonParameters} as JSON
ALTER TABLE message ADD COLUMN template text;
-- the window and the sending account look for the latest customer message of a ticket
CREATE INDEX message_ticket_author ON message (ticket_id, author_kind, created_at);

-- people besides the requester who take part in a ticket's email conversation (copied on replies)
CREATE TABLE ticket_participant (
    id         uuid        PRIMARY KEY,
    tenant     text        NOT NULL,
    ticket_id  uuid        NOT NULL REFERENCES ticket (id),
    -- lower-cased email address
    address    text        NOT NULL,
    name       text,
    -- CC, REPLY_TO (from an inbound mail) or AGENT (added by an agent)
    source     text        NOT NULL,
    added_at   timestamptz NOT NULL,
    CONSTRAINT ticket_participant_unique UNIQUE (ticket_id, address)
);
CREATE INDEX ticket_participant_address ON ticket_participant (tenant, address);

-- a call back to a phone ticket's caller, assigned to an agent, and how it went
CREATE TABLE ticket_callback (
    id            uuid        PRIMARY KEY,
    tenant        text        NOT NULL,
    ticket_id     uuid        NOT NULL REFERENCES ticket (id),
    assignee_id   text        NOT NULL,
    due_at        timestamptz NOT NULL,
    note          text,
    -- OPEN, DONE
    status        text        NOT NULL,
    -- REACHED, NO_ANSWER, VOICEMAIL, WRONG_NUMBER
    outcome       text,
    outcome_note  text,
    created_by    text,
    created_at    timestamptz NOT NULL,
    completed_at  timestamptz
);
CREATE INDEX ticket_callback_ticket ON ticket_callback (ticket_id, created_at);
CREATE INDEX ticket_callback_assignee ON ticket_callback (tenant, assignee_id, status, due_at);
