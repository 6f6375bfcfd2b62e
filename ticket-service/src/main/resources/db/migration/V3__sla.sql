-- Business-hours calendars, SLA policies and each ticket's SLA clocks.

CREATE TABLE business_calendar (
    id           uuid PRIMARY KEY,
    tenant       text        NOT NULL,
    name         text        NOT NULL,
    time_zone    text        NOT NULL,
    always_open  boolean     NOT NULL,
    -- [{"day": "MONDAY", "start": "09:00", "end": "17:00"}, …]
    intervals    text        NOT NULL,
    -- [{"date": "2026-03-25", "yearly": true, "name": "…"}, …]
    holidays     text        NOT NULL,
    is_default   boolean     NOT NULL,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    version      bigint      NOT NULL,
    UNIQUE (tenant, name)
);
-- at most one default calendar per tenant
CREATE UNIQUE INDEX business_calendar_default ON business_calendar (tenant) WHERE is_default;

CREATE TABLE sla_policy (
    id                      uuid PRIMARY KEY,
    tenant                  text        NOT NULL,
    name                    text        NOT NULL,
    position                integer     NOT NULL,
    enabled                 boolean     NOT NULL,
    -- conditions: empty = any
    priorities              varchar[]   NOT NULL DEFAULT '{}',
    channels                varchar[]   NOT NULL DEFAULT '{}',
    tags                    varchar[]   NOT NULL DEFAULT '{}',
    customer_tags           varchar[]   NOT NULL DEFAULT '{}',
    -- null: the tenant's default calendar
    calendar_id             uuid REFERENCES business_calendar (id),
    first_response_seconds  integer,
    first_response_business boolean     NOT NULL,
    first_response_same_day boolean     NOT NULL DEFAULT false,
    next_reply_seconds      integer,
    next_reply_business     boolean     NOT NULL,
    resolution_seconds      integer,
    resolution_business     boolean     NOT NULL,
    warn_at_percent         integer     NOT NULL,
    escalate_priority       boolean     NOT NULL DEFAULT false,
    escalate_team           text,
    notify_supervisors      boolean     NOT NULL DEFAULT false,
    created_at              timestamptz NOT NULL,
    updated_at              timestamptz NOT NULL,
    version                 bigint      NOT NULL,
    UNIQUE (tenant, name)
);
CREATE INDEX sla_policy_tenant ON sla_policy (tenant, position);

-- one clock per ticket and target (first_response, next_reply, resolution)
CREATE TABLE ticket_sla (
    ticket_id      uuid        NOT NULL REFERENCES ticket (id),
    target         text        NOT NULL,
    tenant         text        NOT NULL,
    policy_id      uuid        NOT NULL,
    policy_name    text        NOT NULL,
    target_seconds integer     NOT NULL,
    business       boolean     NOT NULL,
    -- ACTIVE, PAUSED, MET, BREACHED, NONE (no outcome: solved before a first reply was due)
    state          text        NOT NULL,
    -- business (or calendar) seconds used before the clock last stopped: the resolution clock pauses
    used_seconds   bigint      NOT NULL DEFAULT 0,
    running_since  timestamptz,
    started_at     timestamptz NOT NULL,
    due_at         timestamptz,
    warn_at        timestamptz,
    fulfilled_at   timestamptz,
    -- next reply runs once per unanswered customer message: its cycle number keys its events
    cycle          integer     NOT NULL DEFAULT 1,
    warned         boolean     NOT NULL DEFAULT false,
    breached       boolean     NOT NULL DEFAULT false,
    ever_breached  boolean     NOT NULL DEFAULT false,
    updated_at     timestamptz NOT NULL,
    PRIMARY KEY (ticket_id, target)
);
-- what the scheduler looks at: running clocks not yet warned or breached
CREATE INDEX ticket_sla_warn ON ticket_sla (warn_at) WHERE state = 'ACTIVE' AND NOT warned;
CREATE INDEX ticket_sla_due ON ticket_sla (due_at) WHERE state = 'ACTIVE' AND NOT breached;
CREATE INDEX ticket_sla_tenant ON ticket_sla (tenant, ticket_id);
