-- The outbox never blocks (pharos-commons, io.pharos.commons.outbox): a row the relay cannot
-- publish is retried a bounded number of times, then parked here; later rows of its aggregate wait
-- behind it (order kept) while every other aggregate and tenant keeps flowing.
-- V0_2 may arrive in a database whose service migrations (V1..) already ran: commons sets
-- quarkus.flyway.out-of-order=true so Flyway applies it anyway.

-- how often a row failed, why, and when it may be tried again (backoff)
ALTER TABLE outbox_event
    ADD COLUMN attempts   integer     NOT NULL DEFAULT 0,
    ADD COLUMN last_error text,
    ADD COLUMN first_try  timestamptz,
    ADD COLUMN next_try   timestamptz;
-- only rows in backoff are indexed: the happy path's "is an earlier row of this key waiting?" stays free
CREATE INDEX outbox_event_backoff ON outbox_event (lane, tenant, message_key, id) WHERE next_try IS NOT NULL;

-- rows that could not be published; id is the outbox id, so a replay goes back before the rows
-- of its aggregate that waited behind it
CREATE TABLE outbox_parked (
    id           bigint      PRIMARY KEY,
    event_id     uuid        NOT NULL,
    tenant       text        NOT NULL,
    topic        text        NOT NULL,
    message_key  text        NOT NULL,
    lane         integer     NOT NULL,
    type         text        NOT NULL,
    payload      text        NOT NULL,
    size         integer     NOT NULL,
    created_at   timestamptz NOT NULL,
    error        text        NOT NULL,
    attempts     integer     NOT NULL,
    first_try    timestamptz NOT NULL,
    last_try     timestamptz NOT NULL,
    status       text        NOT NULL CHECK (status IN ('parked', 'replayed', 'discarded')),
    resolved_by  text,
    resolved_at  timestamptz,
    reason       text
);
-- the relay asks for unresolved rows of an aggregate on every pass: a tiny partial index
CREATE INDEX outbox_parked_open ON outbox_parked (tenant, message_key) WHERE status = 'parked';
CREATE INDEX outbox_parked_listing ON outbox_parked (last_try DESC, id DESC);
