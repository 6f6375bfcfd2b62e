-- One million synthetic tickets of tenant acme over a year (Nov 2025 - Oct 2026), with their facts
-- and the rollups analytics-service would have made of them, loaded by SQL: applying the ~5 million
-- events they stand for at ~1-2 thousand a second would take over an hour, and the figures compared
-- here (query latency) depend on the rows, not on how they arrived.
\set ON_ERROR_STOP on
SET work_mem = '512MB';
SELECT setseed(0.42);
TRUNCATE processed_event, ticket_fact, message_fact, status_fact, survey_fact, calendar_replica, contribution, rollup, rollup_bin, rollup_day, rollup_day_bin,
    customer_fact, sla_fact, agent_presence, kpi_target, digest_sent;

CREATE TEMP TABLE t AS
SELECT gen_random_uuid() AS id, g AS number,
       (ARRAY['email','chat','sms','whatsapp','telegram','messenger','instagram','form','phone'])[1 + floor(random() * 9)::int] AS channel,
       (ARRAY['billing','logistics','returns','tech','vip','onboarding'])[1 + floor(random() * 6)::int] AS team,
       'agent-' || (1 + floor(random() * 60)::int) AS agent,
       timestamptz '2025-11-01 00:00:00+00' + random() * interval '365 days' AS created,
       (30 + floor(-ln(1 - random()) * 2400))::int AS frt,              -- exponential, mean 40 min
       (floor(-ln(1 - random()) * 20000))::int AS after_reply,          -- solve after the reply, mean 5.6 h
       random() < 0.85 AS solved, random() < 0.08 AS reopened, random() < 0.7 AS one_reply,
       floor(random() * 200000)::int AS customer
FROM generate_series(1, 1000000) g;
ALTER TABLE t ADD COLUMN reply_at timestamptz, ADD COLUMN solve_at timestamptz;
UPDATE t SET reply_at = created + frt * interval '1 second',
             solve_at = CASE WHEN solved THEN created + (frt + 60 + after_reply) * interval '1 second' END;

INSERT INTO ticket_fact (ticket_id, tenant, number, channel, team, assignee, priority, requester_id, status, created_at, reopened, snapshot_at)
SELECT id, 'acme', number, channel, team, agent, 'normal', md5('customer' || customer)::uuid,
       CASE WHEN solved THEN 'solved' ELSE 'open' END, created, reopened, coalesce(solve_at, reply_at) FROM t;
INSERT INTO message_fact (message_id, tenant, ticket_id, author_kind, visibility, created_at)
SELECT gen_random_uuid(), 'acme', id, 'customer', 'public', created FROM t
UNION ALL SELECT gen_random_uuid(), 'acme', id, 'agent', 'public', reply_at FROM t
UNION ALL SELECT gen_random_uuid(), 'acme', id, 'agent', 'public', reply_at + interval '30 minutes' FROM t WHERE NOT one_reply;
INSERT INTO status_fact (ticket_id, tenant, status, changed_at)
SELECT id, 'acme', 'new', created FROM t UNION ALL SELECT id, 'acme', 'solved', solve_at FROM t WHERE solved;

INSERT INTO customer_fact (customer_id, tenant, created_at, churned_on, snapshot_at)
SELECT md5('customer' || c)::uuid, 'acme', timestamptz '2023-01-01 00:00:00+00' + random() * interval '1400 days',
       CASE WHEN random() < 0.06 THEN date '2025-11-01' + floor(random() * 365)::int END, now()
FROM generate_series(0, 199999) c;

CREATE TEMP TABLE s AS
SELECT gen_random_uuid() AS id, t.id AS ticket, t.channel, t.team, t.agent, t.solve_at + interval '2 hours' AS at,
       (ARRAY['csat','csat','csat','nps','ces'])[1 + floor(random() * 5)::int] AS type, random() AS r
FROM t WHERE solved AND random() < 0.18;
INSERT INTO survey_fact (response_id, tenant, type, score, scale_min, scale_max, responded_at, ticket_id, channel, agent, team)
SELECT id, 'acme', type,
       CASE type WHEN 'csat' THEN 1 + floor(r * 5)::int WHEN 'nps' THEN floor(r * 11)::int ELSE 1 + floor(r * 7)::int END,
       CASE type WHEN 'nps' THEN 0 ELSE 1 END, CASE type WHEN 'csat' THEN 5 WHEN 'nps' THEN 10 ELSE 7 END, at, ticket, channel, agent, team
FROM s;

-- the data points of Contributions.of and of the survey responses, in their hours
CREATE TEMP TABLE p AS
SELECT 'volume' AS metric, date_trunc('hour', created) AS bucket, channel, team, agent, 1.0::float8 AS value FROM t
UNION ALL SELECT 'backlog', date_trunc('hour', created), channel, team, agent, 1 FROM t
UNION ALL SELECT 'backlog', date_trunc('hour', solve_at), channel, team, agent, -1 FROM t WHERE solved
UNION ALL SELECT 'firstResponseTime', date_trunc('hour', reply_at), channel, team, agent, frt FROM t
UNION ALL SELECT 'firstResponseTimeBusiness', date_trunc('hour', reply_at), channel, team, agent, frt FROM t
UNION ALL SELECT 'replyTime', date_trunc('hour', reply_at), channel, team, agent, frt FROM t
UNION ALL SELECT m, date_trunc('hour', solve_at), channel, team, agent, extract(epoch FROM solve_at - created)
    FROM t, unnest(ARRAY['firstResolutionTime','firstResolutionTimeBusiness','fullResolutionTime','fullResolutionTimeBusiness']) m WHERE solved
