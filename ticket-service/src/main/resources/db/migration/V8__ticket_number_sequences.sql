-- Ticket numbers from one sequence per tenant again, created on first use. The counter row of V7
-- was gap-free, but its row lock is held until the creating transaction commits, so one tenant's
-- creates ran one commit (one WAL flush) at a time: 8–64 concurrent creates fell from ~70–130/s to
-- 19–34/s, and the same transaction in pgbench from ~450 to 42–62 tx/s (BENCHMARKS.md). Sequences
-- never hand out a number twice and never wait for another transaction; a create that rolls back
-- leaves a gap in its tenant's numbers (docs/api-conventions.md).
--
-- First use is race-free: a transaction that finds no sequence takes an advisory lock on its name
-- (held until it ends) and creates it, so a concurrent first create waits for that transaction and
-- then finds the sequence committed (or creates it, if the first one rolled back). A new sequence
-- continues after the tenant's highest number so far (ticket_number keeps V7's counters).
CREATE OR REPLACE FUNCTION next_ticket_number(p_tenant text) RETURNS bigint
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    seq  text := 'ticket_number_' || substr(md5(p_tenant), 1, 20);
    last bigint;
BEGIN
    RETURN nextval(seq);
EXCEPTION WHEN undefined_table THEN
    PERFORM pg_advisory_xact_lock(hashtext(seq));
    SELECT greatest(coalesce((SELECT c.last_number FROM ticket_number c WHERE c.tenant = p_tenant), 999),
                    coalesce((SELECT max(t.number) FROM ticket t WHERE t.tenant = p_tenant), 999))
      INTO last;
    EXECUTE format('CREATE SEQUENCE IF NOT EXISTS %I START %s', seq, last + 1);
    RETURN nextval(seq);
END $$;
