-- Issue 20 (2, 6): what an SLA replay needs, kept as it happens. One row per step that moves a
-- ticket's clocks (its start, an agent's public reply, a customer's message, a status change), in
-- the order the clocks saw them (id), with the step's own instant (an import's historical one).
-- Replaying these under other calendars or policies gives what a live ticket would have had.
CREATE TABLE ticket_sla_step (
    id            bigserial   PRIMARY KEY,
    tenant        text        NOT NULL,
    ticket_id     uuid        NOT NULL,
    at            timestamptz NOT NULL,
    -- START, AGENT_REPLY, CUSTOMER_MESSAGE, STATUS
    kind          text        NOT NULL,
    status_before text,
    status_after  text,
    -- START only: an agent opened the ticket (no first response); the policy an import named
    proactive     boolean,
    policy_name   text
);
CREATE INDEX ticket_sla_step_ticket ON ticket_sla_step (ticket_id, id);

-- A recomputation of SLA clocks from a date onward, after a calendar or policy changed.
CREATE TABLE sla_recompute_job (
    id          uuid        PRIMARY KEY,
    tenant      text        NOT NULL,
    status      text        NOT NULL,
    from_at     timestamptz NOT NULL,
    -- optional end (exclusive) of the creation range
    to_at       timestamptz,
    total       integer     NOT NULL DEFAULT 0,
    done        integer     NOT NULL DEFAULT 0,
    failed      integer     NOT NULL DEFAULT 0,
    started_at  timestamptz NOT NULL,
    finished_at timestamptz
);