UNION ALL SELECT 'fcr', date_trunc('hour', solve_at), channel, team, agent, CASE WHEN one_reply AND NOT reopened THEN 1 ELSE 0 END FROM t WHERE solved
UNION ALL SELECT 'reopenRate', date_trunc('hour', solve_at), channel, team, agent, CASE WHEN reopened THEN 1 ELSE 0 END FROM t WHERE solved
UNION ALL SELECT 'slaFirstResponseCompliance', date_trunc('hour', reply_at), channel, team, agent, CASE WHEN frt <= 3600 THEN 1 ELSE 0 END FROM t
UNION ALL SELECT 'csat', date_trunc('hour', at), channel, team, agent, floor(r * 5) * 10.0 / 4 FROM s WHERE type = 'csat'
UNION ALL SELECT 'csatSatisfied', date_trunc('hour', at), channel, team, agent, CASE WHEN 1 + floor(r * 5) >= 4 THEN 1 ELSE 0 END FROM s WHERE type = 'csat'
UNION ALL SELECT 'nps', date_trunc('hour', at), channel, team, agent,
    CASE WHEN floor(r * 11) >= 9 THEN 100 WHEN floor(r * 11) <= 6 THEN -100 ELSE 0 END FROM s WHERE type = 'nps'
UNION ALL SELECT 'ces', date_trunc('hour', at), channel, team, agent, 1 + floor(r * 7) FROM s WHERE type = 'ces';

INSERT INTO rollup (tenant, bucket, until, channel, team, agent, metric, n, total)
SELECT 'acme', bucket, timestamptz '9999-12-31 00:00:00+00', channel, team, agent, metric, count(*), sum(value) FROM p GROUP BY bucket, channel, team, agent, metric
UNION ALL SELECT 'acme', bucket, timestamptz '9999-12-31 00:00:00+00', '*', '*', '*', metric, count(*), sum(value) FROM p GROUP BY bucket, metric;
INSERT INTO rollup_bin (tenant, bucket, until, channel, team, agent, metric, bin, n)
SELECT 'acme', bucket, timestamptz '9999-12-31 00:00:00+00', channel, team, agent, metric, b, count(*) FROM
    (SELECT *, CASE WHEN value < 1 THEN -1 ELSE floor(ln(value) / ln(1.02) + 1e-9)::int END AS b FROM p WHERE metric LIKE '%Time%') x
    GROUP BY bucket, channel, team, agent, metric, b
UNION ALL SELECT 'acme', bucket, timestamptz '9999-12-31 00:00:00+00', '*', '*', '*', metric, b, count(*) FROM
    (SELECT *, CASE WHEN value < 1 THEN -1 ELSE floor(ln(value) / ln(1.02) + 1e-9)::int END AS b FROM p WHERE metric LIKE '%Time%') x
    GROUP BY bucket, metric, b;
-- the day rows (V9__day_rollups.sql): per UTC day, tenant-wide and per dimension, bins as arrays indexed by bin
CREATE TEMP TABLE dims AS SELECT * FROM (VALUES ('*'), ('channel'), ('team'), ('agent')) v(dim);
INSERT INTO rollup_day (tenant, bucket, until, channel, team, agent, metric, n, total)
SELECT 'acme', date_trunc('day', bucket, 'UTC') AS day, timestamptz '9999-12-31 00:00:00+00',
       CASE WHEN dim = 'channel' THEN channel ELSE '*' END, CASE WHEN dim = 'team' THEN team ELSE '*' END,
       CASE WHEN dim = 'agent' THEN agent ELSE '*' END AS a, metric, count(*), sum(value) FROM p, dims GROUP BY 2, 4, 5, 6, 7;
INSERT INTO rollup_day_bin (tenant, bucket, until, channel, team, agent, metric, counts)
SELECT 'acme', day, timestamptz '9999-12-31 00:00:00+00', c, tm, a, metric, rollup_bins(array_agg(b), array_agg(k)) FROM (
    SELECT date_trunc('day', bucket, 'UTC') AS day, CASE WHEN dim = 'channel' THEN channel ELSE '*' END AS c,
           CASE WHEN dim = 'team' THEN team ELSE '*' END AS tm, CASE WHEN dim = 'agent' THEN agent ELSE '*' END AS a, metric,
           CASE WHEN value < 1 THEN -1 ELSE floor(ln(value) / ln(1.02) + 1e-9)::int END AS b, count(*) AS k
    FROM p, dims WHERE metric LIKE '%Time%' GROUP BY 1, 2, 3, 4, 5, 6) x
GROUP BY day, c, tm, a, metric;
ANALYZE;
SELECT (SELECT count(*) FROM ticket_fact) AS tickets, (SELECT count(*) FROM message_fact) AS messages,
       (SELECT count(*) FROM survey_fact) AS responses, (SELECT count(*) FROM rollup) AS rollup_rows,
       (SELECT count(*) FROM rollup_bin) AS bin_rows,
       (SELECT count(*) FROM rollup_day) AS day_rows, (SELECT count(*) FROM rollup_day_bin) AS day_bin_rows;
