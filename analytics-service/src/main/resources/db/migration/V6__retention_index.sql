-- Retention counts a tenant's customers by creation and churn: one pass over this covering index.
CREATE INDEX customer_fact_retention ON customer_fact (tenant, created_at) INCLUDE (churned_on) WHERE NOT merged_away;
