-- SLA clocks as ticket-service's events carry them (slaClocks): the outcome of each target.
CREATE TABLE sla_fact (
    ticket_id     uuid        NOT NULL,
    target        text        NOT NULL,          -- first_response, next_reply, resolution
    tenant        text        NOT NULL,
    policy        text,
    state         text        NOT NULL,          -- active, paused, met, breached, none
    due_at        timestamptz,
    fulfilled_at  timestamptz,
    ever_breached boolean     NOT NULL,          -- sticky: a breach stays a breach whatever arrives later
    as_of         timestamptz NOT NULL,
    PRIMARY KEY (ticket_id, target)
);

-- Who is at work (pharos.agent.availability.changed): the live "agents online".
CREATE TABLE agent_presence (
    agent_id     text PRIMARY KEY,
    tenant       text        NOT NULL,
    team         text,
    availability text        NOT NULL,
    active       boolean     NOT NULL,
    changed_at   timestamptz NOT NULL
);

-- The live counters read the open tickets of a tenant.
CREATE INDEX ticket_fact_open ON ticket_fact (tenant) WHERE status NOT IN ('solved', 'closed');
CREATE INDEX ticket_fact_requester ON ticket_fact (tenant, requester_id);
