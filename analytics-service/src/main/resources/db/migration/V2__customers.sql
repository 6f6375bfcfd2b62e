-- Customers and their lifecycle (pharos.customer.*): the retention rate.
CREATE TABLE customer_fact (
    customer_id  uuid PRIMARY KEY,
    tenant       text        NOT NULL,
    created_at   timestamptz NOT NULL,
    churned_on   date,                      -- the effective churn date integrators set
    merged_away  boolean     NOT NULL DEFAULT false,  -- merged into another customer: no longer counted
    snapshot_at  timestamptz NOT NULL
);
CREATE INDEX customer_fact_tenant ON customer_fact (tenant, created_at);
