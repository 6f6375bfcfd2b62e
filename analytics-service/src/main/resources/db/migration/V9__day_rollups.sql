-- Day-grain rollups: the hourly rows added up per UTC day, tenant-wide ('*', '*', '*') and per dimension:
-- (channel, '*', '*'), ('*', team, '*') and ('*', '*', agent). A report reads whole UTC days here and only the
-- hours at its range's edges from rollup, so a month grouped by channel reads a few thousand rows instead of
-- nearly one per ticket. UTC days serve every zone: a range is whole UTC hours, whatever zone cut it. `until`
-- keeps its hour (a withdrawn full resolution is judged at the range's end exactly as in the hourly rows).
-- the columns of rollup; bucket is the UTC day's start
CREATE TABLE rollup_day (LIKE rollup INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
ALTER TABLE rollup_day ADD PRIMARY KEY (tenant, metric, bucket, until, channel, team, agent);
CREATE INDEX rollup_day_tenant_bucket ON rollup_day (tenant, bucket) INCLUDE (until, channel, team, agent, metric, n, total);

-- A day's bins of one group and metric in one row: counts[bin] is the count of log bin `bin` (the array's
-- subscripts are the bins, null where empty), so a month by agent reads one row per agent, day and metric
-- instead of one per bin; a data point adds to one element (counts[bin] = counts[bin] + n).
CREATE TABLE rollup_day_bin (
    tenant      text        NOT NULL,
    bucket      timestamptz NOT NULL,
    until       timestamptz NOT NULL,
    channel     text        NOT NULL,
    team        text        NOT NULL,
    agent       text        NOT NULL,
    metric      text        NOT NULL,
    counts      bigint[]    NOT NULL,
    PRIMARY KEY (tenant, metric, bucket, until, channel, team, agent)
);
CREATE INDEX rollup_day_bin_tenant_bucket ON rollup_day_bin (tenant, bucket);

-- counts indexed by bin, from the (bin, n) pairs of one group (the backfill; the write path assigns elements)
CREATE FUNCTION rollup_bins(bins integer[], ns bigint[]) RETURNS bigint[] LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    counts bigint[];
BEGIN
    FOR i IN 1 .. coalesce(array_length(bins, 1), 0) LOOP
        counts[bins[i]] := coalesce(counts[bins[i]], 0) + ns[i];
    END LOOP;
    RETURN counts;
END $$;

-- backfill from the hourly rows: the tenant-wide ones, and the cross product added up per dimension in one pass
-- (grouping sets; the dimensions a set leaves out come out null, which is '*' here)
INSERT INTO rollup_day (tenant, bucket, until, channel, team, agent, metric, n, total)
    SELECT tenant, date_trunc('day', bucket, 'UTC'), until, '*', '*', '*', metric, sum(n), sum(total) FROM rollup
    WHERE channel = '*' GROUP BY 1, 2, 3, metric;
INSERT INTO rollup_day (tenant, bucket, until, channel, team, agent, metric, n, total)
    SELECT tenant, date_trunc('day', bucket, 'UTC') AS day, until, coalesce(channel, '*'), coalesce(team, '*'), coalesce(agent, '*'), metric,
           sum(n), sum(total) FROM rollup WHERE channel <> '*'
    GROUP BY GROUPING SETS ((tenant, day, until, metric, channel), (tenant, day, until, metric, team), (tenant, day, until, metric, agent));

CREATE TEMP TABLE day_bin AS
    SELECT tenant, date_trunc('day', bucket, 'UTC') AS bucket, until, '*'::text AS channel, '*'::text AS team, '*'::text AS agent, metric, bin,
           sum(n)::bigint AS n FROM rollup_bin WHERE channel = '*' GROUP BY 1, 2, 3, metric, bin;
INSERT INTO day_bin
    SELECT tenant, date_trunc('day', bucket, 'UTC') AS day, until, coalesce(channel, '*'), coalesce(team, '*'), coalesce(agent, '*'), metric, bin,
           sum(n)::bigint FROM rollup_bin WHERE channel <> '*'
    GROUP BY GROUPING SETS ((tenant, day, until, metric, bin, channel), (tenant, day, until, metric, bin, team),
                            (tenant, day, until, metric, bin, agent));
INSERT INTO rollup_day_bin (tenant, bucket, until, channel, team, agent, metric, counts)
    SELECT tenant, bucket, until, channel, team, agent, metric, rollup_bins(array_agg(bin), array_agg(n)) FROM day_bin
    GROUP BY tenant, bucket, until, channel, team, agent, metric;
DROP TABLE day_bin;

-- the grouped hourly rows are read only at a range's edges now: covering indexes, so those reads stay in the index
DROP INDEX rollup_tenant_bucket;
DROP INDEX rollup_bin_tenant_bucket;
CREATE INDEX rollup_grouped ON rollup (tenant, bucket) INCLUDE (until, channel, team, agent, metric, n, total) WHERE channel <> '*';
CREATE INDEX rollup_bin_grouped ON rollup_bin (tenant, bucket) INCLUDE (until, channel, team, agent, metric, bin, n) WHERE channel <> '*';
