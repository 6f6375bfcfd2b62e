-- Facts projected from ticket and survey events. Every column is either the newest snapshot
-- (guarded by its timestamp) or derived from append-only rows, so applying the same events in
-- any order, once each, gives the same facts.

-- each event id applied once, in the same transaction as its effect
CREATE TABLE processed_event (
    event_id      text PRIMARY KEY,
    topic         text        NOT NULL,
    type          text        NOT NULL,
    processed_at  timestamptz NOT NULL
);

CREATE TABLE ticket_fact (
    ticket_id     uuid PRIMARY KEY,
    tenant        text        NOT NULL,
    number        bigint,
    channel       text,
    team          text,
    assignee      text,
    priority      text,
    requester_id  uuid,
    status        text,
    created_at    timestamptz,
    reopened      boolean     NOT NULL DEFAULT false,
    snapshot_at   timestamptz              -- updatedAt of the snapshot the descriptive columns come from
);
CREATE INDEX ticket_fact_tenant ON ticket_fact (tenant, created_at);

-- every message (public and internal) with its author kind: FRT, reply time and FCR come from these
CREATE TABLE message_fact (
    message_id    uuid PRIMARY KEY,
    tenant        text        NOT NULL,
    ticket_id     uuid        NOT NULL,
    author_kind   text        NOT NULL,    -- customer, agent, system
    visibility    text        NOT NULL,    -- public, internal
    created_at    timestamptz NOT NULL
);
CREATE INDEX message_fact_ticket ON message_fact (ticket_id, created_at);

-- every status a ticket entered, when: solves, reopens and the backlog at any instant
CREATE TABLE status_fact (
    ticket_id     uuid        NOT NULL,
    tenant        text        NOT NULL,
    status        text        NOT NULL,
    changed_at    timestamptz NOT NULL,
    PRIMARY KEY (ticket_id, changed_at, status)
);

CREATE TABLE survey_fact (
    response_id   uuid PRIMARY KEY,
    tenant        text        NOT NULL,
    type          text        NOT NULL,    -- csat, nps, ces
    score         integer     NOT NULL,
    scale_min     integer     NOT NULL,
    scale_max     integer     NOT NULL,
    responded_at  timestamptz NOT NULL,
    ticket_id     uuid,
    channel       text,
    agent         text,
    team          text
);
CREATE INDEX survey_fact_tenant ON survey_fact (tenant, responded_at);

-- the tenant's calendars, kept from ticket-service's pharos.calendar.updated (business time, bucket zone)
CREATE TABLE calendar_replica (
    id          uuid PRIMARY KEY,
    tenant      text        NOT NULL,
    is_default  boolean     NOT NULL,
    definition  text        NOT NULL,      -- the CalendarDto as JSON
    updated_at  timestamptz NOT NULL
);

-- what each ticket adds to the rollups; replaced whole whenever the ticket's facts change
CREATE TABLE contribution (
    ticket_id   uuid        NOT NULL,
    tenant      text        NOT NULL,
    metric      text        NOT NULL,
    bucket      timestamptz NOT NULL,      -- the hour the data point belongs to
    until       timestamptz,               -- full resolution only: the hour of the reopen that withdrew it
    channel     text        NOT NULL,
    team        text        NOT NULL,
    agent       text        NOT NULL,
    value       double precision NOT NULL
);
CREATE INDEX contribution_ticket ON contribution (ticket_id);

-- sums and counts by tenant x hour x channel x team x agent x metric; any period and grouping adds these up
CREATE TABLE rollup (
    tenant      text        NOT NULL,
    bucket      timestamptz NOT NULL,
    until       timestamptz NOT NULL,          -- 9999-12-31 when never withdrawn
    channel     text        NOT NULL,
    team        text        NOT NULL,
    agent       text        NOT NULL,
    metric      text        NOT NULL,
    n           bigint      NOT NULL,
    total       double precision NOT NULL,
    PRIMARY KEY (tenant, metric, bucket, until, channel, team, agent)
);

-- the distribution of each duration metric in log bins (2 % wide: percentiles within 1 %), mergeable by addition
CREATE TABLE rollup_bin (
    tenant      text        NOT NULL,
    bucket      timestamptz NOT NULL,
    until       timestamptz NOT NULL,          -- 9999-12-31 when never withdrawn
    channel     text        NOT NULL,
    team        text        NOT NULL,
    agent       text        NOT NULL,
    metric      text        NOT NULL,
    bin         integer     NOT NULL,
    n           bigint      NOT NULL,
    PRIMARY KEY (tenant, metric, bucket, until, channel, team, agent, bin)
);

-- targets per tenant and KPI (the defaults of DESIGN.md apply where none is set)
CREATE TABLE kpi_target (
    tenant      text        NOT NULL,
    kpi         text        NOT NULL,
    target      double precision NOT NULL,
    PRIMARY KEY (tenant, kpi)
);
