-- The transactional outbox every Pharos service publishes through (pharos-commons, io.pharos.commons.outbox).
-- Shipped in the commons jar and found by each service's Flyway on the classpath; V0_1 runs
-- before the service's own migrations.

-- transactional outbox: written in the transaction of the change, relayed to Kafka in id order
-- per lane; an aggregate always maps to the same lane, so its events stay in order
CREATE TABLE outbox_event (
    id            bigserial PRIMARY KEY,
    event_id      uuid        NOT NULL UNIQUE,
    tenant        text        NOT NULL,
    topic         text        NOT NULL,
    message_key   text        NOT NULL,
    lane          integer     NOT NULL,
    type          text        NOT NULL,
    payload       text        NOT NULL,
    created_at    timestamptz NOT NULL
);
CREATE INDEX outbox_event_lane ON outbox_event (lane, id);

-- one row per lane; a relay replica works a lane while it holds the row lock (SKIP LOCKED)
CREATE TABLE outbox_lane (
    lane integer PRIMARY KEY
);
INSERT INTO outbox_lane (lane) SELECT generate_series(0, 7);

-- wake the relay as soon as an event is committed
CREATE FUNCTION outbox_notify() RETURNS trigger AS $$
BEGIN
    PERFORM pg_notify('pharos_outbox', NEW.lane::text);
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER outbox_event_notify AFTER INSERT ON outbox_event
    FOR EACH ROW EXECUTE FUNCTION outbox_notify();
