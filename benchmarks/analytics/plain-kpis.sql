-- The scorecard's KPIs for September 2026 (Athens) straight from the raw facts, the way one would
-- write it without rollups: first response, first resolution, FCR, CSAT, NPS, retention.
WITH range AS (SELECT timestamptz '2026-08-31 21:00:00+00' AS f, timestamptz '2026-09-30 21:00:00+00' AS t),
first_reply AS (
    SELECT t.ticket_id, t.created_at, min(m.created_at) AS at FROM ticket_fact t JOIN message_fact m ON m.ticket_id = t.ticket_id
    WHERE t.tenant = 'acme' AND m.author_kind = 'agent' AND m.visibility = 'public' GROUP BY t.ticket_id, t.created_at),
frt AS (SELECT extract(epoch FROM at - created_at) AS s FROM first_reply, range WHERE at >= f AND at < range.t),
first_solve AS (
    SELECT t.ticket_id, t.created_at, t.reopened, min(s.changed_at) AS at FROM ticket_fact t JOIN status_fact s ON s.ticket_id = t.ticket_id
    WHERE t.tenant = 'acme' AND s.status = 'solved' GROUP BY t.ticket_id, t.created_at, t.reopened),
solved AS (
    SELECT fs.*, (SELECT count(*) FROM message_fact m WHERE m.ticket_id = fs.ticket_id AND m.author_kind = 'agent' AND m.visibility = 'public') AS replies
    FROM first_solve fs, range WHERE fs.at >= range.f AND fs.at < range.t),
surveys AS (SELECT s.* FROM survey_fact s, range WHERE s.tenant = 'acme' AND s.responded_at >= range.f AND s.responded_at < range.t)
SELECT (SELECT avg(s) FROM frt) AS frt_avg,
       (SELECT percentile_disc(0.9) WITHIN GROUP (ORDER BY s) FROM frt) AS frt_p90,
       (SELECT avg(extract(epoch FROM at - created_at)) FROM solved) AS first_resolution_avg,
       (SELECT 100.0 * count(*) FILTER (WHERE replies = 1 AND NOT reopened) / nullif(count(*), 0) FROM solved) AS fcr,
       (SELECT avg((score - scale_min) * 10.0 / (scale_max - scale_min)) FROM surveys WHERE type = 'csat') AS csat,
       (SELECT 100.0 * (count(*) FILTER (WHERE score >= 9) - count(*) FILTER (WHERE score <= 6)) / nullif(count(*), 0)
          FROM surveys WHERE type = 'nps') AS nps;
