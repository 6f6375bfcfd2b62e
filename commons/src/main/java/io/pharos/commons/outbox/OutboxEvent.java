package io.pharos.commons.outbox;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A CloudEvent waiting in the outbox for the relay to put it on Kafka. */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "event_id")
    public UUID eventId;
    public String tenant;
    public String topic;
    @Column(name = "message_key")
    public String messageKey;
    public int lane;
    public String type;
    /** The whole CloudEvent, JSON (structured mode). */
    public String payload;
    @Column(name = "created_at")
    public Instant createdAt;
}
