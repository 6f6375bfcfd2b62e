-- ticket-service core: customers and their channel identities, tickets, messages, audit trail
-- and idempotency keys (the transactional outbox comes from pharos-commons, V0_1__outbox.sql).
-- Every row carries its tenant; every lookup index starts with it.

CREATE TABLE customer (
    id           uuid PRIMARY KEY,
    tenant       text        NOT NULL,
    external_id  text,
    name         text,
    language     text,
    time_zone    text,
    location     text,
    tags         varchar[]   NOT NULL DEFAULT '{}',
    notes        text,
    lifecycle    text        NOT NULL DEFAULT 'ACTIVE',
    churned_on   date,
    merged_into  uuid REFERENCES customer (id),
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    version      bigint      NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX customer_external_id ON customer (tenant, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX customer_tenant_created ON customer (tenant, created_at, id);

-- how a customer is recognised on a channel: email address, phone number, WhatsApp id, ...
CREATE TABLE customer_identity (
    id           uuid PRIMARY KEY,
    tenant       text        NOT NULL,
    customer_id  uuid        NOT NULL REFERENCES customer (id),
    type         text        NOT NULL,
    value        text        NOT NULL,
    created_at   timestamptz NOT NULL,
    CONSTRAINT customer_identity_unique UNIQUE (tenant, type, value)
);
CREATE INDEX customer_identity_customer ON customer_identity (customer_id);

CREATE TABLE ticket (
    id                     uuid PRIMARY KEY,
    tenant                 text        NOT NULL,
    number                 bigint      NOT NULL,
    external_id            text,
    subject                text        NOT NULL,
    status                 text        NOT NULL,
    priority               text        NOT NULL,
    channel                text        NOT NULL,
    requester_id           uuid        NOT NULL REFERENCES customer (id),
    assignee_id            text,
    team                   text,
    tags                   varchar[]   NOT NULL DEFAULT '{}',
    language               text,
    conversation_key       text,
    created_at             timestamptz NOT NULL,
    updated_at             timestamptz NOT NULL,
    first_public_reply_at  timestamptz,
    first_solved_at        timestamptz,
    solved_at              timestamptz,
    closed_at              timestamptz,
    reopen_count           integer     NOT NULL DEFAULT 0,
    version                bigint      NOT NULL DEFAULT 0,
    CONSTRAINT ticket_number_unique UNIQUE (tenant, number)
);
CREATE UNIQUE INDEX ticket_external_id ON ticket (tenant, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX ticket_tenant_created ON ticket (tenant, created_at DESC, id DESC);
CREATE INDEX ticket_tenant_updated ON ticket (tenant, updated_at, id);
CREATE INDEX ticket_requester ON ticket (tenant, requester_id);
CREATE INDEX ticket_conversation ON ticket (tenant, conversation_key) WHERE conversation_key IS NOT NULL;

CREATE TABLE message (
    id                   uuid PRIMARY KEY,
    tenant               text        NOT NULL,
    ticket_id            uuid        NOT NULL REFERENCES ticket (id),
    external_id          text,
    author_kind          text        NOT NULL,
    author_id            text,
    visibility           text        NOT NULL,
    body_text            text        NOT NULL,
    body_html            text,
    channel              text        NOT NULL,
    provider_message_id  text,
    email_message_id     text,
    delivery_status      text,
    attachments          text,
    created_at           timestamptz NOT NULL
);
CREATE INDEX message_ticket ON message (ticket_id, created_at, id);
CREATE UNIQUE INDEX message_provider_id ON message (tenant, channel, provider_message_id) WHERE provider_message_id IS NOT NULL;
CREATE INDEX message_email_id ON message (tenant, email_message_id) WHERE email_message_id IS NOT NULL;
CREATE UNIQUE INDEX message_external_id ON message (tenant, external_id) WHERE external_id IS NOT NULL;

-- who changed what, when: every change of a ticket or customer
CREATE TABLE audit_entry (
    id           bigserial PRIMARY KEY,
    tenant       text        NOT NULL,
    ticket_id    uuid,
    customer_id  uuid,
    actor        text        NOT NULL,
    action       text        NOT NULL,
    detail       text,
    at           timestamptz NOT NULL
);
CREATE INDEX audit_ticket ON audit_entry (ticket_id, id);
CREATE INDEX audit_customer ON audit_entry (customer_id, id);

-- a create with an Idempotency-Key answers the same way for 24 hours at least
CREATE TABLE idempotency_key (
    tenant        text        NOT NULL,
    operation     text        NOT NULL,
    key           text        NOT NULL,
    request_hash  text        NOT NULL,
    status        integer,
    response      text,
    created_at    timestamptz NOT NULL,
    PRIMARY KEY (tenant, operation, key)
);
CREATE INDEX idempotency_key_created ON idempotency_key (created_at);
