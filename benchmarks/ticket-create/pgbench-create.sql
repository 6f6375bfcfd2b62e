-- The database work of one POST /api/v1/tickets for a first-time customer, as ticket-service
-- does it: customer, identity, per-tenant number (the counter row of V7), ticket, message, three audit entries and three
-- outbox events (customer.created, ticket.created, ticket.message.added) in one transaction.
-- The outbox payloads are valid CloudEvents of type pharos.bench.discard (tenant bench) of the
-- real events' size: the relay publishes them to pharos.ticket.events, and consumers must be able
-- to read and ignore them (raw padding once sent every consumer's dead-letter topic 250 k records).
\set n random(1, 2000000000)
BEGIN;
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
INSERT INTO outbox_event (event_id, tenant, topic, message_key, lane, type, payload, created_at)
  VALUES (gen_random_uuid(), 'bench', 'pharos.ticket.events', ':t_id', 2, 'pharos.ticket.created', '{"specversion":"1.0","id":"' || gen_random_uuid() || '","source":"//pharos/bench","type":"pharos.bench.discard","tenant":"bench","data":{"pad":"' || repeat('x', 900) || '"}}', now());
INSERT INTO message (id, tenant, ticket_id, author_kind, author_id, visibility, body_text, channel, created_at)
  VALUES (gen_random_uuid(), 'bench', ':t_id', 'CUSTOMER', ':c_id', 'PUBLIC', 'Where is my order?', 'EMAIL', now());
INSERT INTO audit_entry (tenant, ticket_id, actor, action, detail, at)
  VALUES ('bench', ':t_id', 'customer:x', 'message.added', '{"visibility":"PUBLIC"}', now());
INSERT INTO outbox_event (event_id, tenant, topic, message_key, lane, type, payload, created_at)
  VALUES (gen_random_uuid(), 'bench', 'pharos.ticket.events', ':t_id', 2, 'pharos.ticket.message.added', '{"specversion":"1.0","id":"' || gen_random_uuid() || '","source":"//pharos/bench","type":"pharos.bench.discard","tenant":"bench","data":{"pad":"' || repeat('x', 1100) || '"}}', now());
COMMIT;
