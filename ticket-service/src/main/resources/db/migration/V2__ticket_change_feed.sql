-- The agents' live change feed (GraphQL subscription ticketChanged). Every ticket event written to
-- the outbox also leaves a change row in the same transaction (trigger below, so no code path can
-- forget it). A single sequencer numbers committed changes per tenant, gap-free and in the order
-- it sees them committed: a client that remembers the last number it received can ask for
-- everything after it and miss nothing, even across reconnects and replicas.
CREATE TABLE ticket_change (
    id           bigserial PRIMARY KEY,
    tenant       text        NOT NULL,
    ticket_id    uuid        NOT NULL,
    type         text        NOT NULL,
    occurred_at  timestamptz NOT NULL,
    -- per-tenant number, null until sequenced
    seq          bigint,
    -- global position in sequencing order, so each replica can follow the feed with one cursor
    pos          bigint
);
CREATE UNIQUE INDEX ticket_change_tenant_seq ON ticket_change (tenant, seq);
CREATE UNIQUE INDEX ticket_change_pos ON ticket_change (pos);
CREATE INDEX ticket_change_unsequenced ON ticket_change (id) WHERE seq IS NULL;
CREATE INDEX ticket_change_occurred ON ticket_change (occurred_at);

CREATE TABLE ticket_change_counter (
    tenant   text PRIMARY KEY,
    last_seq bigint NOT NULL
);
CREATE SEQUENCE ticket_change_position;

CREATE FUNCTION ticket_change_capture() RETURNS trigger AS $$
BEGIN
    IF NEW.type LIKE 'pharos.ticket.%' THEN
        INSERT INTO ticket_change (tenant, ticket_id, type, occurred_at)
        VALUES (NEW.tenant, NEW.message_key::uuid, NEW.type, NEW.created_at);
        PERFORM pg_notify('pharos_ticket_change', '');
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER outbox_event_ticket_change AFTER INSERT ON outbox_event
    FOR EACH ROW EXECUTE FUNCTION ticket_change_capture();

-- Numbers the committed, unnumbered changes; one sequencer at a time across all replicas (the
-- advisory lock is held to commit, so a later run always hands out higher numbers). Answers how
-- many it numbered, or -1 when another replica is sequencing right now.
CREATE FUNCTION sequence_ticket_changes(batch integer) RETURNS integer AS $$
DECLARE
    numbered integer;
BEGIN
    IF NOT pg_try_advisory_xact_lock(hashtext('pharos.ticket_change.sequencer')) THEN
        RETURN -1;
    END IF;
    WITH pending AS (
        SELECT id, tenant, row_number() OVER (PARTITION BY tenant ORDER BY id) AS rn
        FROM ticket_change WHERE seq IS NULL ORDER BY id LIMIT batch
    ), counts AS (
        SELECT tenant, count(*) AS n FROM pending GROUP BY tenant
    ), bumped AS (
        INSERT INTO ticket_change_counter AS c (tenant, last_seq)
        SELECT tenant, n FROM counts
        ON CONFLICT (tenant) DO UPDATE SET last_seq = c.last_seq + EXCLUDED.last_seq
        RETURNING tenant, last_seq
    )
    UPDATE ticket_change t
       SET seq = b.last_seq - counts.n + p.rn, pos = nextval('ticket_change_position')
      FROM pending p JOIN counts USING (tenant) JOIN bumped b USING (tenant)
     WHERE t.id = p.id;
    GET DIAGNOSTICS numbered = ROW_COUNT;
    IF numbered > 0 THEN
        PERFORM pg_notify('pharos_ticket_sequenced', '');
    END IF;
    RETURN numbered;
END;
$$ LANGUAGE plpgsql;
