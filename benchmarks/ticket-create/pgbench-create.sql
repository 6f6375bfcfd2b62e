-- The database work of one POST /api/v1/tickets for a first-time customer, as ticket-service
-- does it (its statement log, 2026-12-07): the identity looked up, customer, identity, per-tenant number, ticket,
-- the tenant's SLA policies and default calendar read, two SLA clocks, message, the SLA timeline step, the
-- routing rules read, three audit entries and three outbox events (customer.created, ticket.created,
-- ticket.message.added) in one transaction. The reads are of tenant acme's configuration (what the REST
-- run's tickets read); the rows written are tenant bench's, removed by run.sh.
-- The outbox payloads are valid CloudEvents of type pharos.bench.discard (tenant bench) of the
-- real events' size: the relay publishes them to pharos.ticket.events, and consumers must be able
-- to read and ignore them (raw padding once sent every consumer's dead-letter topic 250 k records).
\set n random(1, 2000000000)
BEGIN;
SELECT c.id FROM customer_identity i JOIN customer c ON c.id = i.customer_id
  WHERE i.tenant = 'bench' AND i.type = 'EMAIL' AND i.value = 'pg-' || :n || '@example.test' AND i.verified LIMIT 1;
INSERT INTO customer (id, tenant, name, tags, lifecycle, created_at, updated_at, version)
  VALUES (gen_random_uuid(), 'bench', 'Bench', '{}', 'ACTIVE', now(), now(), 0) RETURNING id \gset c_
INSERT INTO customer_identity (id, tenant, customer_id, type, value, created_at)
  VALUES (gen_random_uuid(), 'bench', ':c_id', 'EMAIL', 'pg-' || :n || '-' || :client_id || '-' || txid_current() || '@example.test', now());
INSERT INTO audit_entry (tenant, customer_id, actor, action, detail, at)
  VALUES ('bench', ':c_id', 'system:bench', 'customer.created', '{"identities":["email:x"]}', now());
INSERT INTO outbox_event (event_id, tenant, topic, message_key, lane, type, payload, created_at)
  VALUES (gen_random_uuid(), 'bench', 'pharos.ticket.events', ':c_id', 1, 'pharos.customer.created', '{"specversion":"1.0","id":"' || gen_random_uuid() || '","source":"//pharos/bench","type":"pharos.bench.discard","tenant":"bench","data":{"pad":"' || repeat('x', 600) || '"}}', now());
SELECT next_ticket_number('bench') AS number \gset
INSERT INTO ticket (id, tenant, number, subject, status, priority, channel, requester_id, tags, created_at, updated_at, reopen_count, version)
  VALUES (gen_random_uuid(), 'bench', :number, 'Order not delivered', 'NEW', 'NORMAL', 'EMAIL', ':c_id', '{bench}', now(), now(), 0, 0)
  RETURNING id \gset t_
INSERT INTO audit_entry (tenant, ticket_id, customer_id, actor, action, detail, at)
  VALUES ('bench', ':t_id', ':c_id', 'system:bench', 'ticket.created', '{"number":1,"channel":"EMAIL"}', now());
SELECT * FROM sla_policy WHERE tenant = 'acme' ORDER BY position, created_at, id;
SELECT * FROM business_calendar WHERE tenant = 'acme' AND is_default LIMIT 1;
INSERT INTO ticket_sla (ticket_id, target, tenant, policy_id, policy_name, target_seconds, business, state, used_seconds,
    running_since, started_at, due_at, warn_at, cycle, updated_at)
  VALUES (':t_id', 'FIRST_RESPONSE', 'bench', gen_random_uuid(), 'Bench', 86400, false, 'ACTIVE', 0,
    now(), now(), now() + interval '1 day', now() + interval '18 hours', 1, now()),
         (':t_id', 'RESOLUTION', 'bench', gen_random_uuid(), 'Bench', 144000, true, 'ACTIVE', 0,
    now(), now(), now() + interval '7 days', now() + interval '4 days', 1, now());
INSERT INTO outbox_event (event_id, tenant, topic, message_key, lane, type, payload, created_at)
  VALUES (gen_random_uuid(), 'bench', 'pharos.ticket.events', ':t_id', 2, 'pharos.ticket.created', '{"specversion":"1.0","id":"' || gen_random_uuid() || '","source":"//pharos/bench","type":"pharos.bench.discard","tenant":"bench","data":{"pad":"' || repeat('x', 900) || '"}}', now());
INSERT INTO message (id, tenant, ticket_id, author_kind, author_id, visibility, body_text, channel, created_at)
  VALUES (gen_random_uuid(), 'bench', ':t_id', 'CUSTOMER', ':c_id', 'PUBLIC', 'Where is my order?', 'EMAIL', now());
INSERT INTO audit_entry (tenant, ticket_id, actor, action, detail, at)
  VALUES ('bench', ':t_id', 'customer:x', 'message.added', '{"visibility":"PUBLIC"}', now());
INSERT INTO ticket_sla_step (tenant, ticket_id, at, kind) VALUES ('bench', ':t_id', now(), 'CUSTOMER_MESSAGE');
INSERT INTO outbox_event (event_id, tenant, topic, message_key, lane, type, payload, created_at)
  VALUES (gen_random_uuid(), 'bench', 'pharos.ticket.events', ':t_id', 2, 'pharos.ticket.message.added', '{"specversion":"1.0","id":"' || gen_random_uuid() || '","source":"//pharos/bench","type":"pharos.bench.discard","tenant":"bench","data":{"pad":"' || repeat('x', 1100) || '"}}', now());
SELECT * FROM routing_rule WHERE tenant = 'acme' ORDER BY position, created_at, id;
COMMIT;
