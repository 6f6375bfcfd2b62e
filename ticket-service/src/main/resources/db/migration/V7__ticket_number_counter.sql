-- Ticket numbers: one counter row per tenant, bumped by an upsert inside the creating transaction.
-- The row lock is held until that transaction ends, so a tenant's numbers are handed out in commit
-- order and a rolled-back create gives its number back: numbers are unique and gap-free per tenant.
-- (They came from one PostgreSQL sequence per tenant, created on first use: sequences are not
-- transactional, so every failed create left a gap, and the first creates of a new tenant could
-- fail while another transaction's CREATE SEQUENCE was not yet committed.)
CREATE TABLE ticket_number (
    tenant       text   PRIMARY KEY,
    last_number  bigint NOT NULL
);

-- carry on after the highest number each tenant already has
INSERT INTO ticket_number (tenant, last_number)
SELECT tenant, max(number) FROM ticket GROUP BY tenant;

-- the next number of a tenant; the first one is 1000, as before
CREATE FUNCTION next_ticket_number(p_tenant text) RETURNS bigint
LANGUAGE sql VOLATILE AS $$
    INSERT INTO ticket_number AS c (tenant, last_number) VALUES (p_tenant, 1000)
    ON CONFLICT (tenant) DO UPDATE SET last_number = c.last_number + 1
    RETURNING c.last_number;
$$;

-- the per-tenant sequences are no longer used
DO $$
DECLARE s record;
BEGIN
    FOR s IN SELECT sequencename FROM pg_sequences
             WHERE schemaname = current_schema() AND sequencename ~ '^ticket_number_[0-9a-f]{20}$' LOOP
        EXECUTE format('DROP SEQUENCE %I', s.sequencename);
    END LOOP;
END $$;
