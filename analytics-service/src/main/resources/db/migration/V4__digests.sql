-- One digest per tenant and period, whichever replica's schedule fires first.
CREATE TABLE digest_sent (
    tenant        text        NOT NULL,
    period_start  timestamptz NOT NULL,
    period_end    timestamptz NOT NULL,
    recipients    integer     NOT NULL,
    sent_at       timestamptz NOT NULL,
    PRIMARY KEY (tenant, period_start)
);
