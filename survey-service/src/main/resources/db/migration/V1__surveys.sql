-- survey-service: definitions, the replica of tickets and customers it needs (from events),
-- invitations scheduled durably, responses, and the ids of events already applied.
-- Every row carries its tenant. The transactional outbox comes from pharos-commons (V0_1).

CREATE TABLE survey_definition (
    id             uuid PRIMARY KEY,
    tenant         text        NOT NULL,
    name           text        NOT NULL,
    type           text        NOT NULL,
    scale_min      integer     NOT NULL,
    scale_max      integer     NOT NULL,
    -- {"en": {"question": …, "followUp": …, "thanks": …}, "el": {…}}
    texts          text        NOT NULL,
    trigger_kind   text        NOT NULL,
    delay_seconds  integer     NOT NULL,
    channels       varchar[]   NOT NULL DEFAULT '{}',
    tags           varchar[]   NOT NULL DEFAULT '{}',
    send_via       text        NOT NULL,
    throttle_days  integer     NOT NULL,
    expiry_hours   integer     NOT NULL,
    enabled        boolean     NOT NULL,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    version        bigint      NOT NULL
);
CREATE INDEX survey_definition_tenant ON survey_definition (tenant, trigger_kind);

-- what survey-service knows of tickets and customers, kept from pharos.ticket.events
CREATE TABLE ticket_state (
    tenant       text        NOT NULL,
    ticket_id    uuid        NOT NULL,
    number       bigint      NOT NULL,
    subject      text        NOT NULL,
    status       text        NOT NULL,
    channel      text        NOT NULL,
    customer_id  uuid        NOT NULL,
    assignee_id  text,
    team         text,
    tags         varchar[]   NOT NULL DEFAULT '{}',
    language     text,
    solved_at    timestamptz,
    updated_at   timestamptz NOT NULL,
    PRIMARY KEY (tenant, ticket_id)
);

CREATE TABLE customer_contact (
    tenant       text        NOT NULL,
    customer_id  uuid        NOT NULL,
    name         text,
    language     text,
    -- {"email": "...", "phone": "...", ...}: the first identity of each type
    identities   text        NOT NULL,
    updated_at   timestamptz NOT NULL,
    PRIMARY KEY (tenant, customer_id)
);

-- one invitation per definition and ticket, whatever happens to the ticket afterwards
CREATE TABLE invitation (
    id             uuid PRIMARY KEY,
    tenant         text        NOT NULL,
    definition_id  uuid        NOT NULL REFERENCES survey_definition (id),
    ticket_id      uuid,
    customer_id    uuid        NOT NULL,
    status         text        NOT NULL,
    due_at         timestamptz NOT NULL,
    sent_at        timestamptz,
    expires_at     timestamptz,
    channel        text,
    language       text,
    skip_reason    text,
    created_at     timestamptz NOT NULL,
    UNIQUE (definition_id, ticket_id)
);
CREATE INDEX invitation_due ON invitation (due_at) WHERE status = 'SCHEDULED';
CREATE INDEX invitation_customer_sent ON invitation (tenant, customer_id, sent_at);

CREATE TABLE survey_response (
    id             uuid PRIMARY KEY,
    tenant         text        NOT NULL,
    invitation_id  uuid UNIQUE REFERENCES invitation (id),
    definition_id  uuid,
    type           text        NOT NULL,
    scale_min      integer     NOT NULL,
    scale_max      integer     NOT NULL,
    score          integer     NOT NULL,
    normalized     double precision NOT NULL,
    comment        text,
    sentiment      text,
    themes         varchar[]   NOT NULL DEFAULT '{}',
    matched        varchar[]   NOT NULL DEFAULT '{}',
    ticket_id      uuid,
    customer_id    uuid,
    agent_id       text,
    team           text,
    channel        text,
    external_id    text,
    responded_at   timestamptz NOT NULL,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    UNIQUE (tenant, external_id)
);
CREATE INDEX survey_response_tenant_time ON survey_response (tenant, responded_at, id);
CREATE INDEX survey_response_ticket ON survey_response (tenant, ticket_id);
CREATE INDEX survey_response_customer ON survey_response (tenant, customer_id);

-- consumed events applied once: the insert shares the transaction of the effect
CREATE TABLE processed_event (
    event_id      text PRIMARY KEY,
    processed_at  timestamptz NOT NULL
);
