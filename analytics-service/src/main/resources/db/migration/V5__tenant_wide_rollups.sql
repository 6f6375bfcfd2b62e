-- Tenant-wide rollup rows (channel = team = agent = '*'): every data point is also added up there,
-- so that ungrouped reports read one row per hour and metric, whatever the number of agents.
INSERT INTO rollup (tenant, bucket, until, channel, team, agent, metric, n, total)
    SELECT tenant, bucket, until, '*', '*', '*', metric, sum(n), sum(total) FROM rollup
    WHERE channel <> '*' GROUP BY tenant, bucket, until, metric;
INSERT INTO rollup_bin (tenant, bucket, until, channel, team, agent, metric, bin, n)
    SELECT tenant, bucket, until, '*', '*', '*', metric, bin, sum(n) FROM rollup_bin
    WHERE channel <> '*' GROUP BY tenant, bucket, until, metric, bin;

-- reports read a tenant's hours: the tenant-wide rows, or the grouped ones
CREATE INDEX rollup_tenant_wide ON rollup (tenant, bucket) INCLUDE (until, metric, n, total) WHERE channel = '*';
CREATE INDEX rollup_bin_tenant_wide ON rollup_bin (tenant, bucket) INCLUDE (until, metric, bin, n) WHERE channel = '*';
CREATE INDEX rollup_tenant_bucket ON rollup (tenant, bucket);
CREATE INDEX rollup_bin_tenant_bucket ON rollup_bin (tenant, bucket);
