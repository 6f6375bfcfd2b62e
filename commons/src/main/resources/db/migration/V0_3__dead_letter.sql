-- Dead letters of this service's Kafka consumers (pharos-commons, io.pharos.commons.deadletter).
-- A record the consumer could not process is parked here by the `pharos-park` failure strategy
-- before its offset is committed, and stays until a platform administrator replays or discards it.
CREATE TABLE dead_letter (
    id                bigserial PRIMARY KEY,
    channel           text        NOT NULL,           -- the @Incoming channel that failed
    consumer_group    text,
    topic             text        NOT NULL,
    kafka_partition   integer     NOT NULL,
    kafka_offset      bigint      NOT NULL,
    message_key       text,
    headers           jsonb       NOT NULL DEFAULT '[]', -- [{"key": ..., "value": ...}] (or "base64" for binary values)
    payload           bytea,                          -- the record value as received (bytes: NUL and all)
    tenant            text,                           -- from the CloudEvent, where readable
    event_type        text,
    event_id          text,
    reason            text        NOT NULL,
    exception_class   text        NOT NULL,
    first_failed_at   timestamptz NOT NULL,
    last_failed_at    timestamptz NOT NULL,
    attempts          integer     NOT NULL DEFAULT 1,
    status            text        NOT NULL DEFAULT 'parked' CHECK (status IN ('parked', 'replayed', 'discarded')),
    resolved_by       text,
    resolved_at       timestamptz,
    resolution_reason text,
    -- a record redelivered after a crash between parking and the offset commit is parked once
    UNIQUE (channel, topic, kafka_partition, kafka_offset)
);
CREATE INDEX dead_letter_parked ON dead_letter (channel, tenant, id) WHERE status = 'parked';
